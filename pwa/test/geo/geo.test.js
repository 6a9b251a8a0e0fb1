import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  conePolygon,
  destination,
  distanceM,
  facesMe,
  headingFromOrientation,
} from '../../src/geo/geo.js';
import { fieldsFromOsmNode, nearbyCandidates, operatorSuggestions } from '../../src/geo/nearby.js';
import { newFields } from '../../src/model/observation.js';

const corner = { lat: 43.2961, lon: 5.3812 };

describe('street geometry', () => {
  it('measures ten metres as ten metres', () => {
    const p = destination(corner, 90, 10);
    expect(distanceM(corner, p)).toBeCloseTo(10, 1);
    expect(bearingDeg(corner, p)).toBe(90);
  });

  it.each([0, 45, 180, 270, 359])('gets back bearing %i from a destination', (b) => {
    expect(bearingDeg(corner, destination(corner, b, 20))).toBe(b);
  });

  it('draws a cone centred on the direction', () => {
    const pts = conePolygon(corner, 0, { steps: 2, spreadDeg: 60, lengthM: 10 });
    const middle = { lat: pts[2][0], lon: pts[2][1] };
    expect(bearingDeg(corner, middle)).toBe(0);
    expect(pts[1][1]).toBeLessThan(corner.lon); // left edge is west of a north cone
  });

  it('turns "faces me" into the opposite of the heading', () => {
    expect(facesMe(10)).toBe(190);
    expect(facesMe(270)).toBe(90);
  });

  it('reads the iOS heading and the absolute alpha', () => {
    expect(headingFromOrientation({ webkitCompassHeading: 42 })).toBe(42);
    expect(headingFromOrientation({ absolute: true, alpha: 90 })).toBe(270);
    expect(headingFromOrientation({ absolute: false, alpha: 90 })).toBeNull();
  });
});

describe('cameras near the walker', () => {
  const osmNodes = [
    { id: 11, version: 2, ...destination(corner, 0, 6), tags: { operator: 'Police municipale' } },
    { id: 12, version: 1, ...destination(corner, 0, 40), tags: { operator: 'RTM' } },
  ];
  const observations = [
    { id: 'o1', fields: { position: destination(corner, 90, 8), operator: 'Mairie' } },
    { id: 'o2', fields: { position: destination(corner, 90, 80), operator: 'Mairie' } },
  ];

  it('finds the OSM camera and the group record within ten metres, nearest first', () => {
    const found = nearbyCandidates(corner, { osmNodes, observations });
    expect(found.map((f) => f.type)).toEqual(['osm', 'group']);
    expect(found[0].node.id).toBe(11);
  });

  it("offers an OSM camera the group already answered about as the group's record", () => {
    // Last week's "still there" of node 11, stored at the node: one device, one record.
    const lastWeek = { id: 'o3', fields: { position: destination(corner, 0, 6), osm_node_id: 11 } };
    const moved = { id: 'o4', fields: { position: destination(corner, 0, 3), osm_node_id: 11 } };
    const found = nearbyCandidates(corner, { osmNodes, observations: [...observations, lastWeek] });
    expect(found.map((f) => [f.type, f.observation?.id])).toEqual([
      ['group', 'o3'],
      ['group', 'o1'],
    ]);
    // A record linked to it whose pin went 30 m off is still the one offered, at the node;
    // one nearer than the node, at its own place.
    const far = { id: 'o5', fields: { position: destination(corner, 180, 30), osm_node_id: 11 } };
    const linkedAway = nearbyCandidates(corner, { osmNodes, observations: [far] });
    expect(linkedAway.map((f) => [f.type, f.observation.id, Math.round(f.distance)])).toEqual([
      ['group', 'o5', 6],
    ]);
    expect(nearbyCandidates(corner, { osmNodes, observations: [moved] })[0].distance).toBeCloseTo(
      3,
      0,
    );
  });

  it('seeds a confirmation from the node tags', () => {
    const base = newFields({ position: { ...corner, accuracy_m: 5 } });
    const node = {
      id: 7,
      lat: 1,
      lon: 2,
      tags: { 'camera:mount': 'pole', direction: 'W', height: '4.5' },
    };
    const f = fieldsFromOsmNode(node, base, 'gone');
    expect(f).toMatchObject({
      osm_node_id: 7,
      presence: 'gone',
      mount: 'pole',
      direction: [270],
      height_m: 4.5,
    });
    expect(f.position).toEqual({ lat: 1, lon: 2, accuracy_m: 5 });
  });

  it('suggests the group operators first, then nearby OSM ones', () => {
    expect(operatorSuggestions(observations, osmNodes, corner)).toEqual([
      'Mairie',
      'Police municipale',
      'RTM',
    ]);
  });
});
