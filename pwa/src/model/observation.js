// What an observation is on the phone: the surveyed fields of
// docs/contract.md, their allowed values, and how a pending change alters the
// copy the walker sees. Pure functions: no storage, no network.
import { localDate, localTimestamp } from '../shared/dates.js';

export const KINDS = ['camera', 'ALPR', 'guard', 'gunshot_detector'];
// Devices that film: what "cameras" counts where other devices are said apart.
export const FILMING_KINDS = ['camera', 'ALPR'];
export const SURVEILLANCE = ['public', 'outdoor', 'indoor'];
export const CAMERA_TYPES = ['fixed', 'dome', 'panning'];
export const MOUNTS = ['wall', 'pole', 'ceiling', 'street_lamp', 'traffic_signals', 'tree'];
export const ZONES = ['town', 'traffic', 'parking', 'shop', 'bank', 'building', 'entrance'];
export const PHOTO_ROLES = ['close_up', 'context', 'other', 'sign'];
// The signage survey (docs/legal.md): private, never sent to OpenStreetMap.
export const SIGN = ['seen', 'none', 'not_looked'];
export const YES_NO = ['yes', 'no'];
export const FILMED_BY = [
  'public_authority',
  'transport_operator',
  'business',
  'residence',
  'unknown',
];
export const SIGN_CHECKLIST = [
  'sign_pictogram',
  'sign_responsible',
  'sign_purpose',
  'sign_retention',
  'sign_rights_contact',
  'sign_cnil',
];
export const SIGNAGE_FIELDS = ['sign', ...SIGN_CHECKLIST, 'filmed_by', 'aimed_at_road'];

// Whether a device of `kind` films, the kind read as the export reads it
// (spaces stripped): what decides which questions it is asked. None given is
// a camera: a record needs a kind, and "+" logs a camera.
function films(kind) {
  const spelt = typeof kind === 'string' ? kind.trim() : kind;
  return spelt == null || FILMING_KINDS.includes(spelt);
}

// The fields that describe a camera itself, which only a kind that films has:
// a guard is a person and a gunshot detector a microphone, and a camera type
// or a mount on them would be wrong data. The OSM export writes these fields
// by the same rule (camera_fields in sync/osm/tags.py); tests/pwa/
// test_kind_fields.py and the shared cases of tests/pwa/data/kind_fields.json
// keep the two in step.
export const CAMERA_FIELDS = ['camera_type', 'mount'];

// The camera fields a device of `kind` has: all for a kind that films, none
// for any other.
export function cameraFields(kind) {
  return films(kind) ? CAMERA_FIELDS : [];
}

// The signage survey's fields a device of `kind` is asked: all for a kind
// that films, none for any other. Its questions are about video protection
// (docs/legal.md: a sign with a camera pictogram, who may film the public
// road); a plate reader films, a guard or a gunshot detector does not, and
// the commune's signage file counts only the devices that film, by the same
// rule (sync/signage.py `concerns`, held to this one by
// tests/pwa/test_signage_kinds.py).
export function signageFields(kind) {
  return films(kind) ? SIGNAGE_FIELDS : [];
}

// `fields` with the fields its kind does not have emptied (cameraFields,
// signageFields): what the phone stores and syncs, so that a kind changed
// from camera to guard does not carry a camera type or a sign checklist the
// walker no longer sees, the export never writes, and the organiser's review
// would still show.
export function forItsKind(fields) {
  const kept = [...cameraFields(fields.kind), ...signageFields(fields.kind)];
  const out = { ...fields };
  for (const name of [...CAMERA_FIELDS, ...SIGNAGE_FIELDS]) {
    if (name in out && !kept.includes(name)) out[name] = null;
  }
  return out;
}

// Fields a walker may set and the server merges one by one.
export const SURVEYED_FIELDS = [
  'position',
  'kind',
  'surveillance',
  'camera_type',
  'mount',
  'direction',
  'zone',
  'operator',
  'height_m',
  'manufacturer',
  'model',
  'note',
  'surveyed_on',
  'presence',
  'osm_node_id',
  'osm_not_node_id',
  ...SIGNAGE_FIELDS,
];

// Re-exported: older callers import them from here.
export { localDate, localTimestamp };

// A fix worse than this is flagged to the walker (metres).
export const POOR_ACCURACY_M = 25;

export function round7(x) {
  return Math.round(x * 1e7) / 1e7;
}

export function normaliseDirection(deg) {
  return ((Math.round(deg) % 360) + 360) % 360;
}

// Only what the walker said goes to OpenStreetMap: a field she did not choose
// stays null. The kind is "camera" because that is what "+" logs (and the
// server needs a kind); she can change it in the form.
export function newFields({ position, surveyedOn = localDate() }) {
  return {
    position: {
      lat: round7(position.lat),
      lon: round7(position.lon),
      accuracy_m: position.accuracy_m == null ? null : Math.round(position.accuracy_m),
    },
    kind: 'camera',
    surveillance: null,
    camera_type: null,
    mount: null,
    direction: null,
    zone: null,
    operator: null,
    height_m: null,
    manufacturer: null,
    model: null,
    note: null,
    surveyed_on: surveyedOn,
    presence: 'present',
    osm_node_id: null,
    osm_not_node_id: null,
    ...Object.fromEntries(SIGNAGE_FIELDS.map((name) => [name, null])),
  };
}

// JSON with sorted keys: the server may send {accuracy_m, lat, lon} where the
// phone built {lat, lon, accuracy_m}; that is no change.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function same(a, b) {
  return canonical(a) === canonical(b);
}

// The {old, new} pairs of an update change: only fields that really changed.
export function diffFields(before, after) {
  const out = {};
  for (const key of SURVEYED_FIELDS) {
    if (!(key in after)) continue;
    if (!same(before[key], after[key])) out[key] = { old: before[key] ?? null, new: after[key] };
  }
  return out;
}

// The copy the walker sees = the server's copy + the changes still waiting.
export function applyChange(fields, change) {
  switch (change.op) {
    case 'create':
      return { ...change.fields };
    case 'update': {
      const next = { ...fields };
      for (const [key, pair] of Object.entries(change.fields)) next[key] = pair.new;
      return next;
    }
    default:
      return fields;
  }
}

// A field a walker would recognise, for the cone: the first direction.
export function mainDirection(fields) {
  return Array.isArray(fields.direction) && fields.direction.length ? fields.direction[0] : null;
}
