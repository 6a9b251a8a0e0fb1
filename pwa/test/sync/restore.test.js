// A server restored from a backup (docs/sync-protocol.md, Epochs): the phone
// pulls everything again and sends back what the server lost of hers.
import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

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
});
