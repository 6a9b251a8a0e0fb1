// What the review queue shows, built from plain data: the list of pending
// cameras, the card's header, fields, hints and action bar. No state and no
// API calls here: the controller (review.js) passes values and callbacks in.
import { h } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { fieldValue, formatDate, formatMetres, kindsWords } from '../../shared/format.js';
import { show } from './util.js';
import { CAMERA_FIELDS, SIGNAGE_FIELDS, cameraFields } from '../../model/observation.js';
import { fieldLabel } from './fields.js';

// The queue's list holds this many rows at most. A day of action's walk can
// have tens of thousands of cameras under review: a list of them all made each
// step take about 0.35 s and each approval 1.7 s at 60,000 in Chromium
// (bench/review_queue_bench.py), most of it the browser's work on the list.
export const LIST_ROWS = 200;

// Where the list's rows start (an index in the queue) so that the card at
// `index` is among them: where they started if it still is, else with it a
// quarter of the way down, the cards just before it in view. Always within
// the queue, and a full list when the queue has that many.
export function listStart(count, index, start, size = LIST_ROWS) {
  const last = Math.max(0, count - size);
  const kept = Math.min(Math.max(0, start), last);
  if (index >= kept && index < kept + size) return kept;
  return Math.min(Math.max(0, index - Math.floor(size / 4)), last);
}

// The list's first or last entry: a button that shows the rows before (or
// after) those listed, saying how many (`words`: its text's key); hidden when
// there are none.
export function moreRow(className, words, onClick) {
  const button = h('button', { type: 'button', class: 'rev-more-btn', onclick: onClick });
  const li = h('li', { class: `rev-more ${className}`, hidden: true }, button);
  return {
    li,
    set(count) {
      li.hidden = count === 0;
      button.textContent = t(words, { n: count });
    },
  };
}

// A walker's report that a camera is gone: what it says and which OSM node it
// names (the export's, else the one the walker linked), as plain data; null
// for a camera that is there. `deletes`: approving it deletes that node from
// OpenStreetMap (the export's own plan for the card, `osm_change`).
export function goneReport(it) {
  if (it.presence !== 'gone') return null;
  const change = it.osm_change;
  const node = (change && change.node && change.node.id) || it.osm_node_id || null;
  return { node, deletes: Boolean(change && change.action === 'delete' && node) };
}

// "2×" says "may be logged twice" to the eye; a screen reader hears the words
// ("two times" named nothing), and a mouse shows them on hover.
function dupBadge() {
  const words = t('rev.dupBadge');
  return h(
    'span',
    { class: 'badge badge-dup', title: words },
    h('span', { 'aria-hidden': 'true' }, '2×'),
    h('span', { class: 'visually-hidden' }, words),
  );
}

// One row of the queue: a button that opens its camera's card. review.js keeps
// it until what queueRowKey says it shows changes. A gone report says so and
// which node: "Caméra · —" looked like any blank new camera.
export function queueRow(it, onPick) {
  const gone = goneReport(it);
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'rev-row',
        'data-id': it.id,
        title: gone && gone.node ? t('rev.gone.rowTitle', { id: gone.node }) : null,
        onclick: onPick,
      },
      h('span', { class: `kind-dot kind-${it.kind}` }),
      h(
        'span',
        { class: 'rev-row-main' },
        `${tv('kind', it.kind)} · ${gone ? t('rev.gone.row') : show(it.operator)}`,
      ),
      gone
        ? h(
            'span',
            { class: 'badge badge-gone' },
            gone.deletes ? t('rev.gone.badgeDelete') : t('rev.gone.badge'),
          )
        : null,
      it.duplicate_hints.length ? dupBadge() : null,
      it.osm_camera && !gone ? h('span', { class: 'badge badge-osm' }, 'OSM') : null,
    ),
  );
}

// Everything of an item that queueRow shows.
export const queueRowKey = (it) =>
  JSON.stringify([
    it.kind,
    it.operator,
    it.duplicate_hints.length > 0,
    Boolean(it.osm_camera),
    goneReport(it),
  ]);

// Marks the row of the card shown (or unmarks it).
export function markRow(li, current) {
  const button = li.firstChild;
  button.classList.toggle('is-current', current);
  if (current) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
}

