// A tap on the map, the instant a save closed its sheet and before the map's
// cameras were read again, opens them as she left them.
import { describe, expect, it } from 'vitest';
import * as store from '../../../src/db/index.js';
import { deleteCamera, editCamera } from '../../../src/sync/journal.js';
import { asStoredNow, storedNow } from '../../../src/ui/map/fresh.js';
import { logCamera } from '../../helpers.js';

const OSM = { id: 501, lat: 43.2961, lon: 5.3812, tags: { man_made: 'surveillance' } };

// Two cameras on one pole, as the map drew them; then she edits one and deletes the other.
async function poleThenEdits() {
  const drawn = [];
  for (let i = 0; i < 2; i += 1) {
    const { observationId } = await logCamera({ walkId: 3 });
    drawn.push(await store.getObservation(observationId));
  }
  const [edited, deleted] = drawn;
  await editCamera({ record: edited, after: { ...edited.fields, operator: 'Exploitant dôme' } });
  await deleteCamera({ record: deleted });
  return { edited, deleted };
}

describe('what a tap on the map opens', () => {
  it('lists the cameras on a spot as stored now: her edit in, her deletion out', async () => {
    const { edited, deleted } = await poleThenEdits();
    const found = [
      { type: 'observation', item: edited },
      { type: 'osm', item: OSM },
      { type: 'observation', item: deleted },
    ];

    const here = await asStoredNow(found, store.getObservation);

    expect(here.map(({ type, item }) => [type, item.id])).toEqual([
      ['observation', edited.id],
      ['osm', OSM.id],
    ]);
    expect(here[0].item.fields.operator).toBe('Exploitant dôme');
    expect(here[1].item).toBe(OSM);
  });

  it("opens one camera's sheet on it as stored now, and none on a camera deleted", async () => {
    const { edited, deleted } = await poleThenEdits();
    expect((await storedNow(edited, store.getObservation)).fields.operator).toBe('Exploitant dôme');
    expect(await storedNow(deleted, store.getObservation)).toBeNull();
  });
});
