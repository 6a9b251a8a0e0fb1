import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import * as store from '../../src/db/index.js';
import { DB_NAME, DB_VERSION, PRECIOUS_STORES } from '../../src/db/index.js';
import { upgrade } from '../../src/db/schema.js';
import { logCamera, serverCopy } from '../helpers.js';
import { deleteChange } from '../../src/sync/changes.js';

describe('the local store', () => {
  it('keeps a logged camera, its changes and its photo after reopening', async () => {
    const { observationId, create } = await logCamera({ photos: ['a'.repeat(64)] });
    await store.closeDb();
    const outbox = await store.listOutbox();
    expect(outbox.map((c) => c.op)).toEqual(['create', 'attach_photo']);
    expect(outbox[0].change_id).toBe(create.change_id);
    const [photo] = await store.listPhotos(observationId);
    expect(await photo.blob.text()).toBe('jpegbytes');
    expect((await store.getObservation(observationId)).fields.kind).toBe('camera');
  });

  it('returns the outbox oldest first', async () => {
    const first = await logCamera();
    const second = await logCamera();
    const ids = (await store.listOutbox()).map((c) => c.observation_id);
    expect(ids).toEqual([first.observationId, second.observationId]);
  });

  it('refuses to say saved when a change is missing on read-back', async () => {
    const { create } = await logCamera();
    // Same change_id again: the unique index makes the write fail.
    const observation = { id: 'other', walk_id: 3, fields: {} };
    await expect(store.recordChanges({ observation, changes: [create] })).rejects.toThrow();
    expect(await store.getObservation('other')).toBeUndefined();
  });

  it('keeps one join key per invite until the join is answered', async () => {
    const first = await store.joinKey('abc');
    await store.closeDb(); // a reload between two taps on Join
    expect(await store.joinKey('abc')).toBe(first);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await store.joinKey('xyz');
    expect(other).not.toBe(first);
    await store.forgetJoinKey();
    expect(await store.joinKey('xyz')).not.toBe(other);
  });

  it('remembers that she was removed, and forgets only her token', async () => {
    await store.setSession({
      token: 't',
      member: { id: 4, pseudonym: 'mouette' },
      group: { id: 1 },
    });
    await logCamera();
    await store.markRemoved();
    const session = await store.getSession();
    expect(session.token).toBeNull();
    expect(session.removed).toBe(true);
    expect(session.member.pseudonym).toBe('mouette');
    expect(await store.countOutbox()).toBe(1);
  });

  it('forgets only the token when the server says 401', async () => {
    await store.setSession({ token: 't', member: { pseudonym: 'mouette' }, group: { id: 1 } });
    await logCamera();
    await store.forgetToken();
    expect((await store.getSession()).token).toBeNull();
    expect((await store.getSession()).member.pseudonym).toBe('mouette');
    expect(await store.countOutbox()).toBe(1);
  });

  it('marks a token the server never issued, and gives her work back when she joins again', async () => {
    const before = { member_id: 7, pseudonym: 'mouette', group_id: 1 };
    await store.setSession({
      token: 't',
      member: { id: 7, pseudonym: 'mouette' },
      group: { id: 1 },
    });
    const { observationId } = await logCamera({ photos: ['a'.repeat(64)] });
    await store.tokenRefused({ status: 401, code: 'token_unknown' }, 't');
    const session = await store.getSession();
    expect([session.token, session.unknown, session.member.pseudonym]).toEqual([
      null,
      true,
      'mouette',
    ]);
    const owners = async () => [
      ...(await store.listOutbox()).map((c) => c.owner),
      ...(await store.listPhotos(observationId)).map((p) => p.owner),
    ];
    expect(await owners()).toEqual([before, before, before]);

    const again = { member_id: 12, pseudonym: 'mouette', group_id: 1 };
    await store.adoptWork(7, again);
    expect(await owners()).toEqual([again, again, again]);
    // Another member's work on this phone stays hers.
    await store.adoptWork(99, { member_id: 13, pseudonym: 'x', group_id: 1 });
    expect(await owners()).toEqual([again, again, again]);
  });

  it('replaces the walks of a group with the server list', async () => {
    await store.putWalks(1, [
      { id: 1, name: 'Old', date: '2026-10-01' },
      { id: 2, name: 'Noailles', date: '2026-11-21' },
    ]);
    await store.putWalks(1, [{ id: 2, name: 'Noailles', date: '2026-11-21' }]);
    expect((await store.listWalks(1)).map((w) => w.name)).toEqual(['Noailles']);
  });

  it("lists the live cameras of the group's other walks, not this walk's nor another group's", async () => {
    await store.putWalks(1, [
      { id: 2, name: 'Noailles', date: '2026-11-21' },
      { id: 3, name: 'Noailles again', date: '2026-11-28' },
      { id: 4, name: 'Belsunce', date: '2026-11-14' },
    ]);
    await store.putWalks(9, [{ id: 5, name: 'Lyon', date: '2026-11-21' }]);
    const logged = {};
    for (const walkId of [2, 3, 4, 4, 5])
      logged[walkId] = (await logCamera({ walkId })).observationId;
    const gone = await logCamera({ walkId: 2 });
    await store.recordChanges({
      observation: (stored) => ({ ...stored, deleted: true }),
      observationId: gone.observationId,
      changes: [deleteChange({ record: await store.getObservation(gone.observationId) })],
    });
    const others = await store.listOtherWalksObservations(1, 3);
    expect(others.map((o) => o.walk_id).sort()).toEqual([2, 4, 4]);
    expect(others.map((o) => o.id)).toContain(logged[2]);
    expect(others.map((o) => o.id)).not.toContain(gone.observationId);
  });
});

