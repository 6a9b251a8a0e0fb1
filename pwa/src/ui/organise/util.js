// Small helpers the organiser screens share.
import { h, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { errorMessage } from '../../i18n/errors.js';

// Any value a walker typed, as plain text (never as HTML: h() makes text nodes).
export function show(value) {
  if (value == null || value === '') return '—';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') {
    if ('lat' in value && 'lon' in value) return `${value.lat.toFixed(6)}, ${value.lon.toFixed(6)}`;
    return JSON.stringify(value);
  }
  return String(value);
}

// The server's messages are English; every code it sends has a sentence in
// the shared dictionary. A code newer than this app shows the server's words.
export function failureText(err) {
  return errorMessage(err || {}, (e) => t('org.error', { msg: e.message || e.code || '?' }));
}

export function failed(err) {
  toast(failureText(err), { kind: 'error' });
}

export function loading() {
  return h('p', { class: 'muted', role: 'status' }, t('org.loading'));
}

// Runs an action with its button disabled; errors become a toast.
export async function act(button, fn) {
  if (button) button.disabled = true;
  try {
    return await fn();
  } catch (err) {
    failed(err);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

// One action at a time: `run(fn)` calls fn unless one is still on its way, in
// which case it sends nothing and answers undefined. A second tap while a weak
// link carries the first (a double tap on Approve, Approve then a merge) made
// the server decide twice on what the screen showed once. `onHold(on)` is
// called before (true) and after (false), to hold the screen's buttons.
export function oneAtATime(onHold = () => {}) {
  let busy = false;
  return {
    busy: () => busy,
    async run(fn) {
      if (busy) return undefined;
      busy = true;
      onHold(true);
      try {
        return await fn();
      } finally {
        busy = false;
        onHold(false);
      }
    },
  };
}

// What the server answers a decision about a possible-duplicate pair that
// someone else merged, deleted or settled meanwhile: its sentence says the page
// updates (i18n/errors.json), so the screen asks for the pair's cards again.
const PAIR_MOVED_ON = new Set(['already_settled', 'observation_deleted', 'observation_merged']);

// act(), then `onMovedOn()` when the server refused it because the pair moved on.
export async function actOnPair(button, fn, onMovedOn) {
  let movedOn = false;
  const done = await act(button, () =>
    fn().catch((err) => {
      movedOn = PAIR_MOVED_ON.has(err.code);
      throw err;
    }),
  );
  if (movedOn) await onMovedOn();
  return done;
}

// Saves a Blob under a name, through a temporary object URL.
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
