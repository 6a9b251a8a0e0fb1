// A server restored from a backup, on a phone two members of the group share:
// each one's lost work goes back as hers, and none holds up the other's.
import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { unsentWork } from '../../src/sync/aside.js';
import { editCamera } from '../../src/sync/journal.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const sha = (c) => c.repeat(64);
// The fake server names every camera's creator "mouette".
const mouette = { token: 't1', member: { id: 7, pseudonym: 'mouette' }, group: { id: 1 } };
const goeland = { token: 't2', member: { id: 8, pseudonym: 'goeland' }, group: { id: 1 } };

async function syncAs(server, session) {
  await store.setSession(session);
  return runSync({
    api: server.api,
    groupId: 1,
    memberId: session.member.id,
    pseudonym: session.member.pseudonym,
    retry: noWait,
  });
}

describe("after a restore, another member's lost camera with her edit queued", () => {
  it('waits for her whole, and the signed-in walker sends all of hers', async () => {
    const server = createFakeServer();
    const restore = server.backup();
    // Mouette logs a camera with a photo and it reaches the server (after the
    // backup); her edit of it is still queued when she hands the phone over.
    await store.setSession(mouette);
    const theirs = await logCamera({ photos: [sha('a')] });
    await syncAs(server, mouette);
    const record = await store.getObservation(theirs.observationId);
    await editCamera({ record, after: { ...record.fields, operator: 'SNCF' } });
    const mine = await logCamera({ lat: 43.3 }); // queued under goeland's session below
    await store.setSession(goeland);
    const hers = await logCamera({ lat: 43.31 });
    restore();

    await syncAs(server, goeland);

    // Goeland's camera went; mouette's was not sent under goeland's name.
    expect(server.observations.has(hers.observationId)).toBe(true);
    expect(server.observations.has(theirs.observationId)).toBe(false);
    const left = await store.listOutbox();
    const photos = await store.listAllPhotos();
    expect(unsentWork(left, photos, goeland.member.id)).toEqual({ cameras: 0, photos: 0 });
    expect(left.every((c) => c.owner.member_id === mouette.member.id)).toBe(true);
    expect(unsentWork(left, photos, mouette.member.id).cameras).toBe(2);

    // Mouette signs in again: her camera goes back whole, with her edit and photo.
    await syncAs(server, mouette);

    const back = server.observations.get(theirs.observationId);
    expect(back.operator).toBe('SNCF');
    expect(back.photos.map((p) => p.sha256)).toEqual([sha('a')]);
    expect(server.observations.has(mine.observationId)).toBe(true);
    expect(await store.countOutbox()).toBe(0);
  });
});

describe("after a restore, another member's photo the server lost", () => {
  it('is attached again as hers, and holds up nothing of the signed-in walker', async () => {
    const server = createFakeServer();
    await store.setSession(goeland);
    const camera = await logCamera();
    await syncAs(server, goeland);
    const restore = server.backup();
    // Mouette adds a photo to goeland's camera; it reaches the server.
    await store.setSession(mouette);
    const record = await store.getObservation(camera.observationId);
    const photo = { sha256: sha('c'), role: 'context', blob: new Blob(['jpeg']) };
    await editCamera({ record, after: record.fields, photos: [photo] });
    await syncAs(server, mouette);
    expect(server.observations.get(camera.observationId).photos).toHaveLength(1);
    restore();

    await syncAs(server, goeland);
    const later = await logCamera({ lat: 43.31 }); // goeland's, after the restore
    await syncAs(server, goeland);

    expect(server.observations.has(later.observationId)).toBe(true);
    const left = await store.listOutbox();
    expect(unsentWork(left, await store.listAllPhotos(), goeland.member.id)).toEqual({
      cameras: 0,
      photos: 0,
    });
    expect(left.map((c) => [c.op, c.owner.member_id])).toEqual([['attach_photo', 7]]);

    await syncAs(server, mouette);

    expect(server.observations.get(camera.observationId).photos.map((p) => p.sha256)).toEqual([
      sha('c'),
    ]);
    expect(await store.countOutbox()).toBe(0);
  });
});
