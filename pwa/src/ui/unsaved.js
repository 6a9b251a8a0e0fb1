// Work on screen not stored yet (a half-filled log form, or one being stored):
// what reloading the app would throw away. A screen holding some registers a
// check while it is open; the update banner asks them before it reloads
// (ui/update.js). A check answers false once its screen has left the page, so
// one whose release was missed never holds an update back.
const checks = new Set();

export function holdUnsaved(check) {
  checks.add(check);
  return () => checks.delete(check);
}

export const unsavedWork = () => [...checks].some((check) => check());
