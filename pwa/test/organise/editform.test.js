// What the organiser's edit form sends when she saves (editform.js
// editedFields, then edits.js saveEdit): only what she changed on the card,
// and of a device that does not film, no camera type or mount (forItsKind,
// the walker's phone's rule and the OSM export's) nor signage answers (the
// signage file's rule).
import { describe, expect, it } from 'vitest';
import { editedFields } from '../../src/ui/organise/editform.js';
import { saveEdit } from '../../src/ui/organise/edits.js';
import { editCamera } from '../../src/sync/journal.js';
import { getObservation, listOutboxFor } from '../../src/db/index.js';
import { SIGNAGE_FIELDS } from '../../src/model/observation.js';
import { logCamera } from '../helpers.js';

const CHOICES = ['kind', 'camera_type', 'mount', 'surveillance', 'zone', ...SIGNAGE_FIELDS];

// The form as editForm draws it for `card`, with `changes` made by the
// organiser: one select per choice, one input per lens, the text inputs.
function formSaying(card, changes = {}) {
  const says = { ...card, ...changes };
  const data = new FormData();
  for (const name of CHOICES) data.append(name, says[name] ?? '');
  data.append('operator', says.operator ?? '');
  for (const d of says.direction?.length ? says.direction : [null]) {
    data.append('direction', d == null ? '' : String(d));
  }
  data.append('height_m', says.height_m == null ? '' : String(says.height_m));
  return data;
}

const camera = {
  id: 'obs-1',
  position: { lat: 43.2961, lon: 5.3812, accuracy_m: 6 },
  kind: 'camera',
  camera_type: 'dome',
  mount: 'pole',
  surveillance: 'public',
  zone: 'town',
  operator: 'Police municipale',
  direction: [90, 180],
  height_m: 4,
  sign: 'seen',
};
const unmoved = { lat: camera.position.lat, lon: camera.position.lon };

describe('what the edit form sends', () => {
  it('is nothing when she changed nothing, the pin where it was', () => {
    expect(editedFields(camera, formSaying(camera), unmoved)).toEqual({});
  });

  it('is the fields she changed only', () => {
    const data = formSaying(camera, { operator: 'RTM', direction: [90, 200] });
    expect(editedFields(camera, data, unmoved)).toEqual({
      operator: 'RTM',
      direction: [90, 200],
    });
  });

  it('is the position where she moved the pin', () => {
    const edited = editedFields(camera, formSaying(camera), { lat: 43.29615, lon: 5.38123 });
    expect(edited).toEqual({ position: { lat: 43.29615, lon: 5.38123, accuracy_m: 6 } });
  });

  it('keeps the camera type and mount of a camera turned into a plate reader', () => {
    const data = formSaying(camera, { kind: 'ALPR', mount: 'wall' });
    expect(editedFields(camera, data, unmoved)).toEqual({ kind: 'ALPR', mount: 'wall' });
  });

  it.each(['guard', 'gunshot_detector'])(
    'empties the camera type, mount and sign of a camera turned into a %s, whatever the hidden choices hold',
    (kind) => {
      expect(editedFields(camera, formSaying(camera, { kind }), unmoved)).toEqual({
        kind,
        camera_type: null,
        mount: null,
        sign: null,
      });
    },
  );

  it('empties those a guard holds from before when she edits something else of it', () => {
    const guard = { ...camera, kind: 'guard' };
    expect(editedFields(guard, formSaying(guard, { operator: 'SNCF' }), unmoved)).toEqual({
      operator: 'SNCF',
      camera_type: null,
      mount: null,
      sign: null,
    });
  });

  it('says nothing of the camera fields or the sign of a guard that holds none', () => {
    const guard = { ...camera, kind: 'guard', camera_type: null, mount: null, sign: null };
    expect(editedFields(guard, formSaying(guard, { operator: 'SNCF' }), unmoved)).toEqual({
      operator: 'SNCF',
    });
  });
});

describe('an edit saved from a card drawn before a walker changed the camera', () => {
  const ctx = { scheduler: { request: () => {} } };

  // A camera on her phone, and the card drawn from it; then a walker's edit
  // of the operator reaches her phone (a sync while she looks at the card).
  async function cardThenWalkerEdit() {
    const { observationId } = await logCamera();
    let record = await getObservation(observationId);
    await editCamera({
      record,
      after: { ...record.fields, camera_type: 'dome', mount: 'pole', operator: 'SNCF' },
    });
    record = await getObservation(observationId);
    const card = { id: observationId, ...record.fields };
    await editCamera({ record, after: { ...record.fields, operator: 'RTM' } });
    return { observationId, card };
  }

  async function lastUpdate(observationId) {
    const updates = (await listOutboxFor(observationId)).filter((c) => c.op === 'update');
    return updates[updates.length - 1];
  }

  it('sends the kind she changed and the camera fields it empties, not the operator she left', async () => {
    const { observationId, card } = await cardThenWalkerEdit();
    const edited = editedFields(card, formSaying(card, { kind: 'guard' }), null);
    expect(await saveEdit(ctx, observationId, edited)).toBe(true);

    expect((await lastUpdate(observationId)).fields).toEqual({
      kind: { old: 'camera', new: 'guard' },
      camera_type: { old: 'dome', new: null },
      mount: { old: 'pole', new: null },
    });
    const kept = (await getObservation(observationId)).fields;
    expect([kept.kind, kept.camera_type, kept.mount, kept.operator]).toEqual([
      'guard',
      null,
      null,
      'RTM',
    ]);
  });
});