describe("the revision of other walks' cameras", () => {
  it("moves when one of another walk's cameras is written, not with this walk's", async () => {
    const start = await store.otherWalksRevision(3);
    const here = await logCamera({ walkId: 3 });
    expect(await store.otherWalksRevision(3)).toBe(start);
    await store.putWalks(1, [{ id: 2, name: 'Last week', date: '2026-11-14' }]);
    expect(await store.otherWalksRevision(3)).toBe(start);

    const there = await logCamera({ walkId: 2 });
    const logged = await store.otherWalksRevision(3);
    expect(logged).not.toBe(start);
    // A sync answer about this walk's camera only: the other walks' stay as they were.
    await store.applySyncAnswer(1, [here.create], {
      results: [{ change_id: here.create.change_id, status: 'applied', version: 1 }],
      observations: [serverCopy(here.create, 1, 5)],
      cursor: 5,
    });
    expect(await store.otherWalksRevision(3)).toBe(logged);
    // One about the other walk's camera (her edit of last week's, sent).
    await store.applySyncAnswer(1, [there.create], {
      results: [{ change_id: there.create.change_id, status: 'applied', version: 1 }],
      observations: [],
      cursor: 6,
    });
    expect(await store.otherWalksRevision(3)).not.toBe(logged);
  });
});

describe('storing a sync answer', () => {
  it('removes only the changes that got a result, and moves the cursor', async () => {
    const a = await logCamera();
    const b = await logCamera();
    const sent = await store.listOutbox();
    const answer = {
      results: [{ change_id: a.create.change_id, status: 'applied', version: 1 }],
      observations: [serverCopy(a.create, 1, 7)],
      cursor: 7,
      more: false,
    };
    await store.applySyncAnswer(1, sent, answer);
    const left = await store.listOutbox();
    expect(left.map((c) => c.change_id)).toEqual([b.create.change_id]);
    expect(await store.getCursor(1)).toBe(7);
    const saved = await store.getObservation(a.observationId);
    expect(saved.version).toBe(1);
    expect(saved.server.seq).toBe(7);
  });

  it('keeps showing an unsent edit over a newer server copy', async () => {
    const a = await logCamera();
    const unsent = {
      change_id: 'edit-1',
      observation_id: a.observationId,
      op: 'update',
      base_version: 1,
      made_at: '2026-11-21T10:00:00+01:00',
      fields: { operator: { old: null, new: 'Police municipale' } },
    };
    const record = await store.getObservation(a.observationId);
    await store.recordChanges({ observation: record, changes: [unsent] });
    const sent = [a.create];
    const answer = {
      results: [{ change_id: a.create.change_id, status: 'applied', version: 1 }],
      observations: [serverCopy(a.create, 2, 9, { mount: 'wall' })],
      cursor: 9,
    };
    await store.applySyncAnswer(1, sent, answer);
    const saved = await store.getObservation(a.observationId);
    expect(saved.fields.mount).toBe('wall');
    expect(saved.fields.operator).toBe('Police municipale');
    expect(saved.server.operator).toBeNull();
  });

  it('keeps a camera the walker deleted hidden until the delete has gone', async () => {
    const a = await logCamera();
    const record = await store.getObservation(a.observationId);
    const remove = deleteChange({ record: { ...record, version: 1 }, id: 'del-1' });
    await store.recordChanges({ observation: { ...record, deleted: true }, changes: [remove] });
    expect(await store.listObservations(3)).toEqual([]);
    // The create's answer arrives with the live server copy; the delete is still queued.
    const answer = {
      results: [{ change_id: a.create.change_id, status: 'applied', version: 1 }],
      observations: [serverCopy(a.create, 1, 4)],
      cursor: 4,
    };
    await store.applySyncAnswer(1, [a.create], answer);
    expect(await store.listObservations(3)).toEqual([]);
    expect((await store.listOutbox(10)).map((c) => c.op)).toEqual(['delete']);
  });

  // She edits a camera offline (`fields`); the sync answers the edit with a
  // conflict named by `key` and the server's copy. Returns her stored record.
  async function editAnsweredByConflict(changeId, fields, key, server) {
    const a = await logCamera();
    const change = {
      change_id: changeId,
      observation_id: a.observationId,
      op: 'update',
      base_version: 1,
      made_at: '2026-11-21T10:00:00+01:00',
      fields,
    };
    await store.recordChanges({
      observation: await store.getObservation(a.observationId),
      changes: [change],
    });
    const answer = {
      results: [{ change_id: changeId, status: 'conflict', version: 3, conflict_ids: [key] }],
      observations: [serverCopy(a.create, 3, 11, { ...server, conflicts: [key] })],
      cursor: 11,
    };
    await store.applySyncAnswer(1, [change], answer);
    return store.getObservation(a.observationId);
  }

  it('records a conflict with the value the walker sent', async () => {
    const saved = await editAnsweredByConflict(
      'edit-2',
      { operator: { old: null, new: 'Mairie' } },
      12,
      { operator: 'Police municipale' },
    );
    expect(saved.sync.conflicts[0].fields.operator).toEqual({ base: null, mine: 'Mairie' });
    expect(saved.server.operator).toBe('Police municipale');
  });

  it('records as contested only the fields the conflict keys name', async () => {
    // She set the operator and the mount offline; an organiser set the operator meanwhile.
    const saved = await editAnsweredByConflict(
      'edit-3',
      { operator: { old: null, new: 'Mairie' }, mount: { old: 'pole', new: 'wall' } },
      'edit-3/operator',
      { operator: 'Métropole', mount: 'wall' },
    );
    expect(Object.keys(saved.sync.conflicts[0].fields)).toEqual(['operator']);
  });

  it('keeps every field she sent when the conflict is with a deletion', async () => {
    // Someone deleted the camera while she edited it offline: the key names no field of
    // hers (`<change_id>/deleted`), and her whole edit waits for an organiser.
    const saved = await editAnsweredByConflict(
      'edit-9',
      { operator: { old: null, new: 'Mairie' }, mount: { old: 'pole', new: 'wall' } },
      'edit-9/deleted',
      { operator: 'Mairie' },
    );
    expect(Object.keys(saved.sync.conflicts[0].fields).sort()).toEqual(['mount', 'operator']);
  });

  it('hides tombstones and merged observations from the walk', async () => {
    const a = await logCamera();
    const b = await logCamera();
    const answer = {
      results: [],
      observations: [
        serverCopy(a.create, 2, 3, { deleted: true }),
        serverCopy(b.create, 2, 4, { merged_into: 'x' }),
      ],
      cursor: 4,
    };
    await store.applySyncAnswer(1, [], answer);
    expect(await store.listObservations(3)).toEqual([]);
  });
});

