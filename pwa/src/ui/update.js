// Registers the service worker and, when a new version is waiting, asks the
// walker before reloading: a silent reload could eat a half-filled form. Nor
// does her "Update" reload over one (ui/unsaved.js): it asks her to finish it.
import { Workbox } from 'workbox-window';
import { h, toast } from './dom.js';
import { t } from '../i18n/index.js';
import { unsavedWork } from './unsaved.js';

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
  // The banner is the container its large-text layout asks about (styles): made with it,
  // not the page's #update, whose measure Chromium kept from before a late change of the
  // text size.
  const row = h(
    'div',
    { class: 'update-row' },
    // The words shown, gone at large text, and the copy screen readers read in any case.
    h('span', { class: 'update-words', 'aria-hidden': 'true' }, t('update.available')),
    h('span', { class: 'visually-hidden' }, t('update.available')),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary btn-small',
        onclick: () => {
          // A half-filled form stays: she saves or drops it, then updates.
          if (unsavedWork()) return toast(t('update.finishFirst'), { kind: 'warn', ms: 6000 });
          wb.addEventListener('controlling', () => window.location.reload());
          wb.messageSkipWaiting();
        },
      },
      t('update.reload'),
    ),
    // "Later" in words, or a cross at large text (styles: .update-later-x).
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-small update-later',
        'aria-label': t('update.later'),
        title: t('update.later'),
        onclick: () => banner.remove(),
      },
      h('span', { class: 'update-later-word', 'aria-hidden': 'true' }, t('update.later')),
      h('span', { class: 'update-later-x', 'aria-hidden': 'true' }, '×'),
    ),
  );
  const banner = h('div', { class: 'update-banner', role: 'alert' }, row);
  host.append(banner);
}
