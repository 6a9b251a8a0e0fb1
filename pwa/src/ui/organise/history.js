// Who changed what, and when, for one observation: a folded panel that loads
// when opened (most reviews never need it).
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { loading, show } from './util.js';
import { formatDateTime } from '../../shared/format.js';

// An update carries {old, new} per field; a create, the value itself. Shown
// as "old → new" or the value, never as raw JSON.
function isEdit(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'new' in v;
}

function fieldLine([name, v]) {
  const label = h('code', {}, name);
  if (!isEdit(v)) return h('li', {}, label, ' → ', show(v));
  return h('li', {}, label, ' : ', h('del', {}, show(v.old)), ' → ', h('ins', {}, show(v.new)));
}

function changeLine(row) {
  const fields = Object.entries(row.fields || (row.payload && row.payload.fields) || {});
  return h(
    'li',
    { class: `hist-row hist-${row.status}` },
    h(
      'div',
      { class: 'hist-head' },
      h('strong', {}, row.by || '—'),
      ' · ',
      t(`hist.op.${row.op}`) === `hist.op.${row.op}` ? row.op : t(`hist.op.${row.op}`),
      ' · ',
      h(
        'time',
        { datetime: row.made_at || row.received_at },
        formatDateTime(row.made_at || row.received_at),
      ),
      row.status !== 'applied' ? h('span', { class: 'badge' }, row.status) : null,
    ),
    fields.length ? h('ul', { class: 'hist-fields' }, fields.map(fieldLine)) : null,
  );
}

export function historyPanel(api, observationId) {
  const body = h('div', {});
  const panel = h(
    'details',
    { class: 'hist', dataset: { id: observationId } },
    h('summary', {}, t('hist.title')),
    body,
  );
  panel.addEventListener('toggle', async () => {
    if (!panel.open || body.dataset.loaded) return;
    body.dataset.loaded = '1';
    mount(body, loading());
    try {
      const rows = await api.history(observationId);
      mount(
        body,
        rows.length
          ? h('ol', { class: 'hist-list' }, rows.map(changeLine))
          : h('p', { class: 'muted' }, t('hist.empty')),
      );
    } catch (err) {
      mount(body, h('p', { class: 'warn' }, t('org.error', { msg: err.message })));
    }
  });
  return panel;
}
