// The review card in edit mode: the surveyed fields as plain form controls
// (an organiser on a laptop wants a keyboard, not big chips) and the pin.
import { h } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import {
  CAMERA_TYPES,
  KINDS,
  MOUNTS,
  SURVEILLANCE,
  ZONES,
  round7,
} from '../../model/observation.js';

function choice(name, label, values, current) {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, t(label)),
    h(
      'select',
      { name },
      h('option', { value: '' }, '—'),
      values.map((v) => h('option', { value: v, selected: v === current }, tv(name, v))),
    ),
  );
}

function text(name, label, value, attrs = {}) {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, t(label)),
    h('input', { name, value: value == null ? '' : String(value), ...attrs }),
  );
}

function numberOrNull(s) {
  const n = Number(String(s).replace(',', '.'));
  return String(s).trim() === '' || Number.isNaN(n) ? null : n;
}

export function editForm(item, { getPin, onSave, onCancel }) {
  const form = h(
    'form',
    { class: 'rev-edit', novalidate: true },
    h('p', { class: 'muted' }, t('rev.movePin')),
    h(
      'div',
      { class: 'rev-edit-grid' },
      choice('kind', 'log.kind', KINDS, item.kind),
      choice('camera_type', 'log.cameraType', CAMERA_TYPES, item.camera_type),
      choice('mount', 'log.mount', MOUNTS, item.mount),
      choice('surveillance', 'log.surveillance', SURVEILLANCE, item.surveillance),
      choice('zone', 'log.zone', ZONES, item.zone),
      text('operator', 'log.operator', item.operator, { maxlength: 255 }),
      text('direction', 'log.direction', (item.direction || []).join(';'), {
        inputmode: 'numeric',
        placeholder: '0–359',
      }),
      text('height_m', 'log.height', item.height_m, { inputmode: 'decimal' }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('rev.save')),
      h('button', { type: 'button', class: 'btn', onclick: onCancel }, t('rev.cancel')),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const str = (k) => String(data.get(k) || '').trim() || null;
    const directions = String(data.get('direction') || '')
      .split(/[;, ]+/)
      .map(numberOrNull)
      .filter((d) => d !== null && d >= 0 && d < 360)
      .map((d) => Math.round(d));
    const after = {
      kind: str('kind'),
      camera_type: str('camera_type'),
      mount: str('mount'),
      surveillance: str('surveillance'),
      zone: str('zone'),
      operator: str('operator'),
      direction: directions.length ? directions : null,
      height_m: numberOrNull(data.get('height_m') || ''),
    };
    const pin = getPin();
    if (pin && item.position) {
      after.position = { ...item.position, lat: round7(pin.lat), lon: round7(pin.lon) };
    }
    onSave(after, e.submitter);
  });
  return form;
}
