// "Will my records survive?": persistent storage, space used, and whether the
// app runs installed or in a tab (a tab's storage is cleared more readily).
import { h } from '../dom.js';
import { formatBytes, t } from '../../i18n/index.js';
import { basemapUsage, storageEstimate } from '../../db/index.js';

let installPrompt = null;
if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault(); // keep it for our own button
    installPrompt = e;
  });
}

export function isInstalled() {
  return (
    window.matchMedia('(display-mode: standalone)').matches ||
    window.matchMedia('(display-mode: fullscreen)').matches ||
    navigator.standalone === true
  );
}

// Asks once per visit; browsers remember a grant.
export async function requestPersistence() {
  if (!navigator.storage || !navigator.storage.persist) return null;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

export function storagePanel() {
  const box = h(
    'section',
    { class: 'card storage', 'aria-live': 'polite' },
    h('h2', {}, t('storage.title')),
  );
  fill(box);
  return box;
}

// The walk maps kept for offline use: how many, how much room (they are in
// the usage figure above too; this says what part of it they are).
export async function showWalkMaps(box) {
  const usage = await basemapUsage();
  let line = box.querySelector('.walk-maps');
  if (!line) {
    line = h('p', { class: 'muted walk-maps' });
    box.append(line);
  }
  line.dataset.count = String(usage.count);
  line.textContent = t('storage.walkMaps', {
    count: usage.count,
    size: formatBytes(usage.bytes),
  });
}

async function fill(box) {
  const persisted = await requestPersistence();
  const text =
    persisted === null
      ? 'storage.unknown'
      : persisted
        ? 'storage.persisted'
        : 'storage.notPersisted';
  box.append(
    h('p', { class: persisted ? 'ok' : 'warn', 'data-persisted': String(persisted) }, t(text)),
  );
  const est = await storageEstimate();
  if (est && est.quota) {
    box.append(
      h(
        'p',
        { class: 'muted' },
        t('storage.usage', { used: formatBytes(est.usage || 0), quota: formatBytes(est.quota) }),
      ),
    );
  }
  await showWalkMaps(box);
  if (!isInstalled()) {
    box.append(h('p', { class: 'warn' }, t('storage.tab')));
    if (installPrompt) {
      box.append(
        h(
          'button',
          { class: 'btn', type: 'button', onclick: () => installPrompt.prompt() },
          t('storage.install'),
        ),
      );
    }
  }
}
