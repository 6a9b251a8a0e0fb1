// Who changed what, and when, for one observation: a folded panel that loads
// when opened (most reviews never need it).
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { loading } from './util.js';
import { fieldLabel } from './fields.js';
import { fieldValue, formatDateTime } from '../../shared/format.js';

// An update carries {old, new} per field; a create, the value itself. Shown
// as "old → new" or the value, never as raw JSON nor as the wire's field
// names and values: in the words the walker's form and the review card use.
function isEdit(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'new' in v;
}

// One field of a change in the organiser's words: its label, the value it
// had (an update only) and the value it got.
export function fieldWords([name, v]) {
  const label = fieldLabel(name);
  if (!isEdit(v)) return { label, value: fieldValue(name, v) };
  return { label, old: fieldValue(name, v.old), value: fieldValue(name, v.new) };
}

function fieldLine(entry) {
  const { label, old, value } = fieldWords(entry);
  const name = h('span', { class: 'hist-field', dataset: { field: entry[0] } }, label);
  if (old === undefined) return h('li', {}, name, ' → ', value);
  return h('li', {}, name, t('hist.was'), h('del', {}, old), ' → ', h('ins', {}, value));
}

// A status the server gave the change, in words; a newer one as sent.
export function statusWords(status) {
  const key = `hist.status.${status}`;
  return t(key) === key ? status : t(key);
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
      row.status !== 'applied' ? h('span', { class: 'badge' }, statusWords(row.status)) : null,
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
