// The sync chip in the header (count waiting, tap to sync) and the progress
// bar under it (cameras, photos, bytes): cameras, as the chip counts them.
import { h, toast } from '../dom.js';
import { formatBytes, t, tp } from '../../i18n/index.js';
import { ICONS } from '../icons.js';
import { errorMessage } from '../../i18n/errors.js';
import { waitingForNetwork } from '../../sync/scheduler.js';
import { unreadableAnswer } from '../../api/client.js';

// The chip's words and its title for what waits (sync/aside.js waitingToSend);
// null when nothing does.
export function pendingWords({ cameras, photos }) {
  if (cameras === 0 && photos === 0) return null;
  const titles = [
    cameras ? tp('sync.pendingTitle', cameras) : null,
    photos ? tp('sync.pendingPhotosTitle', photos) : null,
  ];
  const text =
    cameras && photos
      ? t('sync.pendingBoth', {
          cameras: tp('count.cameras', cameras),
          photos: tp('count.photos', photos),
        })
      : cameras
        ? t('sync.pending', { n: cameras })
        : tp('sync.pendingPhotos', photos);
  return { text, title: titles.filter(Boolean).join(' · ') };
}

// The toast at the end of a run: "Synced." only when nothing was set aside;
// with the chip still counting and the refusal line showing, it said
// everything went. Null when the run sent and set aside nothing.
export function doneWords(summary) {
  if (summary.aside) return { text: tp('sync.doneAside', summary.aside), kind: 'warn' };
  return summary.sent ? { text: t('sync.done'), kind: 'ok' } : null;
}

// The line under the chip after a run that failed while a server answered;
// `retryAt`: when the next run goes (ms), null when none is planned. An answer
// the app cannot read says so: "failed" alone, or "offline", would not be true.
export function failedWords(error, retryAt, now = Date.now()) {
  const s = retryAt ? Math.max(1, Math.round((retryAt - now) / 1000)) : null;
  if (unreadableAnswer(error)) return s ? t('sync.unreadable', { s }) : t('sync.unreadableLater');
  return s ? t('sync.failed', { s }) : errorMessage(error);
}

export function createSyncBar(ctx) {
  const label = h('span', { class: 'sync-label' }, '');
  const button = h(
    'button',
    {
      type: 'button',
      class: 'sync-chip',
      'aria-label': t('sync.now'),
      onclick: () => ctx.scheduler.request('manual'),
    },
    h('span', { class: 'icon', html: ICONS.sync }),
    label,
  );
  const bar = h('progress', {
    class: 'sync-progress',
    max: 1,
    value: 0,
    hidden: true,
    'aria-label': t('sync.running'),
  });
  const detail = h('p', { class: 'sync-detail', role: 'status', 'aria-live': 'polite' });
  let pending = { cameras: 0, photos: 0 };
  let aside = 0;
  // Stays under the chip while something waits for the walker, not the network.
  const asideLine = h('p', { class: 'sync-aside warn', role: 'status', hidden: true });

  // Offline, "✓ everything is on the server" would be a guess: the chip says
  // "offline" as soon as the browser knows, not after a failed sync; and as
  // well when the phone says online but nothing answers (a captive portal, a
  // dead link): her work is on the phone and goes when a connection works.
  let last = null;
  const online = () => !waitingForNetwork(last);

  // work: {cameras, photos} waiting (sync/aside.js waitingToSend).
  function setPending(work, setAside = aside) {
    pending = work;
    aside = setAside;
    asideLine.hidden = aside === 0;
    asideLine.textContent = aside ? tp('aside.summary', aside) : '';
    const words = pendingWords(work);
    button.classList.toggle('has-pending', Boolean(words));
    button.classList.toggle('offline', !online());
    const text = words ? words.text : online() ? '✓' : '';
    if (!button.classList.contains('running'))
      label.textContent = online()
        ? text
        : [t('sync.offlineChip'), text].filter(Boolean).join(' · ');
    button.title = words ? words.title : online() ? t('sync.allSafe') : t('sync.offline');
  }
  const onNetwork = () => setPending(pending);
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);

  function onState(s) {
    last = s;
    // Tried quietly while nothing answers: said as offline, not "Synchronisation…".
    const running = s.running && online();
    button.classList.toggle('running', running);
    bar.hidden = !running;
    if (running) {
      const p = s.progress || {};
      const total = (p.changesTotal || 0) + (p.bytesTotal || 0) / 50_000;
      const done = (p.changesDone || 0) + (p.bytesDone || 0) / 50_000;
      bar.value = total ? done / total : 0;
      label.textContent = t('sync.running');
      detail.textContent = t('sync.progress', {
        cameras: `${p.camerasDone || 0}/${tp('count.cameras', p.camerasTotal || 0)}`,
        photos: `${p.photosDone || 0}/${tp('count.photos', p.photosTotal || 0)}`,
        bytes: `${formatBytes(p.bytesDone || 0)} / ${formatBytes(p.bytesTotal || 0)}`,
      });
      return;
    }
    setPending(pending);
    detail.textContent = '';
    if (!online() && (s.running || s.error)) {
      detail.textContent = t('sync.offline');
    } else if (s.error && s.error.status !== 401) {
      detail.textContent = failedWords(s.error, s.retryAt);
    } else if (s.summary) {
      const done = doneWords(s.summary);
      if (done) toast(done.text, { kind: done.kind, ms: done.kind === 'ok' ? 3500 : 6000 });
      if (s.summary.conflicts)
        toast(tp('sync.conflicts', s.summary.conflicts), { kind: 'warn', ms: 6000 });
      if (s.summary.rejected)
        toast(tp('sync.rejected', s.summary.rejected), { kind: 'error', ms: 6000 });
    }
  }

  const stop = () => {
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
  };
  return { button, bar, detail, asideLine, onState, setPending, stop };
}
