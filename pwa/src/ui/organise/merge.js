// Two records of the same device side by side: pick which one survives and,
// field by field, whose value it keeps. Photos of both are always kept.
import { h, mount, toast } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { act, failed, loading, show } from './util.js';
import { formatDate } from '../../shared/format.js';

// A position with its accuracy: the organiser keeps the better fix.
const where = (v) => (v.accuracy_m != null ? `${show(v)} (± ${v.accuracy_m} m)` : show(v));

const FIELDS = [
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

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function mergeView(host, octx, item, otherId, { photos, onDone, onCancel }) {
  mount(host, loading());
  let pair;
  try {
    const pairs = await octx.api.duplicates(octx.groupId);
    pair = pairs.find(
      (p) =>
        (p.a.id === item.id && p.b.id === otherId) || (p.b.id === item.id && p.a.id === otherId),
    );
  } catch (err) {
    failed(err);
  }
  if (!pair) {
    onCancel();
    return;
  }
  const sides = pair.a.id === item.id ? [pair.a, pair.b] : [pair.b, pair.a];
  let keep = 0;
  // For each differing field: which side's value the survivor ends with. Until
  // the organiser picks a field herself, it follows the survivor (where the
  // survivor has a value), so changing the survivor never takes the other
  // record's values behind her back.
  const pick = {};
  const touched = new Set();
  const follow = (i) => {
    for (const [f] of FIELDS) if (!touched.has(f)) pick[f] = sides[i][f] != null ? i : 1 - i;
  };
  follow(0);

  function column(obs, i) {
    return h(
      'div',
      { class: `merge-col${keep === i ? ' is-kept' : ''}` },
      h(
        'label',
        { class: 'merge-keep' },
        h('input', {
          type: 'radio',
          name: 'merge-keep',
          checked: keep === i,
          onchange: () => {
            keep = i;
            follow(i);
            draw();
          },
        }),
        ' ',
        t('merge.keep'),
        ' ',
        h('span', { class: 'badge' }, t(keep === i ? 'merge.survivor' : 'merge.other')),
      ),
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

  function fieldRows() {
    return FIELDS.map(([f, label, fmt]) => {
      const [a, b] = [sides[0][f], sides[1][f]];
      const differs = !same(a, b);
      // The server fills the survivor's blanks from the other record whatever
      // is asked, so a blank is never offered as a choice.
      const choosable = differs && a != null && b != null;
      const cell = (i, v) =>
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
                  onchange: () => {
                    pick[f] = i;
                    touched.add(f);
                    draw();
                  },
                }),
                ' ',
                fmt(v),
              )
            : fmt(v),
        );
      return h(
        'tr',
        { class: differs ? 'differs' : null },
        h('th', { scope: 'row' }, t(label)),
        cell(0, a),
        cell(1, b),
      );
    });
  }

  function draw() {
    mount(
      host,
      h(
        'section',
        { class: 'merge' },
        h('h2', {}, t('merge.title')),
        h('p', { class: 'muted' }, t('merge.distance', { m: pair.distance_m })),
        h('div', { class: 'merge-cols' }, column(sides[0], 0), column(sides[1], 1)),
        h('table', { class: 'merge-table' }, h('tbody', {}, fieldRows())),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-primary',
              id: 'merge-do',
              onclick: (e) => doMerge(e.currentTarget),
            },
            t('merge.do'),
          ),
          h('button', { type: 'button', class: 'btn', onclick: onCancel }, t('rev.cancel')),
        ),
      ),
    );
  }

  async function doMerge(button) {
    const survivor = sides[keep];
    const other = sides[1 - keep];
    const take = FIELDS.map(([f]) => f).filter(
      (f) => !same(sides[0][f], sides[1][f]) && pick[f] === 1 - keep,
    );
    const done = await act(button, () => octx.api.merge(survivor.id, other.id, take));
    if (!done) return;
    toast(t('merge.done'));
    onDone(survivor.id, other.id);
  }

  draw();
}
