// What a camera on the map is called: the name a screen reader reads on its
// marker (also shown on a long press) and the lines of the "cameras here"
// chooser. The kind and state alone ("Camera · safe on server") named fifty
// markers alike; the shape, the direction and the operator tell apart the
// cameras of one pole, which is where a walker needs to tell them apart.
import { t, tv } from '../../i18n/index.js';
import { osmReading } from '../../geo/osmValues.js';
import { outOfUse } from '../../geo/nearby.js';
import { cameraFields } from '../../model/observation.js';
import { typed } from '../../shared/format.js';

// The parts of a camera's name, from its surveyed fields; absent ones are null.
// The camera type only of a kind that has one (cameraFields): "Guard, dome"
// named a shape a person does not have, from a value held from before.
export function cameraParts(fields) {
  const kind = tv('kind', fields.kind || 'camera');
  const directions = Array.isArray(fields.direction) ? fields.direction : [];
  const hasType = fields.camera_type && cameraFields(fields.kind).includes('camera_type');
  return {
    what: hasType
      ? t('map.name.typed', { kind, type: tv('camera_type', fields.camera_type).toLowerCase() })
      : kind,
    facing: directions.length
      ? t('map.name.facing', { dir: directions.map((d) => `${d}°`).join(', ') })
      : null,
    operator: fields.operator ? typed(fields.operator) : null,
    gone: fields.presence === 'gone' ? t('obs.goneFlag') : null,
  };
}

// A walker's camera: its parts, then its sync state; `earlier` for the group's other walks.
export function cameraName(fields, state, { earlier = false } = {}) {
  const { what, facing, operator, gone } = cameraParts(fields);
  return [what, facing, operator, gone, t(`state.${state}`), earlier ? t('map.earlier') : null]
    .filter(Boolean)
    .join(' · ');
}

// An OSM camera's name, wherever the walker reads it: its marker, its line in
// the "cameras here" chooser, and the sheet of the group's record linked to it.
export function osmNodeName(node) {
  return t(outOfUse(node) ? 'obs.osmOutOfUse' : 'obs.osm', { id: node.id });
}

// An OSM camera's marker and its line in the "cameras here" chooser: one a
// mapper marked out of use is drawn apart and says so, never hidden (the
// walker may find the device still on its pole).
export function osmMarker(node) {
  const idle = outOfUse(node);
  return {
    dot: idle ? 'osm-dot out-of-use' : 'osm-dot',
    name: osmNodeName(node),
    badge: {
      cls: idle ? 'osm out-of-use' : 'osm',
      text: t(idle ? 'map.legend.osmOutOfUse' : 'map.legend.osm'),
    },
  };
}

// An OSM camera's fields as the phone reads its tags (geo/osmValues.js).
export function osmCameraFields(node) {
  return { kind: 'camera', ...pickRead(osmReading(node.tags || {})) };
}

function pickRead(read) {
  const fields = {};
  for (const [key, value] of Object.entries(read)) if (value != null) fields[key] = value;
  return fields;
}
