// A server restored from a backup (docs/sync-protocol.md, Epochs): the phone
// pulls everything again and sends back what the server lost of hers.
import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';
import { deleteCamera, editCamera } from '../../src/sync/journal.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const sha = (c) => c.repeat(64);
const sync = (server) =>
  runSync({ api: server.api, groupId: 1, retry: noWait, pseudonym: 'mouette' });

function remoteCreate(server, id, createdBy) {
  server.edit({
    change_id: `remote-${id}`,
    observation_id: id,
    op: 'create',
    walk_id: 3,
    fields: { kind: 'camera', created_by: createdBy },
  });
}

describe('a sync after the server was restored from a backup', () => {
  it('sends again her cameras and photos the server lost, and pulls what is new', async () => {
    const server = createFakeServer();
    const early = await logCamera({ photos: [sha('a')] });
    await sync(server);
    const restore = server.backup();
    // After the backup: acknowledged, so they left the outbox.
    const late = [await logCamera({ photos: [sha('b')] }), await logCamera({ lat: 43.3 })];
    await sync(server);
    expect(await store.countOutbox()).toBe(0);
    const cursorBefore = await store.getCursor(1);
    restore();
    // A camera logged after the restore gets a seq below the phone's cursor.
    remoteCreate(server, 'new-after-restore', 'goeland');
    expect(server.observations.get('new-after-restore').seq).toBeLessThanOrEqual(cursorBefore);

    await sync(server);

    for (const { observationId } of [early, ...late]) {
      expect(server.observations.has(observationId)).toBe(true);
    }
    const lost = server.observations.get(late[0].observationId);
    expect(lost.photos.map((p) => p.sha256)).toEqual([sha('b')]);
    expect(lost.position).toEqual(late[0].create.fields.position);
    expect(server.photos.has(sha('b'))).toBe(true);
    expect(await store.getObservation('new-after-restore')).toBeTruthy();
    expect(await store.countOutbox()).toBe(0);
    expect(await store.isResyncing(1)).toBe(false);
    expect(await store.getCursor(1)).toBe(
      Math.max(...[...server.observations.values()].map((o) => o.seq)),
    );
    // And the next run is an ordinary one.
    remoteCreate(server, 'later', 'goeland');
    await sync(server);
    expect(await store.getObservation('later')).toBeTruthy();
  });

  it('keeps an edit still queued for a camera the server lost, as part of its values', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera();
    const restore = server.backup();
    await sync(server);
    const record = await store.getObservation(observationId);
    const edit = {
      change_id: 'queued-edit',
      observation_id: observationId,
      op: 'update',
      base_version: record.version,
      made_at: '2026-11-21T10:00:00+01:00',
      fields: { operator: { old: null, new: 'SNCF' } },
    };
    await store.recordChanges({
      observation: { ...record, fields: { ...record.fields, operator: 'SNCF' } },
      changes: [edit],
    });
    restore();

    const summary = await sync(server);

    expect(summary.rejected).toBe(0);
    expect(server.observations.get(observationId).operator).toBe('SNCF');
    expect((await store.getObservation(observationId)).server.operator).toBe('SNCF');
  });

  it('bases a queued edit of a camera the server kept on the version it now has', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera();
    await sync(server);
    const restore = server.backup();
    server.edit({
      change_id: 'after-backup',
      observation_id: observationId,
      op: 'update',
      fields: { mount: { old: null, new: 'pole' } },
    });
    await sync(server);
    const record = await store.getObservation(observationId);
    expect(record.version).toBe(2);
    await store.recordChanges({
      observation: record,
      changes: [
        {
          change_id: 'queued-edit',
          observation_id: observationId,
          op: 'update',
          base_version: 2,
          made_at: '2026-11-21T10:00:00+01:00',
          fields: { operator: { old: null, new: 'SNCF' } },
        },
      ],
    });
    restore();

    await sync(server);

    const sent = server.observations.get(observationId);
    expect(sent.operator).toBe('SNCF');
    expect(sent.version).toBe(2); // applied on version 1, the one the server holds
  });

  it("drops another walker's camera the server lost instead of sending it as hers", async () => {
    const server = createFakeServer();
    const restore = server.backup();
    remoteCreate(server, 'theirs', 'goeland');
    await sync(server);
    expect(await store.getObservation('theirs')).toBeTruthy();
    restore();

    await sync(server);

    expect(server.observations.has('theirs')).toBe(false);
    expect(await store.getObservation('theirs')).toBeUndefined();
  });

  it('sends again her edits, delete and photo removal the server lost, acknowledged after the backup', async () => {
    const server = createFakeServer();
    const kept = await logCamera({ photos: [sha('c')] });
    const gone = await logCamera({ lat: 43.2965 });
    await sync(server);
    const restore = server.backup();
    const record = await store.getObservation(kept.observationId);
    await editCamera({
      record,
      after: { ...record.fields, operator: 'Mairie', mount: 'wall' },
      removePhotos: [sha('c')],
    });
    await deleteCamera({ record: await store.getObservation(gone.observationId) });
    await sync(server);
    expect(await store.countOutbox()).toBe(0);
    expect(server.observations.get(kept.observationId).operator).toBe('Mairie');
    restore();
    expect(server.observations.get(kept.observationId).operator).toBeNull();

    const summary = await sync(server);

    const back = server.observations.get(kept.observationId);
    expect([back.operator, back.mount]).toEqual(['Mairie', 'wall']);
    expect(back.photos).toEqual([]);
    expect(server.observations.get(gone.observationId).deleted).toBe(true);
    expect(summary.conflicts).toBe(0);
    const shown = await store.getObservation(kept.observationId);
    expect(shown.fields.operator).toBe('Mairie');
    expect(shown.server.operator).toBe('Mairie');
    expect(await store.countOutbox()).toBe(0);
    // Still kept, should the server be restored once more.
    const sent = await store.listSent();
    expect(sent.map((c) => c.op).sort()).toEqual(['delete', 'detach_photo', 'update']);
  });

  it('changes nothing with the edits the backup already had: they are replays', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera();
    await sync(server);
    const record = await store.getObservation(observationId);
    await editCamera({ record, after: { ...record.fields, operator: 'Mairie' } });
    await sync(server);
    const restore = server.backup();
    restore();
    // An organiser sets it anew after the restore: a replay must not undo it.
    server.edit({
      change_id: 'organiser-after-restore',
      observation_id: observationId,
      op: 'update',
      fields: { operator: { old: 'Mairie', new: 'RTM' } },
    });
    const applied = server.log.applied;

    const summary = await sync(server);

    expect(server.observations.get(observationId).operator).toBe('RTM');
    expect(server.log.applied).toBe(applied);
    expect(summary.conflicts).toBe(0);
    expect((await store.getObservation(observationId)).fields.operator).toBe('RTM');
  });

  it('sends the edits it gives back before those still queued, so the latest wins', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera();
    await sync(server);
    const restore = server.backup();
    let record = await store.getObservation(observationId);
    await editCamera({ record, after: { ...record.fields, operator: 'Mairie' } });
    await sync(server);
    record = await store.getObservation(observationId);
    await editCamera({ record, after: { ...record.fields, operator: 'RTM' } });
    restore();

    const summary = await sync(server);

    expect(server.observations.get(observationId).operator).toBe('RTM');
    expect(summary.conflicts).toBe(0);
    expect(summary.rejected).toBe(0);
  });

  it('gives nothing back of a camera the server lost but its create', async () => {
    const server = createFakeServer();
    const restore = server.backup();
    const { observationId } = await logCamera();
    await sync(server);
    const record = await store.getObservation(observationId);
    await editCamera({ record, after: { ...record.fields, operator: 'Mairie' } });
    await sync(server);
    restore();

    const summary = await sync(server);

    const back = server.observations.get(observationId);
    expect([back.version, back.operator]).toEqual([1, 'Mairie']);
    expect(summary.rejected).toBe(0);
  });
});