// The card's heading: what the device is, and its camera type if its kind
// has one ("Vigile · Dôme" named a shape a person does not have).
export function cardTitle(item) {
  const kind = tv('kind', item.kind);
  if (goneReport(item)) return `${kind} · ${t('rev.gone.heading')}`;
  return cameraFields(item.kind).includes('camera_type')
    ? `${kind} · ${tv('camera_type', item.camera_type)}`
    : kind;
}

// The rows of the camera fields (cameraFields): those of a kind that films,
// as the walker's form asks them. Of a device that does not film, a value it
// still holds from before is shown, said not to apply, rather than hidden: it
// is still in the record and in camwalk's GeoJSON and CSV files (never in
// OSM), and an edit saved from the card empties it (editform.js).
function cameraRows(item) {
  const has = cameraFields(item.kind);
  return CAMERA_FIELDS.filter((name) => has.includes(name) || item[name] != null).map((name) =>
    has.includes(name)
      ? [name, tv(name, item[name])]
      : [name, t('rev.notForKind', { value: tv(name, item[name]) })],
  );
}

// `waiting`: the queue's devices in a sentence (waiting.js), as the summary
// says them, or null.
export function cardHeader(item, { index, count, waiting = null, onGo }) {
  const step = (to, disabled, words) =>
    h(
      'button',
      { type: 'button', class: 'btn btn-small', onclick: () => onGo(to), disabled },
      words,
    );
  return h(
    'header',
    { class: 'rev-head' },
    h(
      'div',
      { class: 'rev-nav' },
      step(index - 1, index === 0, `‹ ${t('rev.prev')}`),
      h('span', { class: 'rev-count' }, t('rev.count', { i: index + 1, n: count })),
      step(index + 1, index >= count - 1, `${t('rev.next')} ›`),
    ),
    waiting ? h('p', { class: 'muted rev-waiting' }, waiting) : null,
    // Focusable from the script alone: where the keyboard lands on a card drawn anew.
    h('h2', { tabindex: -1 }, cardTitle(item)),
    h(
      'p',
      { class: 'muted' },
      t('rev.by', {
        who: item.created_by || '—',
        date: formatDate(item.surveyed_on || item.created_at),
      }),
    ),
  );
}

// Said first on the card of a gone report: approving it is not publishing a
// camera but deleting an OSM node, which A then J would otherwise do unseen.
export function goneBanner(item) {
  const gone = goneReport(item);
  if (!gone) return null;
  const what = gone.deletes
    ? t('rev.gone.deletes', { id: gone.node })
    : gone.node
      ? t('rev.gone.keepsNode', { id: gone.node })
      : t('rev.gone.noNode');
  return h(
    'section',
    {
      class: 'rev-gone',
      role: 'region',
      'aria-label': t('rev.gone.title'),
      dataset: { node: gone.node ? String(gone.node) : '', deletes: String(gone.deletes) },
    },
    h('p', { class: 'rev-gone-title' }, t('rev.gone.title')),
    h('p', {}, what),
  );
}

export function photoStrip(item, photos) {
  return h(
    'div',
    { class: 'rev-photos' },
    item.photos.length
      ? item.photos.map((p) => photos.thumb(p, `${tv('kind', item.kind)} · ${tv('role', p.role)}`))
      : h('p', { class: 'muted rev-nophoto' }, t('rev.noPhoto')),
  );
}

// The card's fields, as [label, value] in words.
export function fieldRows(item) {
  return [
    ['kind', tv('kind', item.kind)],
    // Where a gone report says what it is (gone, and which node), as the banner does.
    ['presence', tv('presence', item.presence)],
    ...(item.osm_node_id ? [['osm_node_id', String(item.osm_node_id)]] : []),
    ...cameraRows(item),
    ['surveillance', tv('surveillance', item.surveillance)],
    ['zone', tv('zone', item.zone)],
    ['operator', show(item.operator)],
    ['direction', item.direction ? item.direction.map((d) => `${d}°`).join(' ; ') : '—'],
    ['height_m', show(item.height_m)],
    ['note', show(item.note)],
    // The signage survey: private answers, shown only to organisers.
    ...SIGNAGE_FIELDS.map((name) => [name, fieldValue(name, item[name])]),
  ].map(([name, value]) => [fieldLabel(name), value]);
}

export function fieldsList(item) {
  return h(
    'dl',
    { class: 'rev-fields' },
    fieldRows(item).flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  );
}

