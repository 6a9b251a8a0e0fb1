// The review card in edit mode: the surveyed fields as plain form controls
// (an organiser on a laptop wants a keyboard, not big chips) and the pin.
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import {
  CAMERA_FIELDS,
  CAMERA_TYPES,
  FILMED_BY,
  KINDS,
  MOUNTS,
  SIGN,
  SIGN_CHECKLIST,
  SIGNAGE_FIELDS,
  SURVEILLANCE,
  YES_NO,
  ZONES,
  cameraFields,
  forItsKind,
  round7,
  same,
  signageFields,
} from '../../model/observation.js';
import { fieldValue } from '../../shared/format.js';

function choice(name, label, values, current) {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, t(label)),
    h(
      'select',
      { name },
      h('option', { value: '' }, '—'),
      values.map((v) => h('option', { value: v, selected: v === current }, fieldValue(name, v))),
    ),
  );
}

// The kind, then the camera's own fields, shown as the kind has them
// (cameraFields), as the walker's form asks them; the signage choices
// (`signage`) follow it too (signageFields). Hidden, not taken out: a kind
// chosen by mistake and taken back finds them as they were, and
// editedFields sends them empty while the kind does not have them.
function kindAndCameraChoices(item, signage) {
  const kind = choice('kind', 'log.kind', KINDS, item.kind);
  const asked = {
    camera_type: choice('camera_type', 'log.cameraType', CAMERA_TYPES, item.camera_type),
    mount: choice('mount', 'log.mount', MOUNTS, item.mount),
  };
  const select = kind.querySelector('select');
  const follow = () => {
    const has = cameraFields(select.value || null);
    for (const name of CAMERA_FIELDS) asked[name].hidden = !has.includes(name);
    const asksSignage = signageFields(select.value || null).length > 0;
    for (const label of signage) label.hidden = !asksSignage;
  };
  select.addEventListener('change', follow);
  follow();
  return [kind, ...CAMERA_FIELDS.map((name) => asked[name])];
}

function signageChoices(item) {
  return [
    choice('sign', 'field.sign', SIGN, item.sign),
    ...SIGN_CHECKLIST.map((name) => choice(name, `field.${name}`, YES_NO, item[name])),
    choice('filmed_by', 'field.filmed_by', FILMED_BY, item.filmed_by),
    choice('aimed_at_road', 'field.aimed_at_road', YES_NO, item.aimed_at_road),
  ];
}

function text(name, label, value, attrs = {}) {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, t(label)),
    h('input', { name, value: value == null ? '' : String(value), ...attrs }),
  );
}

// One input per lens: a multi-lens device looking 90° and 180° gets two, each
// editable, and a lens can be added or removed. (One text field "90;180" asked
// for a semicolon that a phone's number keypad does not have.)
function directionsField(values) {
  const list = h('div', { class: 'dir-list' });
  const row = (value) => {
    const input = h('input', {
      name: 'direction',
      type: 'number',
      min: '0',
      max: '359',
      step: '1',
      inputmode: 'numeric',
      value: value == null ? '' : String(value),
    });
    const remove = h('button', { type: 'button', class: 'btn btn-small dir-remove' }, '×');
    const line = h('div', { class: 'dir-row' }, input, remove);
    remove.addEventListener('click', () => {
      line.remove();
      renumber();
    });
    return line;
  };
  // Each lens is named by its place, for a screen reader and for the eye.
  function renumber() {
    list.querySelectorAll('.dir-row').forEach((line, i) => {
      const n = i + 1;
      line.querySelector('input').setAttribute('aria-label', t('edit.lens', { n }));
      line.querySelector('.dir-remove').setAttribute('aria-label', t('edit.removeLens', { n }));
    });
  }
  const add = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small dir-add',
      onclick: () => {
        list.append(row(null));
        renumber();
        list.lastElementChild.querySelector('input').focus();
      },
    },
    t('edit.addLens'),
  );
  list.append(...(values && values.length ? values : [null]).map(row));
  renumber();
  return h(
    'fieldset',
    { class: 'field dir-field' },
    h('legend', {}, t('log.direction')),
    list,
    add,
  );
}

function numberOrNull(s) {
  const n = Number(String(s).replace(',', '.'));
  return String(s).trim() === '' || Number.isNaN(n) ? null : n;
}

// What the organiser changed on the card `item`: the fields the form
// (`data`: its FormData) and the pin (`pin`, null without a map) say
// otherwise than the card showed. Only those are sent (saveEdit lays them on
// the phone's copy): a field she left alone, sent back as the card showed it,
// would undo a walker's edit her phone pulled since the card was drawn. The
// camera fields and the signage answers follow the kind, as on the walker's
// phone (forItsKind): a device saved as a guard or a gunshot detector holds no
// camera type, mount or sign checklist, even one logged before the phone
// followed that rule.
export function editedFields(item, data, pin) {
  const str = (k) => String(data.get(k) || '').trim() || null;
  const directions = data
    .getAll('direction')
    .map(numberOrNull)
    .filter((d) => d !== null && d >= 0 && d < 360)
    .map((d) => Math.round(d));
  const after = forItsKind({
    kind: str('kind'),
    camera_type: str('camera_type'),
    mount: str('mount'),
    surveillance: str('surveillance'),
    zone: str('zone'),
    operator: str('operator'),
    direction: directions.length ? directions : null,
    height_m: numberOrNull(data.get('height_m') || ''),
    ...Object.fromEntries(SIGNAGE_FIELDS.map((name) => [name, str(name)])),
  });
  if (pin && item.position) {
    after.position = { ...item.position, lat: round7(pin.lat), lon: round7(pin.lon) };
  }
  return Object.fromEntries(
    Object.entries(after).filter(([name, value]) => !same(item[name], value)),
  );
}

export function editForm(item, { getPin, onSave, onCancel }) {
  const signage = signageChoices(item);
  const form = h(
    'form',
    { class: 'rev-edit', novalidate: true },
    h('p', { class: 'muted' }, t('rev.movePin')),
    h(
      'div',
      { class: 'rev-edit-grid' },
      ...kindAndCameraChoices(item, signage),
      choice('surveillance', 'log.surveillance', SURVEILLANCE, item.surveillance),
      choice('zone', 'log.zone', ZONES, item.zone),
      text('operator', 'log.operator', item.operator, { maxlength: 255 }),
      directionsField(item.direction),
      text('height_m', 'log.height', item.height_m, { inputmode: 'decimal' }),
      ...signage,
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
    onSave(editedFields(item, new FormData(form), getPin()), e.submitter);
  });
  return form;
}
