// The phone reads an OSM camera as the server does: both are tested on the
// cases of tests/sync/osm/data/confirm_readings.json (there with the reason
// for each refused form), so a walker's "still there" sends only values the
// export writes back unchanged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { osmReading, readOsmDirection } from '../../src/geo/osmValues.js';
import { fieldsFromOsmNode } from '../../src/geo/nearby.js';
import { newFields } from '../../src/model/observation.js';

const { cases } = JSON.parse(
  readFileSync(new URL('../../../tests/sync/osm/data/confirm_readings.json', import.meta.url)),
);
const FIELDS = [
  'kind',
  'surveillance',
  'camera_type',
  'mount',
  'zone',
  'operator',
  'manufacturer',
  'model',
  'direction',
  'height_m',
];
const nulls = Object.fromEntries(FIELDS.map((field) => [field, null]));
// Names as in the JSON file: an invisible character spelt out.
const ascii = (text) =>
  text.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
const named = cases.map((c) => [ascii(JSON.stringify(c.tags)), c]);

describe('reading an OSM camera as the server does', () => {
  it.each(named)('reads %s as the shared cases say', (_, { tags, reads }) => {
    expect(osmReading({ man_made: 'surveillance', ...tags })).toEqual({ ...nulls, ...reads });
  });

  it.each(named)('confirms %s with only what it read', (_, { tags, reads }) => {
    const base = newFields({ position: { lat: 60.17, lon: 24.94, accuracy_m: 5 } });
    const node = { id: 123, lat: 60.17, lon: 24.94, tags: { man_made: 'surveillance', ...tags } };
    const sent = fieldsFromOsmNode(node, base, 'present');
    // The phone leaves manufacturer and model to the form; the rest come from the node.
    const fromNode = FIELDS.filter((field) => field !== 'manufacturer' && field !== 'model');
    const expected = { ...nulls, ...reads, kind: reads.kind ?? 'camera' };
    for (const field of fromNode) expect([field, sent[field]]).toEqual([field, expected[field]]);
  });

  it('reads no direction from a missing tag, and draws no cone for an unreadable one', () => {
    expect(readOsmDirection(undefined)).toBeNull();
    expect(readOsmDirection('90-180')).toBeNull();
    expect(readOsmDirection('SSW;90')).toEqual([203, 90]);
  });

  it('takes every height in whole centimetres up to 100 m, and refuses finer ones', () => {
    const misread = [];
    for (let cm = 0; cm <= 10_000; cm++) {
      const text = (cm / 100).toFixed(2);
      if (osmReading({ height: text }).height_m !== cm / 100) misread.push(text);
      if (osmReading({ height: `${text}5` }).height_m !== null) misread.push(`${text}5`);
    }
    expect(misread).toEqual([]);
  });
});
