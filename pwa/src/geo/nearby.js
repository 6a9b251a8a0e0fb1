// "Already in OSM?": cameras close to where the walker stands, so she can
// confirm one instead of logging a duplicate.
import { distanceM } from './geo.js';
import { osmReading } from './osmValues.js';
import { KINDS, forItsKind } from '../model/observation.js';

export const NEARBY_M = 10;

// OSM node id → the group's record linked to it (its answer about that camera).
export function answeredNodes(observations) {
  const answered = new Map();
  for (const obs of observations) {
    if (obs.fields.osm_node_id != null) answered.set(obs.fields.osm_node_id, obs);
  }
  return answered;
}

// An OSM camera the group already answered about (a record linked to it: a
// "still there" of last week, another walker's this morning) is offered as
// that record, at the nearer of the two places: answering it again as an OSM
// camera would make a second record of one device.
export function nearbyCandidates(
  position,
  { osmNodes = [], observations = [] },
  radiusM = NEARBY_M,
) {
  const answered = answeredNodes(observations);
  const records = new Map(); // observation id → its candidate
  const offer = (observation, d) => {
    const held = records.get(observation.id);
    if (!held || d < held.distance)
      records.set(observation.id, { type: 'group', observation, distance: d });
  };
  const found = [];
  for (const node of osmNodes) {
    const d = distanceM(position, node);
    if (d > radiusM) continue;
    if (answered.has(node.id)) offer(answered.get(node.id), d);
    else found.push({ type: 'osm', node, distance: d });
  }
  for (const obs of observations) {
    const p = obs.fields.position;
    if (!p) continue;
    const d = distanceM(position, p);
    if (d <= radiusM) offer(obs, d);
  }
  return [...found, ...records.values()].sort((a, b) => a.distance - b.distance);
}

// A camera a mapper marked as no longer in use (`disused:man_made`), as the
// server says by the rule the export matches by (`out_of_use` on each node,
// docs/contract.md). Still offered and drawn, apart: the walker sees a device,
// not whether it records, and her answer tells the organiser it is there. A
// copy stored before the server said so reads as in use until the next refresh.
export function outOfUse(node) {
  return Array.isArray(node.out_of_use) && node.out_of_use.length > 0;
}

// Fields for an observation that confirms (or reports gone) an OSM camera:
// the node's own tags seed it so the walker does not re-enter them. A tag the
// phone cannot read as the server would write it back stays null, so the
// export keeps it as the mapper wrote it (osmValues.js). Only the fields its
// kind has are read: a guard's `camera:mount` is no answer of hers (forItsKind).
export function fieldsFromOsmNode(node, base, presence) {
  const read = osmReading(node.tags || {});
  return forItsKind({
    ...base,
    position: { lat: node.lat, lon: node.lon, accuracy_m: base.position.accuracy_m },
    // A record needs a kind; "+" logs a camera too.
    kind: read.kind || 'camera',
    surveillance: read.surveillance,
    camera_type: read.camera_type,
    mount: read.mount,
    direction: read.direction,
    zone: read.zone,
    operator: read.operator,
    height_m: read.height_m,
    osm_node_id: node.id,
    presence,
  });
}

// The kinds a node's `surveillance:type` names, read as the export reads them
// (sync/osm/matching.py `mapped_kinds`): none is a camera, a mapper's `Camera`
// or `alpr ` is the kind camwalk spells `camera` or `ALPR`, `camera;ALPR`
// names two, and a value camwalk does not know stays as it is.
const KIND_SPELLINGS = new Map(KINDS.map((kind) => [kind.toLowerCase(), kind]));

export function mappedKinds(node) {
  const value = (node.tags && node.tags['surveillance:type']) || '';
  const kinds = value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => KIND_SPELLINGS.get(part.toLowerCase()) || part);
  return kinds.length ? [...new Set(kinds)] : ['camera'];
}

// What a mapped device is tagged as, when that is not just a camera: the
// banner names it, since a plate reader may be tagged as the camera beside it
// or the other way round, and only she can tell.
export function mappedKind(node) {
  const kinds = mappedKinds(node);
  return kinds.length === 1 && kinds[0] === 'camera' ? null : kinds;
}

// Her "it is another one" to the banner: a new camera that names the OSM
// camera it is not, so the export never matches it to that node by distance
// (sync/osm/matching.py) and the organiser sees what she said. Said of one
// of the group's own records, it names nothing: that is no OSM node.
export function notThisOne(fields, candidate) {
  if (!candidate || candidate.type !== 'osm') return fields;
  return { ...fields, osm_not_node_id: candidate.node.id };
}

// Operator names to suggest: the group's earlier entries first (most used
// first), then those of OSM cameras near the walker.
export function operatorSuggestions(observations, osmNodes, position, radiusM = 300) {
  const counts = new Map();
  for (const o of observations) {
    const op = o.fields.operator;
    if (op) counts.set(op, (counts.get(op) || 0) + 1);
  }
  const mine = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([op]) => op);
  const near = osmNodes
    .filter((n) => n.tags && n.tags.operator && (!position || distanceM(position, n) <= radiusM))
    .map((n) => n.tags.operator);
  return [...new Set([...mine, ...near])].slice(0, 12);
}