describe('the changes kept for a restore', () => {
  it('are the field edits, deletes and photo removals the server stored, for 30 days', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera({ photos: [sha('d')] });
    await sync(server);
    const record = await store.getObservation(observationId);
    await editCamera({ record, after: { ...record.fields, mount: 'wall' } });
    server.refuses.changes = (c) => c.op === 'update';
    await sync(server); // refused for good: set aside, not kept
    expect(await store.listSent()).toEqual([]);
    server.refuses.changes = () => false;
    const stored = { results: [], observations: [], cursor: 0 };
    const day = 24 * 3600 * 1000;
    const change = {
      change_id: 'an-edit',
      observation_id: observationId,
      op: 'update',
      fields: { operator: { old: null, new: 'RTM' } },
    };
    const now = Date.now();
    await store.applySyncAnswer(
      1,
      [change],
      { ...stored, results: [{ change_id: 'an-edit', status: 'applied' }] },
      { now },
    );
    expect((await store.listSent()).map((c) => [c.change_id, c.acked_at])).toEqual([
      ['an-edit', now],
    ]);
    await store.applySyncAnswer(1, [], stored, { now: now + 30 * day });
    expect(await store.listSent()).toHaveLength(1);
    await store.applySyncAnswer(1, [], stored, { now: now + 30 * day + 1 });
    expect(await store.listSent()).toEqual([]);
  });
});
