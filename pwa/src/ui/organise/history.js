// Who changed what, and when, for one observation: a folded panel that loads
// when opened (most reviews never need it).
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { loading, show, when } from './util.js';

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
      h('time', { datetime: row.made_at || row.received_at }, when(row.made_at || row.received_at)),
      row.status !== 'applied' ? h('span', { class: 'badge' }, row.status) : null,
    ),
    fields.length
      ? h(
          'ul',
          { class: 'hist-fields' },
          fields.map(([k, v]) => h('li', {}, h('code', {}, k), ' → ', show(v))),
        )
      : null,
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
