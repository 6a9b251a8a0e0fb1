// The map's bottom sheet and the phone's back button. An open sheet (the log
// form, a camera, the menu) has a history entry of its own, so back closes it
// rather than leaving the app: back in an installed PWA on Android closes it,
// and took a half-filled form and its photos with it. A sheet opened with
// onBack() is asked first: it answers false to stay open (the log form asks
// her when she entered something, and stays as it was if she carries on).
// onClosed() runs once the sheet is closed, by a button or by back, not when
// another sheet takes its place (the log form puts the map back: logging.js).

// ui: the screen's view (screenview.js); the same, with sheets that follow history.
export function sheetsWithBack(ui) {
  let open = null; // the open sheet's { onBack, onClosed }
  const push = () => history.pushState({ ...history.state, sheet: true }, '');
  // Escape is a keyboard's back: an open sheet is a dialog, and closes on it the same way
  // (the log form asks first). Its focus is inside the sheet from the moment it opens.
  ui.sheet.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !open || e.defaultPrevented) return;
    e.preventDefault();
    if (history.state?.sheet) history.back();
  });
  return {
    ...ui,
    openSheet(content, { onBack = null, onClosed = null } = {}) {
      // One entry for sheets opened one over another (a camera, then its edit form).
      if (!open && !history.state?.sheet) push();
      open = { onBack, onClosed };
      ui.openSheet(content);
    },
    closeSheet() {
      ui.closeSheet();
      if (!open) return;
      const { onClosed } = open;
      open = null;
      // Closed by one of its buttons: its entry goes too, or the next back would close nothing.
      if (history.state?.sheet) history.back();
      onClosed?.();
    },
    // Back landed on the map's own entry (app.js).
    back() {
      if (!open || history.state?.sheet) return;
      if (open.onBack && !open.onBack()) {
        push(); // she carries on: the next back is the sheet's again, not the map's
        return;
      }
      const { onClosed } = open;
      open = null;
      ui.closeSheet();
      onClosed?.();
    },
  };
}
