// One camera: its fields, its sync badge, its photos' badges and, when the
// server holds a conflict on it, both values side by side.
import { h, showBlob } from '../dom.js';
import { confirmInline } from '../confirm.js';
import { t, tp, tv } from '../../i18n/index.js';
import { conflictRows, photoLost, photoState } from '../../model/state.js';
import { fieldValue as show, formatDate } from '../../shared/format.js';
import { errorMessage } from '../../i18n/errors.js';
import { serverThumb } from '../serverphoto.js';
import { osmNodeName } from '../map/names.js';
import { CAMERA_FIELDS, cameraFields } from '../../model/observation.js';

const SHOWN = [
  'kind',
  'camera_type',
  'mount',
  'surveillance',
  'direction',
  'zone',
  'operator',
  'height_m',
  'note',
];

// The fields the sheet lists for a device: only those its kind has
// (cameraFields), as her form asks them. A guard logged before the form
// followed the kind may still hold a camera type: the sheet names none, and
// her next saved edit empties it (forItsKind).
export function shownFields(fields) {
  const has = cameraFields(fields.kind);
  return SHOWN.filter((name) => !CAMERA_FIELDS.includes(name) || has.includes(name));
}

// The value the server holds until an organiser decides, whichever side's.
const inPlaceNote = (row, side) =>
  row.inPlace === side ? h('small', { class: 'in-place' }, ` (${t('conflict.inPlace')})`) : null;

function conflictTable(record) {
  const rows = conflictRows(record);
  const waiting = (record.server?.conflicts || []).length > 0;
  if (!rows.length && !waiting) return null;
  return h(
    'section',
    { class: 'conflict', role: 'region', 'aria-label': t('state.conflict') },
    h('h3', {}, t('conflict.title')),
    rows.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, ''),
              h('th', {}, t('conflict.mine')),
              h('th', {}, t('conflict.theirs')),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h(
                'tr',
                { 'data-field': r.field },
                h('th', {}, t(`field.${r.field}`)),
                h('td', { class: 'mine' }, show(r.field, r.mine), inPlaceNote(r, 'mine')),
                h('td', { class: 'theirs' }, show(r.field, r.theirs), inPlaceNote(r, 'theirs')),
              ),
            ),
          ),
        )
      : null,
    h('p', { class: 'muted' }, t('conflict.wait')),
  );
}

// The server flags cameras logged twice (two walkers, same corner); an
// organiser merges them, the walker only needs to know.
function duplicateNote(record) {
  const hints = (record.server && record.server.duplicate_hints) || [];
  if (!hints.length) return null;
  return h(
    'p',
    { class: 'notice', 'data-duplicates': String(hints.length) },
    tp('obs.duplicate', hints.length),
  );
}

// Photos on this phone (with their own sync badge), then those the server
// holds from other phones, fetched as small thumbnails when online.
function photoList(record, photos, sendingPhotos, loadThumb, onDropAside) {
  const local = new Set(photos.map((p) => p.sha256));
  const remote = (record.photos || []).filter((p) => !local.has(p.sha256));
  if (!photos.length && !remote.length) return null;
  const items = photos.map((p) => {
    const ps = photoState(p, sendingPhotos);
    return h(
      'li',
      { class: p.aside ? 'aside' : null },
      // A refused file may not be a picture at all: no broken image for it.
      p.aside
        ? h('span', { class: 'thumb-refused', role: 'img', 'aria-label': tv('role', p.role) }, '⚠')
        : showBlob(h('img', { alt: tv('role', p.role) }), p.blob),
      h('span', { class: `badge state-${ps}`, 'data-state': ps }, t(`state.${ps}`)),
      p.aside
        ? asideNote(refusalText(p.aside), onDropAside && (() => onDropAside({ photo: p })))
        : null,
    );
  });
  for (const p of remote) {
    const thumb = serverThumb(p.sha256, loadThumb, tv('role', p.role));
    items.push(
      h('li', { class: 'remote' }, thumb, h('span', { class: 'role' }, tv('role', p.role))),
    );
  }
  return h('ul', { class: 'thumbs' }, items);
}

// Changes the server refused stay in its history; the walker sees why.
function rejectedList(record) {
  const rejected = (record.sync && record.sync.rejected) || [];
  if (!rejected.length) return null;
  return h(
    'ul',
    { class: 'rejected', role: 'alert' },
    rejected.map((r) => h('li', {}, rejectedText(r))),
  );
}

// What she reads of a photo (no `op`) or a change the server refused for good:
// why in her language, the bare code only when no sentence words it (a clue
// for support: i18n/errors.js).
export function refusalText(aside, op = null) {
  const what = op ? t('aside.change', { op: t(`aside.op.${op}`) }) : t('aside.photo');
  return `${what} ${errorMessage(aside)}`;
}

// A change the server answered "rejected" (kept in the camera's history).
export function rejectedText(rejected) {
  // Not a refusal: the server lost it in a restore, and the phone freed it.
  if (photoLost(rejected)) return t('obs.photoLost', { why: errorMessage(rejected.error) });
  return t('obs.changeRefused', {
    op: t(`aside.op.${rejected.op}`),
    why: errorMessage(rejected.error, (e) => e.message || e.code || '?'),
  });
}

// One thing the server refused for good, why, and the way out: drop it (the
// rest already went on without it) or keep it and save it to a file. No way
// out offered (no onDrop) on another member's work: hers to decide.
function asideNote(text, onDrop) {
  return h(
    'div',
    { class: 'aside-note', role: 'alert' },
    h('p', { class: 'warn' }, text),
    onDrop
      ? h(
          'button',
          { type: 'button', class: 'btn btn-small aside-drop', onclick: onDrop },
          t('aside.drop'),
        )
      : null,
  );
}

