// An OSM camera's tags read the way the server reads them (observation_fields
// in sync/osm/tags.py, sync/osm/direction.py). A walker's "still there" sends
// what the phone read, and the export writes it back onto the node: a looser
// reading here would put a misreading in place of a mapper's correct tag
// (`90;` went out as `0;90`, `12'` as 12 m). So a value is read only when the
// export would write it back unchanged; anything else reads as null, which
// the export leaves as the node has it. Both sides are tested on the cases in
// tests/sync/osm/data/confirm_readings.json.
import { CAMERA_TYPES, KINDS, MOUNTS, SURVEILLANCE, ZONES } from '../model/observation.js';

// What Python's str.strip() removes, which is what the server strips:
// JavaScript's trim() keeps U+001C–U+001F and U+0085 and removes U+FEFF.
const PY_SPACE =
  '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGE_SPACE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const strip = (text) => text.replace(EDGE_SPACE, '');
// A tag's text as the export writes it: one line, single-spaced (Python's
// " ".join(text.split())).
const SPACES = new RegExp(`[${PY_SPACE}]+`);
const oneLine = (text) => text.split(SPACES).filter(Boolean).join(' ');

// The 16 compass points, clockwise from north, 22.5 degrees apart.
const COMPASS_POINTS = [
  'N',
  'NNE',
  'NE',
  'ENE',
  'E',
  'ESE',
  'SE',
  'SSE',
  'S',
  'SSW',
  'SW',
  'WSW',
  'W',
  'WNW',
  'NW',
  'NNW',
];
const DIRECTION_KEYS = ['camera:direction', 'direction'];
const DEGREES = /^[+-]?[0-9]{1,3}(?:\.[0-9]+)?$/;

// Half degrees round up, so NNE (22.5) is 23 as on the server.
const wholeDegrees = (degrees) => ((Math.floor(degrees + 0.5) % 360) + 360) % 360;

// Whole degrees from one OSM direction value (`90`, `90;180`, `NE`, `n;S`),
// or null when it holds no direction or any piece is neither degrees nor a
// compass point (a range such as `90-180` included). Empty pieces are no
// lens: `90;` is one direction.
export function readOsmDirection(value) {
  if (typeof value !== 'string') return null;
  const pieces = value.split(';').map(strip).filter(Boolean);
  if (!pieces.length) return null;
  const degrees = [];
  for (const piece of pieces) {
    const point = COMPASS_POINTS.indexOf(piece.toUpperCase());
    if (point !== -1) degrees.push(wholeDegrees(point * 22.5));
    else if (DEGREES.test(piece)) degrees.push(wholeDegrees(Number(piece)));
    else return null;
  }
  return degrees;
}

// The bearings a node states beyond doubt, sorted, without repeats: every
// direction key it has must read alike, since a surveyed direction is written
// under all of them.
function statedDirection(tags) {
  let stated = null;
  for (const key of DIRECTION_KEYS) {
    if (tags[key] === undefined) continue;
    const read = readOsmDirection(tags[key]);
    if (!read) return null;
    const bearings = [...new Set(read)].sort((a, b) => a - b);
    if (stated && stated.join(';') !== bearings.join(';')) return null;
    stated = bearings;
  }
  return stated;
}

const METRES = /^[0-9]+(?:\.[0-9]+)?$/;
const MAX_HEIGHT_M = 100; // what a record holds (sync/fields.py)

// Metres, plain or followed by `m`; feet (`12'`, `12 ft`), a decimal comma
// and anything else read as null.
function readHeight(value) {
  if (typeof value !== 'string') return null;
  let number = strip(value);
  if (number.endsWith('m')) number = strip(number.slice(0, -1));
  if (!METRES.test(number)) return null;
  const height = Number(number);
  // The export writes centimetres: a finer height would come back rounded.
  const written = Math.round(height * 100) / 100;
  return height <= MAX_HEIGHT_M && written === height ? height : null;
}

const LISTED = {
  kind: ['surveillance:type', KINDS],
  surveillance: ['surveillance', SURVEILLANCE],
  camera_type: ['camera:type', CAMERA_TYPES],
  mount: ['camera:mount', MOUNTS],
  zone: ['surveillance:zone', ZONES],
};
const FREE_TEXT = ['operator', 'manufacturer', 'model']; // same key as the field
const FREE_TEXT_MAX = 255; // characters, what a record holds and OSM allows
const CONTROL = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/;

// Free text as the server stores it and the export writes it back: one line,
// single-spaced, without control characters.
function readText(value) {
  if (typeof value !== 'string' || !value || oneLine(value) !== value) return null;
  return CONTROL.test(value) || [...value].length > FREE_TEXT_MAX ? null : value;
}

// What a walker who only confirms this OSM camera says, in camwalk field
// names, null where the node says nothing camwalk can write back unchanged:
// one value of the list exactly (`Wall` or `wall;pole` is not read), free
// text as it is, directions and heights as above.
export function osmReading(tags) {
  const read = {};
  for (const [field, [key, allowed]] of Object.entries(LISTED)) {
    read[field] = allowed.includes(tags[key]) ? tags[key] : null;
  }
  for (const field of FREE_TEXT) read[field] = readText(tags[field]);
  read.direction = statedDirection(tags);
  read.height_m = readHeight(tags.height);
  return read;
}
