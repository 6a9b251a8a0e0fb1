import 'leaflet/dist/leaflet.css';
import './styles/app.css';
import { initLanguage } from './i18n/index.js';
import { startApp } from './ui/app.js';
import { registerServiceWorker } from './ui/update.js';

// The app's first line: bench/pwa_cold_start.py splits the time to the map here.
performance.mark('camwalk:start');
initLanguage();
registerServiceWorker();
startApp(document.getElementById('app')).then((ctx) => {
  // Handy for end-to-end tests and for debugging on a phone.
  window.camwalk = ctx;
});
