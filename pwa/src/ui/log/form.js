// The log form, in a bottom sheet over the map. The quick case is "+", a
// photo, Save: nothing else is preselected (only the kind, "camera", which is
// what "+" logs), so nothing she did not choose reaches OpenStreetMap.
import { h, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import {
  CAMERA_TYPES,
  KINDS,
  MOUNTS,
  POOR_ACCURACY_M,
  SURVEILLANCE,
  ZONES,
  newFields,
  round7,
} from '../../model/observation.js';
import { distanceM } from '../../geo/geo.js';

// A photo's own position farther than this from the pin (metres) is not this
// camera's: she is warned and the position is not offered.
export const PHOTO_NEAR_M = 100;

function distanceText(m) {
  return m >= 1000 ? `${Math.round(m / 1000)}\u00a0km` : `${Math.round(m)}\u00a0m`;
}
import { fieldsFromOsmNode, operatorSuggestions } from '../../geo/nearby.js';
import { editCamera, logNewCamera } from '../../sync/journal.js';
import { choice, chosen } from './choices.js';
import { photoSection } from './photos.js';
import { nearbyBanner } from './nearby.js';
import { createCompass } from './compass.js';
import { directionBlock } from './direction.js';

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
  );
}

// The surveyed fields as the form now says, on top of `base`.
function readForm(form, base, state) {
  const text = (name) =>
    form.elements[name].value.trim() ? form.elements[name].value.trim() : null;
  const height = Number.parseFloat(form.elements.height.value);
  return {
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
  };
}

/**
 * opts: { ctx, walk, sheet, placing, position, record?, candidates, nearbyAt, observations,
 *         osmNodes, existingPhotos, onSaved, onClose, onOpenRecord }
 */
export function renderLogForm(opts) {
  const { ctx, walk, record, position, placing } = opts;
  const editing = Boolean(record);
  const base = editing ? record.fields : newFields({ position });
  const state = {
    position: editing ? { ...record.fields.position } : { ...position },
    directions: Array.isArray(base.direction) ? base.direction.slice() : [],
    lens: 0,
  };
  const compass = createCompass();
  const dir = directionBlock(state, compass, placing);
  const photos = photoSection({
    maxBytes: ctx.config?.max_photo_bytes,
    onExif: (exif) => offerExif(exif),
    existing: opts.existingPhotos || [],
    loadThumb: (sha) => ctx.api.photoThumb(sha).catch(() => null),
  });
  const exifBox = h('div', { class: 'exif-offers' });
  const saveButton = h(
    'button',
    { type: 'submit', class: 'btn btn-primary btn-save' },
    t('log.save'),
  );
  const suggestions = operatorSuggestions(opts.observations, opts.osmNodes, state.position);

  function offerExif(exif) {
    const device = state.position.accuracy_m;
    const p = exif.position;
    const away = p ? distanceM(state.position, p) : null;
    // A photo taken elsewhere (an old picture, the wrong file) must not move
    // the pin, and she should know before saving it with this camera.
    if (away != null && away > PHOTO_NEAR_M) {
      exifBox.append(
        h('p', { class: 'offer warn', role: 'alert' }, t('log.exifFar', { d: distanceText(away) })),
      );
    } else if (p && p.accuracy_m != null && (device == null || p.accuracy_m < device)) {
      exifBox.append(
        offer(
          t('log.exifOffer', {
            m: Math.round(p.accuracy_m),
            g: device == null ? '?' : Math.round(device),
          }),
          () => {
            state.position = { ...p };
            placing.setPosition(p);
          },
        ),
      );
    }
    if (exif.direction != null && state.directions.length === 0) {
      exifBox.append(
        offer(t('log.exifDirection', { deg: exif.direction }), () => dir.set(exif.direction)),
      );
    }
  }

  async function save(fields) {
    saveButton.disabled = true;
    saveButton.textContent = t('log.saving');
    try {
      const saved = editing
        ? await editCamera({
            record,
            after: fields,
            photos: photos.photos(),
            removePhotos: photos.removed(),
          })
        : await logNewCamera({
            walkId: walk.id,
            createdBy: ctx.session.member.pseudonym,
            fields,
            photos: photos.photos(),
          });
      toast(t('log.saved'), { kind: 'ok' });
      close();
      opts.onSaved(saved);
    } catch (err) {
      console.error(err);
      toast(t('log.notSaved'), { kind: 'error', ms: 6000 });
      saveButton.disabled = false;
      saveButton.textContent = t('log.save');
    }
  }

  function close() {
    compass.stop();
    photos.dispose();
    placing.stop();
  }

  // The nearby warning follows the pin: dragged 30 m away from the camera it
  // named, the pin is no longer "a camera 1 m away".
  const bannerHost = h('div', { class: 'nearby-host' });
  let dismissed = false;
  function showNearby(candidates) {
    const top = !editing && !dismissed && candidates && candidates.length ? candidates[0] : null;
    bannerHost.replaceChildren(
      top
        ? nearbyBanner(top, {
            onStill: () =>
              save(fieldsFromOsmNode(top.node, readForm(form, base, state), 'present')),
            onGone: () => save(fieldsFromOsmNode(top.node, readForm(form, base, state), 'gone')),
            onOpen: () => {
              close();
              opts.onOpenRecord(top.observation);
            },
            onDismiss: () => (dismissed = true),
          })
        : '',
    );
  }
  showNearby(opts.candidates);

  const form = h(
    'form',
    {
      class: 'log-form',
      'aria-label': t(editing ? 'log.editTitle' : 'log.title'),
      onsubmit: (e) => {
        e.preventDefault();
        if (!photos.busy()) save(readForm(form, base, state));
      },
    },
    h('h2', {}, t(editing ? 'log.editTitle' : 'log.title')),
    bannerHost,
    positionLine(state.position.accuracy_m),
    choice('camera_type', CAMERA_TYPES, base.camera_type, {
      legend: t('log.cameraType'),
      icons: true,
    }),
    choice('mount', MOUNTS, base.mount, { legend: t('log.mount') }),
    dir.element,
    photos.element,
    exifBox,
    choice('kind', KINDS, base.kind, { legend: t('log.kind'), clearable: false }),
    detailsBlock(base, suggestions),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => {
            close();
            opts.onClose();
          },
        },
        t('log.cancel'),
      ),
      saveButton,
    ),
  );
  return {
    form,
    setPin: (p) => {
      state.position = { ...state.position, lat: p.lat, lon: p.lon };
      if (opts.nearbyAt) showNearby(opts.nearbyAt(state.position));
    },
    setDirection: (d) => dir.set(d),
    close,
  };
}

function offer(text, apply) {
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