// What a walker changed on a camera an organiser had approved: one row per
// field, in the form order, approved and current values as text. null when
// it was never approved (the server sends null then).
export function approvalChanges(item) {
  const changed = item.changed_since_approval;
  if (!changed) return null;
  const order = Object.keys(changed).sort((a, b) => fieldRank(a) - fieldRank(b));
  return order.map((field) => ({
    field,
    label: t(`field.${field}`),
    approved: fieldValue(field, changed[field].approved),
    now: fieldValue(field, changed[field].now),
  }));
}

// Whether the card can keep the approved version: approved before, and a
// walker's edit since changed something it publishes.
export const canKeepApproved = (item) => Boolean(approvalChanges(item)?.length);

const FORM_ORDER = [
  'position',
  'kind',
  'camera_type',
  'mount',
  'surveillance',
  'zone',
  'operator',
  'direction',
  'height_m',
  'manufacturer',
  'model',
  'note',
  'surveyed_on',
  'presence',
  'osm_node_id',
  ...SIGNAGE_FIELDS,
];

function fieldRank(field) {
  const i = FORM_ORDER.indexOf(field);
  return i < 0 ? FORM_ORDER.length : i;
}

// Said above the fields: until it is approved again, the public map and the
// OSM export keep the approved values, so the organiser sees both.
export function sinceApproval(item) {
  const rows = approvalChanges(item);
  if (!rows) return null;
  return h(
    'section',
    { class: 'rev-since', role: 'region', 'aria-label': t('rev.since') },
    h('p', { class: 'warn' }, t('rev.since')),
    rows.length
      ? h(
          'ul',
          { class: 'plain rev-since-list' },
          rows.map((r) =>
            h(
              'li',
              { dataset: { field: r.field } },
              h('strong', {}, r.label),
              ' ',
              h('del', {}, r.approved),
              ' → ',
              h('ins', {}, r.now),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('rev.sinceSame')),
    h('p', { class: 'muted' }, t('rev.sinceShown')),
    // Refusing the edit is not refusing the camera: say which does which.
    rows.length ? h('p', { class: 'rev-since-choice' }, t('rev.sinceChoice')) : null,
  );
}

// What two changes contest on this camera, side by side. The server approves
// it only once an organiser has settled them (Conflicts tab): approved, the
// value leading for now would be published.
export function openConflicts(item) {
  const open = item.conflict_details || [];
  if (!open.length) return null;
  return h(
    'section',
    { class: 'rev-conflicts', role: 'region', 'aria-label': t('rev.conflicts') },
    h('p', { class: 'warn' }, t('rev.conflicts')),
    h(
      'ul',
      { class: 'plain' },
      open.map((c) =>
        h(
          'li',
          { dataset: { field: c.field } },
          h('strong', {}, c.field === 'deleted' ? t('conf.deleteEdit') : fieldLabel(c.field)),
          ' ',
          c.values
            .map((v) => `${fieldValue(c.field, v.value)} (${v.pseudonym || '?'})`)
            .join(' / '),
        ),
      ),
    ),
  );
}

// The nearest OSM node the camera could be (`osm_camera`), with its kind when
// OSM maps it as another than the survey (a plate reader beside a camera).
export function osmNearText(osm, kind) {
  const near = { id: osm.osm_id, m: formatMetres(osm.distance_m) };
  return osm.kind && osm.kind !== kind
    ? t('rev.osmNearKind', { ...near, kind: kindsWords(osm.kind.split(';')) })
    : t('rev.osmNear', near);
}

// The card's possible duplicates: one line each, saying how far apart the pair
// stands as the server gives it (`possible_duplicates`, the compare screen's
// figure), the other record in the loaded queue or not; in words when it did
// not say, never "at ? m".
export function duplicateLines(item) {
  const apart = new Map((item.possible_duplicates || []).map((p) => [p.other, p.distance_m]));
  return item.duplicate_hints.map((other) => {
    const m = apart.get(other);
    return {
      other,
      text: m == null ? t('rev.dupHintUnknown') : t('rev.dupHint', { m: formatMetres(m) }),
    };
  });
}

// The pairs an organiser said are two cameras ("not the same camera"), flagged
// no more: one line each, naming who said it and when, and the other record
// the card's "they may be the same after all" sends back to the server.
export function notDuplicateLines(item) {
  return (item.not_duplicates || []).map((pair) => ({
    other: pair.other,
    text: t('rev.notDup', {
      m: formatMetres(pair.distance_m),
      who: pair.by || '—',
      date: formatDate(pair.at),
    }),
  }));
}

export function hintsList(item, { onCompare, onMaybeSame }) {
  const acc = item.position && item.position.accuracy_m;
  const osm = item.osm_camera;
  return h(
    'ul',
    { class: 'rev-hints' },
    h(
      'li',
      { class: acc > 25 ? 'hint-warn' : 'hint-ok' },
      t('rev.accuracy', { m: formatMetres(acc) }),
    ),
    // The card's OSM part (osmnode.js) says it in full when the server sent it.
    item.osm_change
      ? null
      : item.osm_node_id
        ? h('li', { class: 'hint-osm' }, t('rev.osmLinked', { id: item.osm_node_id }))
        : osm
          ? h('li', { class: 'hint-osm' }, osmNearText(osm, item.kind))
          : h('li', { class: 'hint-new' }, t('rev.osmNone')),
    duplicateLines(item).map(({ other, text }) =>
      h(
        'li',
        { class: 'hint-dup', dataset: { other } },
        text,
        ' ',
        h(
          'button',
          { type: 'button', class: 'btn btn-small', onclick: () => onCompare(other) },
          t('rev.compare'),
        ),
      ),
    ),
    notDuplicateLines(item).map(({ other, text }) =>
      h(
        'li',
        { class: 'hint-distinct', dataset: { other } },
        text,
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small',
            onclick: (e) => onMaybeSame(other, e.currentTarget),
          },
          t('rev.maybeDup'),
        ),
      ),
    ),
  );
}

