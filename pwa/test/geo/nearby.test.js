// Her "it is another one" to the "already in OSM?" banner is stored with the
// camera she logs, through the outbox like any field.
import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { mappedKind, nearbyCandidates, notThisOne } from '../../src/geo/nearby.js';
import { destination } from '../../src/geo/geo.js';
import { newFields, SURVEYED_FIELDS } from '../../src/model/observation.js';
import { logNewCamera } from '../../src/sync/journal.js';

const here = { lat: 43.2961, lon: 5.3812, accuracy_m: 6 };
const mapped = { id: 501, ...destination(here, 0, 4), tags: { man_made: 'surveillance' } };

describe('"it is another one"', () => {
  it('names the OSM camera she said it is not, on the camera she logs', async () => {
    const [top] = nearbyCandidates(here, { osmNodes: [mapped] });
    const fields = notThisOne({ ...newFields({ position: here }), mount: 'wall' }, top);

    await logNewCamera({ walkId: 3, createdBy: 'mouette', fields });

    const [create] = await store.listOutbox();
    expect(create.op).toBe('create');
    expect(create.fields).toMatchObject({ osm_not_node_id: 501, osm_node_id: null, mount: 'wall' });
  });

  it("names nothing when the banner was about one of the group's records", () => {
    const record = { id: 'o1', fields: { position: destination(here, 90, 3) } };
    const [top] = nearbyCandidates(here, { observations: [record] });
    const fields = newFields({ position: here });
    expect(top.type).toBe('group');
    expect(notThisOne(fields, top)).toEqual(fields);
    expect(notThisOne(fields, null)).toEqual(fields);
  });

  it('is a field of every new camera, empty until she says it', () => {
    expect(SURVEYED_FIELDS).toContain('osm_not_node_id');
    expect(newFields({ position: here }).osm_not_node_id).toBeNull();
  });
});

describe('the kind a mapped device is tagged as', () => {
  it.each([
    [{ 'surveillance:type': 'ALPR' }, ['ALPR']],
    [{ 'surveillance:type': 'guard' }, ['guard']],
    [{ 'surveillance:type': 'camera' }, null],
    [{}, null], // no tag: a camera, as the export reads it
    // As mappers write them, read as the export reads them (sync/osm/matching.py).
    [{ 'surveillance:type': 'Camera' }, null],
    [{ 'surveillance:type': 'camera ' }, null],
    [{ 'surveillance:type': 'alpr' }, ['ALPR']],
    [{ 'surveillance:type': 'camera;ALPR' }, ['camera', 'ALPR']],
    [{ 'surveillance:type': 'camera; Camera' }, null],
    [{ 'surveillance:type': 'CCTV' }, ['CCTV']],
  ])('%j is named %j on the banner', (tags, kind) => {
    const [top] = nearbyCandidates(here, { osmNodes: [{ ...mapped, tags }] });
    expect(top.type).toBe('osm'); // offered whatever its kind: she tells them apart
    expect(mappedKind(top.node)).toEqual(kind);
  });
});
