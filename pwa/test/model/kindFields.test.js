// A device is asked, stored and synced with only the camera fields its kind
// has: the rule the OSM export writes by (camera_fields in sync/osm/tags.py),
// checked on the cases both sides read (tests/pwa/data/kind_fields.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cameraFields, forItsKind, newFields } from '../../src/model/observation.js';
import { fieldsFromOsmNode } from '../../src/geo/nearby.js';

const { cases } = JSON.parse(
  readFileSync(new URL('../../../tests/pwa/data/kind_fields.json', import.meta.url)),
);
const here = { lat: 43.2961, lon: 5.3812, accuracy_m: 6 };

describe('the camera fields of a kind', () => {
  it.each(cases.map((c) => [JSON.stringify(c.kind), c]))(
    'for %s are those the export writes',
    (_, { kind, fields }) => {
      expect(cameraFields(kind)).toEqual(fields);
    },
  );

  it('are the camera fields of a kind never given, as a camera', () => {
    expect(cameraFields(undefined)).toEqual(['camera_type', 'mount']);
  });
});

describe('what a device of its kind holds', () => {
  const logged = { ...newFields({ position: here }), camera_type: 'dome', mount: 'pole' };

  it('keeps a camera type and mount on a camera and a plate reader', () => {
    expect(forItsKind(logged)).toEqual(logged);
    expect(forItsKind({ ...logged, kind: 'ALPR' })).toMatchObject({ camera_type: 'dome' });
  });

  it.each(['guard', 'gunshot_detector'])('empties them on a %s, and nothing else', (kind) => {
    expect(forItsKind({ ...logged, kind, operator: 'SNCF' })).toEqual({
      ...logged,
      kind,
      operator: 'SNCF',
      camera_type: null,
      mount: null,
    });
  });

  it('adds no field a partial copy does not carry', () => {
    expect(forItsKind({ kind: 'guard', note: 'x' })).toEqual({ kind: 'guard', note: 'x' });
  });
});

describe('"still there" on an OSM device', () => {
  const node = (type) => ({
    id: 701,
    lat: here.lat,
    lon: here.lon,
    tags: {
      man_made: 'surveillance',
      'surveillance:type': type,
      'camera:type': 'fixed',
      'camera:mount': 'wall',
      operator: 'SNCF',
    },
  });
  // What she had chosen in the form before she answered the banner.
  const base = { ...newFields({ position: here }), camera_type: 'dome', mount: 'pole' };

  it.each(['guard', 'gunshot_detector'])(
    'reads no camera type or mount from a %s, nor keeps hers',
    (type) => {
      expect(fieldsFromOsmNode(node(type), base, 'present')).toMatchObject({
        kind: type,
        camera_type: null,
        mount: null,
        operator: 'SNCF',
        osm_node_id: 701,
      });
    },
  );

  it('reads them from a camera', () => {
    expect(fieldsFromOsmNode(node('camera'), base, 'present')).toMatchObject({
      kind: 'camera',
      camera_type: 'fixed',
      mount: 'wall',
    });
  });
});
