// The map's notes she hid, for the rest of the session. The basemap note took
// five or six lines of a 360 px phone's map, for good. Kept in sessionStorage:
// a reload keeps it hidden, the next day's walk (a new session) shows it again.
// Per note: hiding "basemap not available for now" (online) does not hide
// "no basemap offline here", which matters the first time she is offline in
// an area the phone has no map of.
const KEY = 'camwalk.hiddenNotes';

export function sessionNotes(storage = globalThis.sessionStorage) {
  const hidden = new Set();
  try {
    for (const key of JSON.parse(storage.getItem(KEY)) || []) hidden.add(key);
  } catch {
    // No storage (private mode) or not ours: nothing hidden yet.
  }
  return {
    hidden: (key) => hidden.has(key),
    hide(key) {
      hidden.add(key);
      try {
        storage.setItem(KEY, JSON.stringify([...hidden]));
      } catch {
        // Private mode: hidden until the page goes.
      }
    },
  };
}
