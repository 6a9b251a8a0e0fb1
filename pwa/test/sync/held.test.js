// A shared phone: work another member queued on it is hers until it goes. The
// member signed in now sees her cameras, but nothing she does drops, changes or
// queues anything on them (db.recordChanges refuses), and her markers are not
// "refused", to fix, nor "not yet sent" by the member signed in now.
import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { asideObservations, heldObservations } from '../../src/sync/aside.js';
import { deleteCamera, dropAside, editCamera, markCameraGone } from '../../src/sync/journal.js';
import { observationState } from '../../src/model/state.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const sha = (c) => c.repeat(64);
const pingouin = { token: 't1', member: { id: 7, pseudonym: 'pingouin' }, group: { id: 1 } };
const bis = { token: 't2', member: { id: 8, pseudonym: 'pingouin-bis' }, group: { id: 1 } };

// Her camera, whose photo the server refused for good; then she is signed out
// and another member signs in on the phone.
async function herRefusedPhoto() {
  const server = createFakeServer();
  server.refuses.photo = (s) => s === sha('b');
  await store.setSession(pingouin);
  const hers = await logCamera({ photos: [sha('b')] });
  await runSync({ api: server.api, groupId: 1, memberId: 7, retry: noWait });
  await store.forgetToken();
  await store.setSession(bis);
  return { ...hers, record: await store.getObservation(hers.observationId) };
}

// Her camera, never on the server: its create refused for good.
async function herRefusedCamera() {
  const server = createFakeServer();
  server.refuses.changes = (c) => c.op === 'create';
  await store.setSession(pingouin);
  const hers = await logCamera({ photos: [sha('c')] });
  await runSync({ api: server.api, groupId: 1, memberId: 7, retry: noWait });
  await store.forgetToken();
  await store.setSession(bis);
  return { ...hers, record: await store.getObservation(hers.observationId) };
}

async function snapshot() {
  const outbox = await store.listOutbox();
  const photos = await store.listAllPhotos();
  return { outbox, photos: photos.map(({ blob, ...p }) => p) };
}

describe("another member's queued work, with someone else signed in", () => {
  it('keeps her refused photo when the signed-in member taps Drop', async () => {
    const hers = await herRefusedPhoto();
    const [photo] = await store.listPhotos(hers.observationId);
    expect(photo.aside).toBeTruthy();
    const before = await snapshot();

    await expect(dropAside({ record: hers.record, photo })).rejects.toThrow(store.HeldWorkError);

    expect(await snapshot()).toEqual(before);
  });

  it('keeps her refused camera when the signed-in member drops or deletes it', async () => {
    const hers = await herRefusedCamera();
    const [create] = await store.listOutbox();
    expect(create.aside).toBeTruthy();
    const before = await snapshot();

    const changeId = create.change_id;
    await expect(dropAside({ record: hers.record, changeId })).rejects.toThrow(store.HeldWorkError);
    await expect(deleteCamera({ record: hers.record })).rejects.toThrow(store.HeldWorkError);

    expect(await snapshot()).toEqual(before);
    expect((await store.getObservation(hers.observationId)).deleted).toBe(false);
  });

  it('keeps her queued photo when the signed-in member edits her camera or marks it gone', async () => {
    await store.setSession(pingouin);
    const hers = await logCamera({ photos: [sha('d')] });
    await store.forgetToken();
    await store.setSession(bis);
    const record = await store.getObservation(hers.observationId);
    const before = await snapshot();

    const edit = editCamera({ record, after: record.fields, removePhotos: [sha('d')] });
    await expect(edit).rejects.toThrow(store.HeldWorkError);
    await expect(markCameraGone({ record })).rejects.toThrow(store.HeldWorkError);

    expect(await snapshot()).toEqual(before);
    expect(await store.getObservation(hers.observationId)).toEqual(record);
  });

  it('leaves her own camera to her once she signs in again', async () => {
    const hers = await herRefusedPhoto();
    await store.setSession(pingouin);
    const [photo] = await store.listPhotos(hers.observationId);

    await dropAside({ record: hers.record, photo });

    expect(await store.listPhotos(hers.observationId)).toEqual([]);
    expect(await store.listOutbox()).toEqual([]);
  });

  it('is held for her on the map, not refused or pending for the member signed in', async () => {
    const hers = await herRefusedPhoto();
    const mine = await logCamera();
    const { outbox, photos } = await snapshot();

    const held = heldObservations(outbox, photos, 8);
    const aside = asideObservations(outbox, photos, 8);
    expect([...held]).toEqual([hers.observationId]);
    expect(heldObservations(outbox, photos, 7)).toEqual(new Set([mine.observationId]));
    const pending = new Set([mine.observationId]);
    const stateOf = (id) => observationState({ id, server: null }, { pending, aside, held });
    expect(stateOf(hers.observationId)).toBe('held');
    expect(stateOf(mine.observationId)).toBe('pending');
  });
});
