import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { editCamera, logNewCamera } from '../../src/sync/journal.js';
import { newFields } from '../../src/model/observation.js';
import { observationState, conflictRows } from '../../src/model/state.js';

const position = { lat: 43.2961, lon: 5.3812, accuracy_m: 6 };
const photo = (sha, role = 'close_up') => ({ sha256: sha, role, blob: new Blob(['x'.repeat(10)]) });

describe('logging from the form', () => {
  it('stores a create then one attach_photo per photo, in that order', async () => {
    const fields = { ...newFields({ position }), camera_type: 'dome', mount: 'pole' };
    const saved = await logNewCamera({
      walkId: 3,
      createdBy: 'mouette',
      fields,
      photos: [photo('a'.repeat(64)), photo('b'.repeat(64), 'context')],
    });
    const outbox = await store.listOutbox();
    expect(outbox.map((c) => c.op)).toEqual(['create', 'attach_photo', 'attach_photo']);
    expect(outbox[0].fields).toMatchObject({
      kind: 'camera',
      surveillance: null,
      camera_type: 'dome',
    });
    expect(outbox[2].photo).toEqual({ sha256: 'b'.repeat(64), role: 'context' });
    expect(saved.local_photo_ids).toHaveLength(2);
    expect(observationState(saved)).toBe('pending');
  });

  it('sends only the changed fields of an edit, with what was seen before', async () => {
    const saved = await logNewCamera({
      walkId: 3,
      createdBy: 'm',
      fields: newFields({ position }),
    });
    const after = { ...saved.fields, operator: 'Police municipale' };
    const edited = await editCamera({ record: saved, after });
    const [, update] = await store.listOutbox();
    expect(update).toMatchObject({
      op: 'update',
      base_version: 1,
      fields: { operator: { old: null, new: 'Police municipale' } },
    });
    expect(edited.fields.operator).toBe('Police municipale');
  });

  it('stores nothing for an edit that changed nothing', async () => {
    const saved = await logNewCamera({
      walkId: 3,
      createdBy: 'm',
      fields: newFields({ position }),
    });
    expect(await editCamera({ record: saved, after: { ...saved.fields } })).toBeNull();
    expect(await store.countOutbox()).toBe(1);
  });
});

describe('badges', () => {
  const server = { id: 'o', version: 2, conflicts: [] };
  it.each([
    [{ id: 'o', server: null }, {}, 'pending'],
    [{ id: 'o', server }, { pending: new Set(['o']) }, 'pending'],
    [{ id: 'o', server }, { sending: new Set(['o']) }, 'sending'],
    [{ id: 'o', server }, {}, 'safe'],
    [{ id: 'o', server: { ...server, conflicts: [4] } }, {}, 'conflict'],
    [{ id: 'o', server, sync: { rejected: [{}] } }, {}, 'rejected'],
  ])('%j with %j is %s', (record, ctx, expected) => {
    expect(observationState(record, ctx)).toBe(expected);
  });

  it('lists both values of a conflict', () => {
    const record = {
      server: { operator: 'Police municipale' },
      sync: { conflicts: [{ fields: { operator: { base: null, mine: 'Mairie' } } }] },
    };
    expect(conflictRows(record)).toEqual([
      { field: 'operator', base: null, mine: 'Mairie', theirs: 'Police municipale' },
    ]);
  });

  it("shows the other side's value when the walker's own value is winning for now", () => {
    const record = {
      server: {
        operator: 'Mairie',
        conflict_details: [
          {
            key: 'c/operator',
            field: 'operator',
            values: [
              { value: 'Mairie', pseudonym: 'mouette' },
              { value: 'Police municipale', pseudonym: 'goeland' },
            ],
          },
        ],
      },
      sync: { conflicts: [{ fields: { operator: { base: null, mine: 'Mairie' } } }] },
    };
    expect(conflictRows(record)).toEqual([
      { field: 'operator', base: null, mine: 'Mairie', theirs: 'Police municipale' },
    ]);
  });
});

describe('taking photos off a camera in its edit form', () => {
  it('forgets a photo still queued and detaches one the server holds', async () => {
    const [queuedSha, sentSha] = ['c'.repeat(64), 'd'.repeat(64)];
    const saved = await logNewCamera({
      walkId: 3,
      createdBy: 'mouette',
      fields: newFields({ position }),
      photos: [photo(queuedSha)],
    });
    // As if an earlier sync had put another photo on the server's copy.
    const record = { ...saved, photos: [{ sha256: sentSha, role: 'context' }] };
    const after = await editCamera({
      record,
      after: record.fields,
      removePhotos: [queuedSha, sentSha],
    });
    const outbox = await store.listOutbox();
    expect(outbox.map((c) => c.op)).toEqual(['create', 'detach_photo']);
    expect(outbox[1].photo).toEqual({ sha256: sentSha, role: 'context' });
    expect(await store.listPhotos(saved.id)).toEqual([]);
    expect(after.local_photo_ids).toEqual([]);
    expect(after.photos).toEqual([]);
  });
});
