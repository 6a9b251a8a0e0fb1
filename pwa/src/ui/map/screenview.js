// The map screen's DOM: header with the sync chip and menu, the map with its
// status notes (GPS, basemap) and legend, "centre on me", "+", and the bottom
// sheet. No state and no storage: the controller (screen.js) says what to show.
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { ICONS } from '../icons.js';
import { formatDate } from '../../shared/format.js';
import { clearPadding } from './afterlog.js';
import { sessionNotes } from './hidden.js';

// A fix worse than this turns the GPS chip amber (metres).
const WEAK_FIX_M = 25;

// What each marker of the map means: its dot's classes and its words. Every
// state a camera's marker takes for her on the walk (model/state.js) that is
// not a passing one (sending) or explained on its sheet (conflict, refused).
export const LEGEND = [
  ['obs-dot state-safe', 'map.legend.mine'],
  ['obs-dot state-pending', 'map.legend.pending'],
  ['obs-dot state-photoPending', 'map.legend.photoPending'],
  ['obs-dot state-held', 'map.legend.held'],
  ['earlier-dot state-safe', 'map.legend.earlier'],
  ['osm-dot', 'map.legend.osm'],
  ['osm-dot out-of-use', 'map.legend.osmOutOfUse'],
];

// Folded by default: open, it covered the top right of the map and once hid
// an OSM camera there.
function legend() {
  return h(
    'details',
    { class: 'legend' },
    h('summary', {}, t('map.legend.title')),
    h(
      'ul',
      {},
      LEGEND.map(([dot, key]) => h('li', {}, h('span', { class: dot }), t(key))),
    ),
  );
}

// Why the map is a plain background, in words true to her phone. Offline, an
// area she never viewed with a network; online, the tile server did not
// answer (or the group asks none and the walk map has not come): "offline
// here" then told a walker with signal that she had none.
// One line on the map (two at most at 360 px); the rest behind a tap on it,
// with the button that hides it for the session (hidden.js).
export function basemapNoteKey(online) {
  return online ? 'map.noBasemapOnline' : 'map.noBasemap';
}
export const BASEMAP_NOTE_WHY = {
  'map.noBasemap': 'map.noBasemapWhy',
  'map.noBasemapOnline': 'map.noBasemapOnlineWhy',
};

function roundButton({ cls, label, icon, onclick }) {
  return h(
    'button',
    { type: 'button', class: cls, 'aria-label': label, title: label, onclick },
    h('span', { html: icon }),
  );
}

/**
 * @param {object} opts
 * @param {object} opts.walk
 * @param {object} opts.sync   the sync bar (status/syncbar.js)
 * @param {{add: Function, locate: Function, menu: Function}} opts.on
 */
export function buildMapScreen({ walk, sync, on }) {
  const gps = h('p', { class: 'gps-chip', role: 'status' }, t('map.locating'));
  // How to get a position back, and what works without one.
  const gpsHelp = h('p', { class: 'gps-help', role: 'alert', hidden: true });
  const notes = sessionNotes();
  let noteKey = null;
  const noteLine = h('summary', {});
  const noteWhy = h('p', {});
  const noteDetails = h(
    'details',
    {},
    noteLine,
    noteWhy,
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-small note-hide',
        onclick: () => {
          notes.hide(noteKey);
          basemapNote.hidden = true;
        },
      },
      t('map.noteHide'),
    ),
  );
  const basemapNote = h(
    'div',
    { class: 'basemap-note', role: 'status', hidden: true },
    noteDetails,
  );
  const mapEl = h('div', { id: 'map', role: 'application', 'aria-label': walk.name });
  const sheet = h('div', { class: 'sheet', hidden: true });
  const fab = roundButton({ cls: 'fab', label: t('map.add'), icon: ICONS.plus, onclick: on.add });
  const locate = roundButton({
    cls: 'round locate',
    label: t('map.center'),
    icon: ICONS.locate,
    onclick: on.locate,
  });
  const root = h(
    'div',
    { class: 'map-screen' },
    h(
      'header',
      { class: 'bar' },
      h(
        'div',
        { class: 'bar-title' },
        h('strong', {}, walk.name),
        h('small', {}, walk.date ? formatDate(walk.date) : ''),
      ),
      sync.button,
      roundButton({ cls: 'round', label: t('map.menu'), icon: ICONS.menu, onclick: on.menu }),
    ),
    sync.bar,
    sync.detail,
    sync.asideLine,
    h(
      'div',
      { class: 'map-wrap' },
      mapEl,
      // GPS notes and legend share one row so large text never stacks them.
      h(
        'div',
        { class: 'overlay-top' },
        h('div', { class: 'overlay-stack' }, gps, gpsHelp, basemapNote),
        legend(),
      ),
      locate,
      fab,
    ),
    sheet,
  );

  return {
    root,
    mapEl,
    sheet,
    showFix(p) {
      gpsHelp.hidden = true;
      gps.textContent = t('map.accuracy', { m: Math.round(p.accuracy_m) });
      gps.classList.toggle('warn', p.accuracy_m > WEAK_FIX_M);
    },
    // err.code 1 is PERMISSION_DENIED: only she can undo that, in the browser's settings.
    showGpsError(err, hasFix) {
      const denied = err && err.code === 1;
      gps.textContent = t(denied ? 'map.gpsDenied' : 'map.noGps');
      gps.classList.add('warn');
      gpsHelp.textContent = `${t(denied ? 'map.gpsHowToAllow' : 'map.gpsWait')} ${t('map.gpsByHand')}`;
      gpsHelp.hidden = hasFix;
    },
    gpsHelpText: () => gpsHelp.textContent,
    // The part of the map no overlay covers, as padding (afterlog.js).
    clearPadding() {
      const boxes = (els) =>
        els.filter((el) => el.getClientRects().length).map((el) => el.getBoundingClientRect());
      const all = (selector) => [...root.querySelectorAll(selector)];
      return clearPadding(mapEl.getBoundingClientRect(), {
        above: boxes([...all('.overlay-top > *'), ...all('.leaflet-top .leaflet-control')]),
        below: boxes([...all('.leaflet-bottom .leaflet-control'), locate, fab]),
      });
    },
    showBasemap(ok) {
      const key = ok ? null : basemapNoteKey(navigator.onLine);
      // Another note: its one line, not the last one's words opened.
      if (key !== noteKey) noteDetails.open = false;
      noteKey = key;
      basemapNote.hidden = !noteKey || notes.hidden(noteKey);
      if (!noteKey) return;
      noteLine.textContent = t(noteKey);
      noteWhy.textContent = t(BASEMAP_NOTE_WHY[noteKey]);
    },
    openSheet(content) {
      mount(sheet, content);
      sheet.hidden = false;
      fab.hidden = true;
      root.classList.add('sheet-open');
      const first = sheet.querySelector('h2');
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    },
    closeSheet() {
      sheet.hidden = true;
      fab.hidden = false;
      root.classList.remove('sheet-open');
      sheet.replaceChildren();
    },
  };
}