describe('the schema upgrade', () => {
  it('creates every store from an empty database', async () => {
    const handle = await openDB('fresh', DB_VERSION, { upgrade });
    for (const name of [...PRECIOUS_STORES, 'meta', 'walks', 'osm_nodes', 'basemaps']) {
      expect(handle.objectStoreNames.contains(name)).toBe(true);
    }
    handle.close();
  });

  it('keeps unsynced work when a later version opens the database', async () => {
    await logCamera({ photos: ['b'.repeat(64)] });
    await store.closeDb();
    // A future version runs the same steps from oldVersion = DB_VERSION.
    const later = await openDB(DB_NAME, DB_VERSION + 1, {
      upgrade: (db, oldVersion, newVersion, tx) => upgrade(db, oldVersion, newVersion, tx),
    });
    expect(await later.count('outbox')).toBe(2);
    expect(await later.count('photos')).toBe(1);
    expect(await later.count('observations')).toBe(1);
    later.close();
  });
});

describe('the walk map store (schema v2)', () => {
  it('is added to a version 1 database without touching the work in it', async () => {
    await store.closeDb();
    const v1 = await openDB('from-v1', 1, { upgrade: (db, o, n, tx) => upgrade(db, o, 1, tx) });
    await v1.put('observations', { id: 'kept', walk_id: 1 });
    v1.close();
    const v2 = await openDB('from-v1', DB_VERSION, { upgrade });
    expect(v2.objectStoreNames.contains('basemaps')).toBe(true);
    expect(await v2.get('observations', 'kept')).toEqual({ id: 'kept', walk_id: 1 });
    v2.close();
  });
});

describe('late answers', () => {
  it('never replace a newer server copy with an older one', async () => {
    const a = await logCamera();
    const fresh = {
      results: [],
      observations: [serverCopy(a.create, 3, 20, { mount: 'wall' })],
      cursor: 20,
    };
    const late = {
      results: [],
      observations: [serverCopy(a.create, 2, 12, { mount: 'pole' })],
      cursor: 12,
    };
    await store.applySyncAnswer(1, [], fresh);
    await store.applySyncAnswer(1, [], late);
    expect((await store.getObservation(a.observationId)).fields.mount).toBe('wall');
  });

  it('never move the cursor backwards', async () => {
    await store.applySyncAnswer(1, [], { results: [], observations: [], cursor: 20 });
    await store.applySyncAnswer(1, [], { results: [], observations: [], cursor: 12 });
    expect(await store.getCursor(1)).toBe(20);
  });
});

describe('a write that found the phone full', () => {
  it('is told apart from other failures, which trying again may mend', () => {
    expect(store.storageFull(new DOMException('', 'QuotaExceededError'))).toBe(true);
    expect(store.storageFull(new DOMException('', 'AbortError'))).toBe(false);
    expect(store.storageFull(new Error('read-back failed'))).toBe(false);
    expect(store.storageFull(null)).toBe(false);
  });
});
