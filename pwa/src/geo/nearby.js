// "Already in OSM?": cameras close to where the walker stands, so she can
// confirm one instead of logging a duplicate.
import { distanceM, parseOsmDirection } from './geo.js';
// The value lists live in one place on the phone (and match sync/fields.py,
// which tests/test_pwa_value_lists.py checks).
import { CAMERA_TYPES, KINDS, MOUNTS, SURVEILLANCE, ZONES } from '../model/observation.js';

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

// Fields for an observation that confirms (or reports gone) an OSM camera:
// the node's own tags seed it so the walker does not re-enter them.
export function fieldsFromOsmNode(node, base, presence) {
  const tags = node.tags || {};
  const dir = parseOsmDirection(tags['camera:direction'] ?? tags.direction);
  const height = Number.parseFloat(tags.height);
  const pick = (value, allowed) => (allowed.includes(value) ? value : null);
  return {
    ...base,
    position: { lat: node.lat, lon: node.lon, accuracy_m: base.position.accuracy_m },
    kind: pick(tags['surveillance:type'], KINDS) || 'camera',
    surveillance: pick(tags.surveillance, SURVEILLANCE),
    camera_type: pick(tags['camera:type'], CAMERA_TYPES),
    mount: pick(tags['camera:mount'], MOUNTS),
    direction: dir.length ? dir.map((d) => Math.round(d) % 360) : null,
    zone: pick(tags['surveillance:zone'], ZONES),
    operator: tags.operator || null,
    height_m: Number.isFinite(height) ? height : null,
    osm_node_id: node.id,
    presence,
  };
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
