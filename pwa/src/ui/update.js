// Registers the service worker and, when a new version is waiting, asks the
// walker before reloading: a silent reload could eat a half-filled form.
import { Workbox } from 'workbox-window';
import { h } from './dom.js';
import { t } from '../i18n/index.js';

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const wb = new Workbox('/sw.js');
  wb.addEventListener('waiting', () => showPrompt(wb));
  wb.register();
  return wb;
}

function showPrompt(wb) {
  const host = document.getElementById('update');
  if (!host || host.firstChild) return;
  const banner = h(
    'div',
    { class: 'update-banner', role: 'alert' },
    h('span', {}, t('update.available')),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary btn-small',
        onclick: () => {
          wb.addEventListener('controlling', () => window.location.reload());
          wb.messageSkipWaiting();
        },
      },
      t('update.reload'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-small',
        onclick: () => banner.remove(),
      },
      t('update.later'),
    ),
  );
  host.append(banner);
}
