// A device is asked, stored and synced with the signage survey only when its
// kind films: the rule the commune's signage file counts by (concerns in
// sync/signage.py), checked on the cases both sides read
// (tests/pwa/data/signage_kinds.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SIGNAGE_FIELDS,
  forItsKind,
  newFields,
  signageFields,
} from '../../src/model/observation.js';
import { fieldsFromOsmNode } from '../../src/geo/nearby.js';

const { cases } = JSON.parse(
  readFileSync(new URL('../../../tests/pwa/data/signage_kinds.json', import.meta.url)),
);
const here = { lat: 43.2961, lon: 5.3812, accuracy_m: 6 };
const answered = {
  sign: 'seen',
  sign_pictogram: 'yes',
  sign_cnil: 'no',
  filmed_by: 'business',
  aimed_at_road: 'yes',
};
const emptied = Object.fromEntries(SIGNAGE_FIELDS.map((name) => [name, null]));

describe('the signage survey of a kind', () => {
  it.each(cases.map((c) => [c.kind, c]))(
    'for %s is asked as the signage file counts it',
    (_, c) => {
      expect(signageFields(c.kind)).toEqual(c.asked ? SIGNAGE_FIELDS : []);
    },
  );

  it('is asked of a kind never given, as of the camera "+" logs', () => {
    expect(signageFields(null)).toEqual(SIGNAGE_FIELDS);
  });
});

describe('the signage answers a device of its kind holds', () => {
  const logged = { ...newFields({ position: here }), ...answered };

  it('are kept on a camera and a plate reader', () => {
    expect(forItsKind(logged)).toEqual(logged);
    expect(forItsKind({ ...logged, kind: 'ALPR' })).toEqual({ ...logged, kind: 'ALPR' });
  });

  it.each(['guard', 'gunshot_detector'])('are emptied on a %s, with nothing else', (kind) => {
    expect(forItsKind({ ...logged, kind, operator: 'SNCF' })).toEqual({
      ...logged,
      ...emptied,
      kind,
      operator: 'SNCF',
    });
  });

  it('are emptied when "still there" makes her camera an OSM guard', () => {
    const node = {
      id: 702,
      lat: here.lat,
      lon: here.lon,
      tags: { man_made: 'surveillance', 'surveillance:type': 'guard' },
    };
    expect(fieldsFromOsmNode(node, logged, 'present')).toMatchObject({
      kind: 'guard',
      ...emptied,
    });
  });
});
