// Parts of the app loaded on demand (the organiser space and each of its tabs,
// the public map) are not in the phone's copy of the app. Offline they cannot
// come; and once the server has a new version, the part this copy names is
// gone (the build names each part by its content). The import failed and the
// page stayed blank, or on "Loading…", behind the "new version" banner: it
// now says why, and how to get the part.
import { h } from './dom.js';
import { t } from '../i18n/index.js';

export function partMissingKey(online) {
  return online ? 'part.newVersion' : 'part.offline';
}

// The part `load` brings, or null once onMissing() was told it could not come.
export async function loadPart(load, onMissing) {
  try {
    return await load();
  } catch (err) {
    onMissing(err);
    return null;
  }
}

// What shows in the part's place; `retry` loads it again (back online).
export function partMissing(retry) {
  return h(
    'div',
    { class: 'part-missing' },
    h(
      'p',
      { class: 'notice', role: 'alert' },
      t(partMissingKey(navigator.onLine), { update: t('update.reload') }),
    ),
    h('button', { type: 'button', class: 'btn btn-primary', onclick: retry }, t('part.retry')),
  );
}
