// The review queue: one pending camera at a time with its photos, a small
// map, accuracy, duplicate hints and the OSM camera near it. Approve, reject
// with a reason, go next; the keyboard does the same (A, R, J, K, E).
import { h, mount, toast } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { act, failed, loading, show } from './util.js';
import { photoBag } from './photos.js';
import { cameraMap } from './reviewmap.js';
import { editForm } from './editform.js';
import { historyPanel } from './history.js';
import { saveEdit } from './edits.js';
import { formatDate } from '../../shared/format.js';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export async function render(host, octx) {
  const { api, groupId, walk } = octx;
  mount(host, loading());
  let items = [];
  try {
    items = await api.reviewQueue(groupId, { walkId: walk && walk.id });
  } catch (err) {
    failed(err);
    return null;
  }
  const state = { index: 0, editing: false, rejecting: false };
  const photos = photoBag(api);
  let map = null;

  const list = h('ol', { class: 'rev-list', 'aria-label': t('org.tab.review') });
  const card = h('article', { class: 'rev-card', 'aria-live': 'polite' });
  mount(host, h('section', { class: 'review' }, list, card));

  function current() {
    return items[state.index] || null;
  }

  function draw() {
    if (map) map.destroy();
    map = null;
    photos.release();
    drawList();
    const item = current();
    if (!item) {
      mount(card, h('p', { class: 'rev-empty' }, t('rev.empty')));
      return;
    }
    const mapEl = h('div', { class: 'rev-map', role: 'region', 'aria-label': t('rev.map') });
    mount(
      card,
      header(item),
      h(
        'div',
        { class: 'rev-media' },
        h(
          'div',
          { class: 'rev-photos' },
          item.photos.length
            ? item.photos.map((p) =>
                photos.thumb(p, `${tv('kind', item.kind)} · ${tv('role', p.role)}`),
              )
            : h('p', { class: 'muted rev-nophoto' }, t('rev.noPhoto')),
        ),
        mapEl,
      ),
      state.editing ? editor(item) : fieldsList(item),
      hints(item),
      actions(item),
      h('p', { class: 'rev-keys muted' }, t('rev.keys')),
      historyPanel(api, item.id),
    );
    map = cameraMap(mapEl, octx.ctx.config, item, { draggable: state.editing });
  }

  function drawList() {
    mount(
      list,
      items.map((it, i) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `rev-row${i === state.index ? ' is-current' : ''}`,
              'aria-current': i === state.index ? 'true' : null,
              onclick: () => go(i),
            },
            h('span', { class: `kind-dot kind-${it.kind}` }),
            h('span', { class: 'rev-row-main' }, `${tv('kind', it.kind)} · ${show(it.operator)}`),
            it.duplicate_hints.length ? h('span', { class: 'badge badge-dup' }, '2×') : null,
            it.osm_camera ? h('span', { class: 'badge badge-osm' }, 'OSM') : null,
          ),
        ),
      ),
    );
  }

  function header(item) {
    return h(
      'header',
      { class: 'rev-head' },
      h(
        'div',
        { class: 'rev-nav' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small',
            onclick: () => go(state.index - 1),
            disabled: state.index === 0,
          },
          `‹ ${t('rev.prev')}`,
        ),
        h('span', { class: 'rev-count' }, t('rev.count', { i: state.index + 1, n: items.length })),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small',
            onclick: () => go(state.index + 1),
            disabled: state.index >= items.length - 1,
          },
          `${t('rev.next')} ›`,
        ),
      ),
      h('h2', {}, `${tv('kind', item.kind)} · ${tv('camera_type', item.camera_type)}`),
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

  function fieldsList(item) {
    const rows = [
      ['log.kind', tv('kind', item.kind)],
      ['log.cameraType', tv('camera_type', item.camera_type)],
      ['log.mount', tv('mount', item.mount)],
      ['log.surveillance', tv('surveillance', item.surveillance)],
      ['log.zone', tv('zone', item.zone)],
      ['log.operator', show(item.operator)],
      ['log.direction', item.direction ? item.direction.map((d) => `${d}°`).join(' ; ') : '—'],
      ['log.height', show(item.height_m)],
      ['rev.note', show(item.note)],
    ];
    return h(
      'dl',
      { class: 'rev-fields' },
      rows.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
    );
  }

  function hints(item) {
    const acc = item.position && item.position.accuracy_m;
    const osm = item.osm_camera;
    return h(
      'ul',
      { class: 'rev-hints' },
      h(
        'li',
        { class: acc > 25 ? 'hint-warn' : 'hint-ok' },
        t('rev.accuracy', { m: acc == null ? '?' : Math.round(acc) }),
      ),
      item.osm_node_id
        ? h('li', { class: 'hint-osm' }, t('rev.osmLinked', { id: item.osm_node_id }))
        : osm
          ? h('li', { class: 'hint-osm' }, t('rev.osmNear', { id: osm.osm_id, m: osm.distance_m }))
          : h('li', { class: 'hint-new' }, t('rev.osmNone')),
      item.duplicate_hints.map((other) =>
        h(
          'li',
          { class: 'hint-dup' },
          t('rev.dupHint', { m: distanceTo(item, other) }),
          ' ',
          h(
            'button',
            { type: 'button', class: 'btn btn-small', onclick: () => compare(item, other) },
            t('rev.compare'),
          ),
        ),
      ),
    );
  }

  function distanceTo(item, otherId) {
    const other = items.find((it) => it.id === otherId);
    if (!other || !other.position || !item.position) return '?';
    const dy = (other.position.lat - item.position.lat) * 111_320;
    const dx =
      (other.position.lon - item.position.lon) *
      111_320 *
      Math.cos((item.position.lat * Math.PI) / 180);
    return Math.round(Math.hypot(dx, dy));
  }

  function actions(item) {
    const reason = h('input', {
      id: 'rev-reason',
      type: 'text',
      maxlength: 2000,
      placeholder: t('rev.reason'),
      onkeydown: (e) => {
        if (e.key === 'Enter') reject(item, reason.value);
        if (e.key === 'Escape') toggleReject(false);
      },
    });
    return h(
      'div',
      { class: 'rev-actions' },
      state.rejecting
        ? h(
            'div',
            { class: 'rev-reject' },
            h('label', { for: 'rev-reason', class: 'visually-hidden' }, t('rev.reason')),
            reason,
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-warn',
                onclick: (e) => reject(item, reason.value, e.currentTarget),
              },
              t('rev.confirmReject'),
            ),
            h(
              'button',
              { type: 'button', class: 'btn', onclick: () => toggleReject(false) },
              t('rev.cancel'),
            ),
          )
        : [
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-approve',
                dataset: { action: 'approve' },
                onclick: (e) => approve(item, e.currentTarget),
              },
              h('kbd', {}, 'A'),
              ' ',
              t('rev.approve'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-warn',
                dataset: { action: 'reject' },
                onclick: () => toggleReject(true),
              },
              h('kbd', {}, 'R'),
              ' ',
              t('rev.reject'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                dataset: { action: 'edit' },
                onclick: () => toggleEdit(!state.editing),
              },
              h('kbd', {}, 'E'),
              ' ',
              t('rev.edit'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                dataset: { action: 'next' },
                onclick: () => go(state.index + 1),
                disabled: state.index >= items.length - 1,
              },
              h('kbd', {}, 'J'),
              ' ',
              t('rev.next'),
            ),
          ],
    );
  }

  function editor(item) {
    return editForm(item, {
      getPin: () => map && map.pin(),
      onCancel: () => toggleEdit(false),
      onSave: async (after, button) =>
        act(button, async () => {
          const sent = await saveEdit(octx.ctx, item.id, after);
          if (!sent) return;
          Object.assign(item, after);
          toast(t('rev.savedQueued'));
          toggleEdit(false);
        }),
    });
  }

  function go(i) {
    if (i < 0 || i >= items.length) return;
    state.index = i;
    state.editing = false;
    state.rejecting = false;
    draw();
  }

  function toggleReject(on) {
    state.rejecting = on;
    draw();
    if (on) document.getElementById('rev-reason')?.focus();
  }

  function toggleEdit(on) {
    state.editing = on;
    state.rejecting = false;
    draw();
  }

  async function decide(item, status, note, button) {
    const done = await act(button, () => api.review(item.id, status, note));
    if (!done) return;
    toast(t(status === 'approved' ? 'rev.approved' : 'rev.rejected'));
    items = items.filter((it) => it !== item);
    state.index = Math.min(state.index, Math.max(0, items.length - 1));
    state.rejecting = false;
    state.editing = false;
    draw();
  }

  const approve = (item, button) => decide(item, 'approved', undefined, button);
  const reject = (item, note, button) => decide(item, 'rejected', note.trim() || null, button);

  async function compare(item, otherId) {
    const { mergeView } = await import('./merge.js');
    mergeView(card, octx, item, otherId, {
      photos,
      onDone: (survivorId, goneId) => {
        items = items.filter((it) => it.id !== goneId);
        state.index = Math.max(
          0,
          items.findIndex((it) => it.id === survivorId),
        );
        draw();
      },
      onCancel: draw,
    });
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || TYPING.has(e.target.tagName)) return;
    const item = current();
    const key = e.key.toLowerCase();
    if (key === 'j') go(state.index + 1);
    else if (key === 'k') go(state.index - 1);
    else if (!item || state.editing) return;
    else if (key === 'a') approve(item);
    else if (key === 'r') toggleReject(true);
    else if (key === 'e') toggleEdit(true);
    else return;
    e.preventDefault();
  }

  document.addEventListener('keydown', onKey);
  draw();
  return () => {
    document.removeEventListener('keydown', onKey);
    if (map) map.destroy();
    photos.release();
  };
}