function keyed(key, words, attrs) {
  return h('button', { type: 'button', ...attrs }, h('kbd', {}, key), ' ', words);
}

// The sticky bar: approve / keep the approved version (on a card a walker
// changed since approval) / reject / edit / next, or the reason field while
// rejecting.
// `deletesNode`: approving deletes an OSM node (a gone report): the button says so.
export function actionBar({ rejecting, editing, hasNext, canKeep, deletesNode }, on) {
  const keep = () =>
    keyed('G', t('rev.keep'), {
      class: 'btn btn-approve',
      dataset: { action: 'keep' },
      onclick: (e) => on.keep(e.currentTarget),
    });
  if (rejecting) {
    const reason = h('input', {
      id: 'rev-reason',
      type: 'text',
      maxlength: 2000,
      placeholder: t('rev.reason'),
      onkeydown: (e) => {
        if (e.key === 'Enter') on.reject(reason.value);
        if (e.key === 'Escape') on.cancelReject();
      },
    });
    return h(
      'div',
      { class: 'rev-actions' },
      // Rejecting withdraws the approved copy: on a card changed since its
      // approval, that is not what "bad edit" means.
      canKeep
        ? h('p', { class: 'warn rev-reject-withdraws', role: 'alert' }, t('rev.rejectWithdraws'))
        : null,
      canKeep ? keep() : null,
      h(
        'div',
        { class: 'rev-reject' },
        h('label', { for: 'rev-reason', class: 'visually-hidden' }, t('rev.reason')),
        reason,
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-warn',
            onclick: (e) => on.reject(reason.value, e.currentTarget),
          },
          t('rev.confirmReject'),
        ),
        h('button', { type: 'button', class: 'btn', onclick: on.cancelReject }, t('rev.cancel')),
      ),
    );
  }
  return h(
    'div',
    { class: 'rev-actions' },
    keyed('A', deletesNode ? t('rev.gone.approve') : t('rev.approve'), {
      class: 'btn btn-approve',
      dataset: { action: 'approve' },
      onclick: (e) => on.approve(e.currentTarget),
    }),
    canKeep ? keep() : null,
    keyed('R', t('rev.reject'), {
      class: 'btn btn-warn',
      dataset: { action: 'reject' },
      onclick: on.askReason,
    }),
    keyed('E', t('rev.edit'), {
      class: 'btn',
      dataset: { action: 'edit' },
      onclick: () => on.edit(!editing),
    }),
    keyed('J', t('rev.next'), {
      class: 'btn',
      dataset: { action: 'next' },
      onclick: on.next,
      disabled: !hasNext,
    }),
  );
}
