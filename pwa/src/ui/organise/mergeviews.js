// What the merge screen shows, built from plain data: each record's column,
// the table of fields with a choice where they differ, the page around them.
// No state and no API calls: the controller (merge.js) passes callbacks in.
import { h } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { show } from './util.js';
import { formatDate, formatMetres } from '../../shared/format.js';
import { CAMERA_FIELDS, cameraFields } from '../../model/observation.js';

// A position with its accuracy: the organiser keeps the better fix.
const where = (v) => (v.accuracy_m != null ? `${show(v)} (± ${v.accuracy_m} m)` : show(v));

export const FIELDS = [
  ['position', 'field.position', where],
  ['kind', 'log.kind', (v) => tv('kind', v)],
  ['camera_type', 'log.cameraType', (v) => tv('camera_type', v)],
  ['mount', 'log.mount', (v) => tv('mount', v)],
  ['surveillance', 'log.surveillance', (v) => tv('surveillance', v)],
  ['zone', 'log.zone', (v) => tv('zone', v)],
  ['operator', 'log.operator', show],
  ['direction', 'log.direction', show],
  ['height_m', 'log.height', show],
  ['note', 'rev.note', show],
];

export const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const REVIEW_STATUSES = ['pending', 'approved', 'rejected'];

// Each record's review status, so the organiser sees which one is published
// before choosing the survivor: the merged camera keeps the survivor's status.
export function reviewStatus(obs) {
  const status = REVIEW_STATUSES.includes(obs.review_status) ? obs.review_status : 'pending';
  return { status, text: t(`merge.status.${status}`), conflicts: (obs.conflicts || []).length };
}

// Keeping a record not approved over an approved one takes the camera off the
// public map and the OSM export until the survivor is approved: the server
// never copies "approved" from the other record (docs/sync-protocol.md).
export const leavesThePublicMap = (sides, keep) =>
  sides[1 - keep].review_status === 'approved' && sides[keep].review_status !== 'approved';

function reviewLine(obs) {
  const { status, text, conflicts } = reviewStatus(obs);
  return h(
    'p',
    { class: 'merge-review' },
    h('span', { class: `badge review-${status}` }, text),
    conflicts
      ? [' ', h('span', { class: 'badge badge-dup' }, t('merge.conflicts', { n: conflicts }))]
      : null,
  );
}

export function sideColumn(obs, { kept, photos, onKeep }) {
  return h(
    'div',
    { class: `merge-col${kept ? ' is-kept' : ''}` },
    h(
      'label',
      { class: 'merge-keep' },
      // The radio and its words hold together; the badge goes under them when
      // a phone's column is too narrow for all three.
      h(
        'span',
        {},
        h('input', { type: 'radio', name: 'merge-keep', checked: kept, onchange: onKeep }),
        ' ',
        t('merge.keep'),
      ),
      h('span', { class: 'badge' }, t(kept ? 'merge.survivor' : 'merge.other')),
    ),
    reviewLine(obs),
    h(
      'p',
      { class: 'muted' },
      t('rev.by', { who: obs.created_by || '—', date: formatDate(obs.surveyed_on) }),
    ),
    h(
      'div',
      { class: 'rev-photos' },
      obs.photos.length
        ? obs.photos.map((p) => photos.thumb(p, tv('role', p.role)))
        : h('p', { class: 'muted' }, t('rev.noPhoto')),
    ),
  );
}

// Each field's row as plain data (tested without a DOM): its label, both
// sides' values, and their words. A camera type and a mount are words of a
// kind that films (cameraFields), as on the review card: a guard's or a gunshot
// detector's held from before is said not to apply, and the row is left out
// when neither side films nor holds one.
export function fieldTexts(sides) {
  return FIELDS.filter(
    ([field]) =>
      !CAMERA_FIELDS.includes(field) ||
      sides.some((side) => cameraFields(side.kind).includes(field) || side[field] != null),
  ).map(([field, label, fmt]) => {
    const text = (side) => {
      const v = side[field];
      if (!CAMERA_FIELDS.includes(field) || cameraFields(side.kind).includes(field)) return fmt(v);
      return v == null ? '—' : t('merge.notForKind', { value: fmt(v) });
    };
    return {
      field,
      label: t(label),
      values: [sides[0][field], sides[1][field]],
      texts: sides.map(text),
    };
  });
}

// pick[field]: the side (0 or 1) whose value the survivor ends with.
export function fieldRows(sides, pick, onPick) {
  return fieldTexts(sides).map(({ field: f, label, values: [a, b], texts }) => {
    const differs = !same(a, b);
    // The server fills the survivor's blanks from the other record whatever
    // is asked, so a blank is never offered as a choice.
    const choosable = differs && a != null && b != null;
    const cell = (i) =>
      h(
        'td',
        { class: differs && pick[f] === i ? 'is-picked' : null },
        choosable
          ? h(
              'label',
              {},
              h('input', {
                type: 'radio',
                name: `pick-${f}`,
                checked: pick[f] === i,
                onchange: () => onPick(f, i),
              }),
              ' ',
              texts[i],
            )
          : texts[i],
      );
    return h(
      'tr',
      { class: differs ? 'differs' : null },
      h('th', { scope: 'row' }, label),
      cell(0),
      cell(1),
    );
  });
}

export function mergePage({
  distanceM,
  columns,
  rows,
  unpublishes,
  onMerge,
  onDistinct,
  onCancel,
}) {
  return h(
    'section',
    { class: 'merge' },
    h('h2', {}, t('merge.title')),
    // In whole metres, as the review card's hint says it.
    h('p', { class: 'muted merge-distance' }, t('merge.distance', { m: formatMetres(distanceM) })),
    h('div', { class: 'merge-cols' }, columns),
    unpublishes ? h('p', { class: 'notice merge-unpublishes' }, t('merge.unpublishes')) : null,
    h('table', { class: 'merge-table' }, h('tbody', {}, rows)),
    h('p', { class: 'muted merge-distinct-help' }, t('merge.distinctHelp')),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-primary',
          id: 'merge-do',
          onclick: (e) => onMerge(e.currentTarget),
        },
        t('merge.do'),
      ),
      // Two cameras (on one pole, say): merging them would lose one.
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          id: 'merge-distinct',
          onclick: (e) => onDistinct(e.currentTarget),
        },
        t('merge.distinct'),
      ),
      h('button', { type: 'button', class: 'btn', onclick: onCancel }, t('rev.cancel')),
    ),
  );
}

// The merge's confirmation. When an organiser had said the two were "not the
// same camera", the merge cleared her answer (the server's
// `not_duplicate_cleared`): it says whose and from when, so that nobody's word
// is overridden unseen.
export function mergedText(answer) {
  const cleared = answer?.not_duplicate_cleared;
  if (!cleared) return t('merge.done');
  return t('merge.doneCleared', { who: cleared.by || '—', date: formatDate(cleared.at) });
}