function asideChanges(queued, onDropAside) {
  const aside = queued.filter((c) => c.aside);
  if (!aside.length) return null;
  const behind = waitingBehind(queued);
  return h(
    'div',
    { class: 'aside-changes' },
    aside.map((c) =>
      asideNote(
        refusalText(c.aside, c.op),
        onDropAside && (() => onDropAside({ changeId: c.change_id })),
      ),
    ),
    behind ? h('p', { class: 'aside-behind' }, tp('aside.behind', behind)) : null,
    onDropAside ? h('p', { class: 'muted' }, t('aside.hint')) : null,
  );
}

// How many of the camera's queued changes (oldest first) wait behind the first
// one set aside, not set aside themselves: an edit made before the camera's
// day was refused, say. They go once it is fixed, and a Drop of it takes them
// too (sync/journal.js dropAside): she is told both before she chooses.
export function waitingBehind(queued) {
  const first = queued.findIndex((c) => c.aside);
  return first === -1 ? 0 : queued.slice(first + 1).filter((c) => !c.aside).length;
}

// Only the walker who logged a camera may take it back from her phone; others
// ask an organiser. Two taps, inline: a stray tap in a pocket deletes nothing.
function deleteButton(record, mine, onDelete) {
  if (!mine || !onDelete) return null;
  return confirmInline({
    tag: 'div',
    prefix: 'obs-delete',
    label: t('obs.delete'),
    question: h('p', { class: 'warn' }, t('obs.deleteAsk')),
    yes: t('obs.deleteConfirm'),
    no: t('obs.deleteKeep'),
    onConfirm: () => onDelete(record),
  });
}

// Work other members queued on this phone waits on this camera: it goes with
// their session, and nothing of it is changed or dropped under hers.
function heldNote(heldBy) {
  if (!heldBy.length) return null;
  return h('p', { class: 'notice held-note', role: 'status' }, heldText(heldBy));
}

// Its words: whose work waits, and who must sign in again for it to go (one
// member named, or each of several).
export const heldText = (heldBy) => tp('obs.heldBy', heldBy.length, { who: heldBy.join(', ') });

// What the walker answered about OpenStreetMap, one line each: the OSM camera
// this is ("still there", "gone") or the one it is not ("it is another one").
// The node it is, named as its marker is (`osmNode`: the phone's copy of it,
// when it holds one): "…, marked out of use" on both or on neither.
export function osmAnswers(f, osmNode = null) {
  const node = osmNode && osmNode.id === f.osm_node_id ? osmNode : { id: f.osm_node_id };
  return [
    f.osm_node_id ? osmNodeName(node) : null,
    f.osm_not_node_id ? t('obs.osmNot', { id: f.osm_not_node_id }) : null,
  ].filter(Boolean);
}

// The title's badge: "photo refused" only when what the server refused is a
// photo (one set aside, or an attach_photo it rejected) and nothing else: a
// camera whose update it rejected, or with a change set aside, is refused.
export function stateWords(state, { queued = [], photos = [], record = {} } = {}) {
  if (state !== 'rejected') return t(`state.${state}`);
  const rejected = (record.sync && record.sync.rejected) || [];
  const photoRefused = photos.some((p) => p.aside) || rejected.some((r) => r.op === 'attach_photo');
  const otherRefused = queued.some((c) => c.aside) || rejected.some((r) => r.op !== 'attach_photo');
  return t(photoRefused && !otherRefused ? 'state.photoRejected' : 'state.rejected');
}

export function observationSheet(
  record,
  {
    state,
    photos,
    queued = [],
    sendingPhotos,
    loadThumb,
    onEdit,
    onClose,
    onDelete,
    onDropAside,
    onGone,
    mine = false,
    // The name of the group's other walk it was logged on, when not this one.
    otherWalk = null,
    // The pseudonyms of the other members whose work on it waits on this phone.
    heldBy = [],
    // The OSM camera it is, as the phone holds it (null when it holds none).
    osmNode = null,
  },
) {
  const f = record.fields;
  const who = record.created_by || '—';
  const date = f.surveyed_on ? formatDate(f.surveyed_on) : '';
  return h(
    'section',
    { class: 'obs-sheet', 'aria-label': t('obs.title') },
    h(
      'h2',
      {},
      tv('kind', f.kind),
      ' ',
      h(
        'span',
        { class: `badge state-${state}`, 'data-state': state },
        stateWords(state, { queued, photos, record }),
      ),
    ),
    h('p', { class: 'muted' }, t('obs.by', { who, date })),
    otherWalk
      ? h('p', { class: 'muted other-walk' }, t('obs.otherWalk', { walk: otherWalk }))
      : null,
    f.presence === 'gone' ? h('p', { class: 'warn' }, t('obs.goneFlag')) : null,
    osmAnswers(f, osmNode).map((text) => h('p', { class: 'muted' }, text)),
    heldNote(heldBy),
    conflictTable(record),
    rejectedList(record),
    asideChanges(queued, onDropAside),
    duplicateNote(record),
    h(
      'dl',
      { class: 'fields' },
      shownFields(f).flatMap((k) => [h('dt', {}, t(`field.${k}`)), h('dd', {}, show(k, f[k]))]),
    ),
    photoList(record, photos, sendingPhotos, loadThumb, onDropAside),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: onClose }, t('obs.close')),
      onEdit
        ? h('button', { type: 'button', class: 'btn btn-primary', onclick: onEdit }, t('obs.edit'))
        : null,
      onGone && f.presence !== 'gone'
        ? h(
            'button',
            { type: 'button', class: 'btn btn-warn obs-gone', onclick: onGone },
            t('obs.markGone'),
          )
        : null,
    ),
    deleteButton(record, mine, onDelete),
  );
}
