import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { deleteCamera, editCamera, logNewCamera, markCameraGone } from '../../src/sync/journal.js';
import { newFields } from '../../src/model/observation.js';
import { observationState, conflictRows } from '../../src/model/state.js';
import { logCamera, serverCopy } from '../helpers.js';

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

  it("marks the group's record of a camera gone, surveyed the day she found it gone", async () => {
    const saved = await logNewCamera({
      walkId: 2,
      createdBy: 'someone',
      fields: newFields({ position, surveyedOn: '2026-11-21' }),
    });
    const gone = await markCameraGone({ record: saved, now: new Date(2026, 10, 28, 10) });
    const [, update] = await store.listOutbox();
    expect(update).toMatchObject({
      op: 'update',
      observation_id: saved.id,
      fields: {
        presence: { old: 'present', new: 'gone' },
        surveyed_on: { old: '2026-11-21', new: '2026-11-28' },
      },
    });
    expect(gone.fields.presence).toBe('gone');
    expect(gone.deleted).toBe(false);
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

// A sync may store a newer server copy of a camera while the walker has it open
// in a sheet or a form: what she then saves lies on top of that copy, not of
// the one she opened.
describe('saving a camera a sync changed meanwhile', () => {
  // A camera the server holds (version 2), as the walker opens it; then a
  // sync stores the server's next copy of it (`newer`).
  async function openedThenSynced(newer) {
    const { create } = await logCamera();
    const synced = (version, seq, extra) => ({
      results: [],
      observations: [serverCopy(create, version, seq, extra)],
      cursor: seq,
    });
    await store.applySyncAnswer(1, [create], {
      ...synced(2, 5, { mount: 'pole' }),
      results: [{ change_id: create.change_id, status: 'applied', version: 2 }],
    });
    const opened = await store.getObservation(create.observation_id);
    await store.applySyncAnswer(1, [], synced(3, 6, { mount: 'pole', ...newer }));
    return opened;
  }

  it("keeps another walker's value that came in while she edited", async () => {
    const opened = await openedThenSynced({ operator: 'RTM' });
    const after = { ...opened.fields, mount: 'wall' };
    const saved = await editCamera({ record: opened, after });
    const [update] = await store.listOutbox();
    // What she changed, against what she saw.
    expect(update).toMatchObject({
      base_version: 2,
      fields: { mount: { old: 'pole', new: 'wall' } },
    });
    expect(Object.keys(update.fields)).toEqual(['mount']);
    expect(saved.fields).toMatchObject({ operator: 'RTM', mount: 'wall' });
    expect(saved.server.seq).toBe(6);
  });

  it('keeps an organiser merge that came in while she edited', async () => {
    const opened = await openedThenSynced({ merged_into: 'survivor' });
    await editCamera({ record: opened, after: { ...opened.fields, mount: 'wall' } });
    const stored = await store.getObservation(opened.id);
    expect(stored.merged_into).toBe('survivor');
    // The server sends her edit on to the survivor; the merged copy stays off her map.
    expect(await store.listObservations(3)).toEqual([]);
  });

  it('keeps the newer copy under a delete', async () => {
    const opened = await openedThenSynced({ operator: 'RTM' });
    await deleteCamera({ record: opened });
    const stored = await store.getObservation(opened.id);
    expect(stored).toMatchObject({ deleted: true, version: 3 });
    expect(stored.fields.operator).toBe('RTM');
  });
});

describe('badges', () => {
  const server = { id: 'o', version: 2, conflicts: [] };
  const o = new Set(['o']);
  const lost = { op: 'attach_photo', error: { code: 'photo_lost' } };
  it.each([
    [{ id: 'o', server: null }, {}, 'pending'],
    [{ id: 'o', server }, { pending: new Set(['o']) }, 'pending'],
    [{ id: 'o', server }, { sending: new Set(['o']) }, 'sending'],
    [{ id: 'o', server }, {}, 'safe'],
    [{ id: 'o', server: { ...server, conflicts: [4] } }, {}, 'conflict'],
    [{ id: 'o', server, sync: { rejected: [{}] } }, {}, 'rejected'],
    [{ id: 'o', server }, { pending: o, photoPending: o }, 'photoPending'],
    [{ id: 'o', server: null }, { pending: o, photoPending: o }, 'pending'],
    [{ id: 'o', server, sync: { rejected: [lost] } }, {}, 'lost'],
    [{ id: 'o', server, sync: { rejected: [lost, {}] } }, {}, 'rejected'],
  ])('%j with %j is %s', (record, ctx, expected) => {
    expect(observationState(record, ctx)).toBe(expected);
  });

  it('lists both values of a conflict', () => {
    const record = {
      server: { operator: 'Police municipale' },
      sync: { conflicts: [{ fields: { operator: { base: null, mine: 'Mairie' } } }] },
    };
    expect(conflictRows(record)).toEqual([
      {
        field: 'operator',
        base: null,
        mine: 'Mairie',
        theirs: 'Police municipale',
        inPlace: 'theirs',
      },
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
    // The server holds hers for now: the sheet must not say it holds the other one.
    expect(conflictRows(record)).toEqual([
      {
        field: 'operator',
        base: null,
        mine: 'Mairie',
        theirs: 'Police municipale',
        inPlace: 'mine',
      },
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

describe('a survey day the server refuses', () => {
  it.each([
    // a phone a year ahead
    ['future_day', '2027-12-05', 'surveyed_on 2027-12-05 is after today'],
    // a slip of the finger
    ['past_day', '0202-12-05', 'surveyed_on 0202-12-05 is before 2015-01-01'],
  ])(
    '%s: keeps the camera, set aside with why, and sends it again once she fixes the day',
    async (code, day, message) => {
      const saved = await logNewCamera({
        walkId: 3,
        createdBy: 'm',
        fields: newFields({ position, surveyedOn: day }),
      });
      const [create] = await store.listOutbox();
      await store.applySyncAnswer(1, [create], {
        cursor: 0,
        results: [{ change_id: create.change_id, status: 'rejected', error: { code, message } }],
      });
      const [aside] = await store.listOutbox();
      expect(aside.change_id).toBe(create.change_id);
      expect(aside.aside).toMatchObject({ code });
      expect((await store.getObservation(saved.id)).deleted).toBe(false);

      const record = await store.getObservation(saved.id);
      await editCamera({ record, after: { ...record.fields, surveyed_on: '2026-12-05' } });
      const [fixed, update] = await store.listOutbox();
      expect(fixed.change_id).toBe(create.change_id);
      expect(fixed.aside).toBeUndefined();
      expect(fixed.fields.surveyed_on).toBe('2026-12-05');
      expect(update.fields.surveyed_on).toEqual({ old: day, new: '2026-12-05' });
    },
  );
});
