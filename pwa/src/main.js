import 'leaflet/dist/leaflet.css';
import './styles/app.css';
import { initLanguage } from './i18n/index.js';
import { startApp } from './ui/app.js';
import { registerServiceWorker } from './ui/update.js';

initLanguage();
registerServiceWorker();
startApp(document.getElementById('app')).then((ctx) => {
  // Handy for end-to-end tests and for debugging on a phone.
  window.camwalk = ctx;
});
