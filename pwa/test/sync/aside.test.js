import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { nextSendable } from '../../src/sync/aside.js';
import { deleteCamera, dropAside } from '../../src/sync/journal.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const sha = (c) => c.repeat(64);

describe('work the server refuses for good', () => {
  it('sets a refused photo aside and sends everything else, cameras without photos too', async () => {
    const server = createFakeServer();
    server.refuses.photo = (s) => s === sha('b');
    const bad = await logCamera({ photos: [sha('b')] });
    await logCamera({ photos: [sha('c')] });
    await logCamera();
    const summary = await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(server.observations.size).toBe(3);
    expect(server.observations.get(bad.observationId).photos).toEqual([]);
    expect(summary.aside).toBe(1);
    // Kept, with the reason, and only its attach_photo still queued.
    const [photo] = await store.listPhotos(bad.observationId);
    expect(photo.aside).toMatchObject({ code: 'unsupported_photo_type' });
    const left = await store.listOutbox();
    expect(left.map((c) => c.op)).toEqual(['attach_photo']);
    // A second run does not knock on the server with it again.
    const puts = server.log.photoPuts;
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(server.log.photoPuts).toBe(puts);
  });

  it('sends again a photo cut in transit, within the run, and sets nothing aside', async () => {
    const server = createFakeServer();
    server.failures.push(
      { on: 'photo', status: 422, code: 'hash_mismatch' },
      { on: 'photo', status: 408, code: 'request_incomplete' },
    );
    const cam = await logCamera({ photos: [sha('b')] });
    const summary = await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(summary.aside).toBe(0);
    expect(server.log.photoPuts).toBe(3);
    expect(server.observations.get(cam.observationId).photos).toHaveLength(1);
    expect(await store.listOutbox()).toEqual([]);
  });

  it('sets aside a photo that reaches the server damaged on every try, and sends the rest', async () => {
    const server = createFakeServer();
    const damaged = { on: 'photo', status: 422, code: 'hash_mismatch' };
    server.failures.push(damaged, damaged, damaged, damaged);
    const bad = await logCamera({ photos: [sha('b')] });
    const good = await logCamera({ photos: [sha('c')] });
    const summary = await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(summary.aside).toBe(1);
    const [photo] = await store.listPhotos(bad.observationId);
    expect(photo.aside).toMatchObject({ code: 'hash_mismatch' });
    expect(server.observations.get(good.observationId).photos).toHaveLength(1);
  });

  it('isolates the one change the server refuses whole and sends the rest', async () => {
    const server = createFakeServer();
    const cams = [];
    for (let i = 0; i < 5; i++) cams.push(await logCamera({ lat: 43.29 + i / 1000 }));
    const badId = cams[2].create.change_id;
    server.refuses.changes = (c) => c.change_id === badId;
    const summary = await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(server.observations.size).toBe(4);
    expect(summary.aside).toBe(1);
    const left = await store.listOutbox();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ change_id: badId, aside: { code: 'invalid_input' } });
  });

  it('keeps the later changes of a camera behind its set-aside change', () => {
    const outbox = [
      { change_id: 'a', observation_id: 'x', op: 'create', aside: { code: 'c' } },
      { change_id: 'b', observation_id: 'x', op: 'update' },
      { change_id: 'c', observation_id: 'y', op: 'create' },
      { change_id: 'd', observation_id: 'y', op: 'attach_photo', photo: { sha256: 'bad' } },
      { change_id: 'e', observation_id: 'y', op: 'update' },
      { change_id: 'f', observation_id: 'z', op: 'attach_photo', photo: { sha256: 'late' } },
      { change_id: 'g', observation_id: 'z', op: 'update' },
    ];
    const batch = nextSendable(outbox, {
      asideShas: new Set(['bad']),
      waitingShas: new Set(['late']),
      max: 500,
    });
    expect(batch.map((c) => c.change_id)).toEqual(['c', 'e']);
  });

  it('sends the cameras behind one whose photo bytes are not up yet', () => {
    const outbox = [
      { change_id: 'a', observation_id: 'x', op: 'create' },
      { change_id: 'b', observation_id: 'x', op: 'attach_photo', photo: { sha256: 'late' } },
      { change_id: 'c', observation_id: 'x', op: 'update' },
      { change_id: 'd', observation_id: 'y', op: 'create' },
      { change_id: 'e', observation_id: 'y', op: 'attach_photo', photo: { sha256: 'up' } },
    ];
    const batch = nextSendable(outbox, { waitingShas: new Set(['late']), max: 500 });
    // x's update waits behind its photo: order matters within a camera, not across.
    expect(batch.map((c) => c.change_id)).toEqual(['a', 'd', 'e']);
  });

  it('unblocks the queue when the walker deletes the camera with the refused photo', async () => {
    const server = createFakeServer();
    server.refuses.photo = () => true;
    const bad = await logCamera({ photos: [sha('d')] });
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    const record = await store.getObservation(bad.observationId);
    await deleteCamera({ record });
    expect(await store.listPhotos(bad.observationId)).toEqual([]);
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(await store.countOutbox()).toBe(0);
  });

  it('drops a refused photo alone when the walker chooses to', async () => {
    const server = createFakeServer();
    server.refuses.photo = () => true;
    const cam = await logCamera({ photos: [sha('e')] });
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    const record = await store.getObservation(cam.observationId);
    const [photo] = await store.listPhotos(cam.observationId);
    await dropAside({ record, photo });
    expect(await store.countOutbox()).toBe(0);
    expect((await store.getObservation(cam.observationId)).deleted).toBe(false);
  });

  it('keeps on the map a camera the server took while its sheet was open', async () => {
    const server = createFakeServer();
    server.refuses.photo = () => true;
    const cam = await logCamera({ photos: [sha('a')] });
    // Opened before the sync: the server had nothing of it yet.
    const opened = await store.getObservation(cam.observationId);
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    const [photo] = await store.listPhotos(cam.observationId);
    await dropAside({ record: opened, photo });
    expect(await store.countOutbox()).toBe(0);
    expect((await store.getObservation(cam.observationId)).deleted).toBe(false);
    expect(await store.listObservations(3)).toHaveLength(1);
  });

  it('drops a set-aside create with the changes behind it and takes the camera off the map', async () => {
    const server = createFakeServer();
    const cam = await logCamera({ photos: [sha('f')] });
    server.refuses.changes = (c) => c.change_id === cam.create.change_id;
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    const record = await store.getObservation(cam.observationId);
    await dropAside({ record, changeId: cam.create.change_id });
    expect(await store.countOutbox()).toBe(0);
    expect((await store.getObservation(cam.observationId)).deleted).toBe(true);
  });
});
