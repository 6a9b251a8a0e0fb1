// The log form's DOM: its sections, in the order a walker meets them, and
// reading the fields back. No storage and no decisions: form.js does those.
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import {
  CAMERA_FIELDS,
  CAMERA_TYPES,
  KINDS,
  MOUNTS,
  POOR_ACCURACY_M,
  SURVEILLANCE,
  ZONES,
  cameraFields,
  forItsKind,
  round7,
  signageFields,
} from '../../model/observation.js';
import { choice, chosen } from './choices.js';
import { readSignage, signageBlock } from './signage.js';

// The GPS chip above already says "Accuracy 6 m": this line says what it
// means for the pin, and what to do when there is no fix at all.
function positionLine(accuracy) {
  if (accuracy == null) {
    return h('p', { class: 'fix warn', role: 'alert' }, t('log.noFix'));
  }
  const poor = accuracy > POOR_ACCURACY_M;
  return h(
    'p',
    { class: poor ? 'fix warn' : 'fix', role: poor ? 'alert' : null },
    poor
      ? t('log.poorFix', { m: Math.round(accuracy) })
      : t('log.fixHere', { m: Math.round(accuracy) }),
    h('br'),
    h('small', {}, t('log.pinHint')),
  );
}

function detailsBlock(fields, suggestions) {
  const zone = h(
    'select',
    { id: 'zone', name: 'zone' },
    h('option', { value: '' }, '—'),
    ZONES.map((z) => h('option', { value: z, selected: fields.zone === z }, t(`v.zone.${z}`))),
  );
  const list = h(
    'datalist',
    { id: 'operators' },
    suggestions.map((s) => h('option', { value: s })),
  );
  return h(
    'details',
    {
      class: 'more',
      open: Boolean(fields.operator || fields.zone || fields.note || fields.height_m != null),
    },
    h('summary', {}, t('log.more')),
    choice('surveillance', SURVEILLANCE, fields.surveillance, { legend: t('log.surveillance') }),
    h('label', { for: 'zone' }, t('log.zone')),
    zone,
    h('label', { for: 'operator' }, t('log.operator')),
    h('input', {
      id: 'operator',
      name: 'operator',
      list: 'operators',
      maxlength: 255,
      placeholder: t('log.operatorHint'),
      value: fields.operator || '',
    }),
    list,
    h('label', { for: 'height' }, t('log.height')),
    h('input', {
      id: 'height',
      name: 'height',
      type: 'number',
      inputmode: 'decimal',
      min: 0,
      max: 100,
      step: 0.5,
      value: fields.height_m ?? '',
    }),
    h('label', { for: 'note' }, t('log.note')),
    h('textarea', { id: 'note', name: 'note', rows: 2, maxlength: 2000 }, fields.note || ''),
    // The phone's date when logged: a clock set wrong gives a day the server
    // refuses (future_day), and here she corrects it.
    h('label', { for: 'surveyed_on' }, t('field.surveyed_on')),
    h('input', {
      id: 'surveyed_on',
      name: 'surveyed_on',
      type: 'date',
      value: fields.surveyed_on || '',
    }),
  );
}

// The kind first, since it decides what else the form asks: the camera's own
// fields (cameraFields) and the signage survey (`signage`, signageFields)
// follow it. They are hidden, not taken out: a walker who taps "guard" and
// then back "camera" finds what she chose, while readForm leaves them out as
// long as the kind does not have them.
function kindAndCameraBlock(base, signage) {
  const kind = choice('kind', KINDS, base.kind, { legend: t('log.kind'), clearable: false });
  const asked = {
    camera_type: choice('camera_type', CAMERA_TYPES, base.camera_type, {
      legend: t('log.cameraType'),
      icons: true,
    }),
    mount: choice('mount', MOUNTS, base.mount, { legend: t('log.mount') }),
  };
  const follow = () => {
    const now = chosen(kind, 'kind') || base.kind;
    const has = cameraFields(now);
    for (const name of CAMERA_FIELDS) asked[name].hidden = !has.includes(name);
    signage.hidden = signageFields(now).length === 0;
  };
  kind.addEventListener('change', follow);
  follow();
  return [kind, ...CAMERA_FIELDS.map((name) => asked[name])];
}

// The surveyed fields as the form now says, on top of `base`: only those its
// kind has (forItsKind), whatever the hidden ones still hold.
export function readForm(form, base, state) {
  const text = (name) =>
    form.elements[name].value.trim() ? form.elements[name].value.trim() : null;
  const height = Number.parseFloat(form.elements.height.value);
  return forItsKind({
    ...base,
    position: {
      lat: round7(state.position.lat),
      lon: round7(state.position.lon),
      accuracy_m: state.position.accuracy_m == null ? null : Math.round(state.position.accuracy_m),
    },
    kind: chosen(form, 'kind') || 'camera',
    camera_type: chosen(form, 'camera_type'),
    mount: chosen(form, 'mount'),
    surveillance: chosen(form, 'surveillance'),
    zone: form.elements.zone.value || null,
    operator: text('operator'),
    height_m: Number.isFinite(height) ? height : null,
    note: text('note'),
    direction: state.directions.length ? state.directions.slice() : null,
    surveyed_on: form.elements.surveyed_on.value || base.surveyed_on,
    ...readSignage(form, base),
  });
}

export function offer(text, apply) {
  const box = h('p', { class: 'offer' }, text, ' ');
  box.append(
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-small',
        onclick: () => {
          apply();
          box.remove();
        },
      },
      t('log.useExif'),
    ),
  );
  return box;
}

/**
 * The whole form. parts: the controller's live pieces (banner host, direction
 * block, photo section, EXIF box, save button, the host of the question back
 * asks); on: {submit, cancel}.
 */
export function buildLogForm({ editing, base, suggestions, accuracy, parts, on }) {
  const title = t(editing ? 'log.editTitle' : 'log.title');
  const signage = signageBlock(base);
  return h(
    'form',
    {
      class: 'log-form',
      'aria-label': title,
      onsubmit: (e) => {
        e.preventDefault();
        on.submit();
      },
    },
    h('h2', {}, title),
    parts.banner,
    positionLine(accuracy),
    kindAndCameraBlock(base, signage),
    parts.direction,
    parts.photos,
    parts.exif,
    signage,
    detailsBlock(base, suggestions),
    h(
      'div',
      { class: 'actions' },
      parts.leave,
      h('button', { type: 'button', class: 'btn', onclick: on.cancel }, t('log.cancel')),
      parts.save,
    ),
  );
}
