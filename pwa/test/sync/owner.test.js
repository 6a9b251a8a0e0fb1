import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import * as store from '../../src/db/index.js';
import { upgrade } from '../../src/db/schema.js';
import { runSync } from '../../src/sync/engine.js';
import { asideObservations, othersWork } from '../../src/sync/aside.js';
import { buildWalkerFile, FORMAT } from '../../src/sync/walkerfile.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const sha = (c) => c.repeat(64);
const pingouin = { token: null, member: { id: 7, pseudonym: 'pingouin' }, group: { id: 1 } };
const bis = { token: 't2', member: { id: 8, pseudonym: 'pingouin-bis' }, group: { id: 1 } };

describe('queued work belongs to the member who logged it', () => {
  it('is not sent when another member signs in on the phone, and is kept', async () => {
    await store.setSession({ ...pingouin, token: 't1' });
    const hers = await logCamera({ photos: [sha('a')] });
    await store.forgetToken(); // the organiser signed her phone out: a 401
    await store.setSession(bis); // she joined again under another pseudonym
    const mine = await logCamera();
    const server = createFakeServer();

    await runSync({ api: server.api, groupId: 1, memberId: 8, retry: noWait });

    expect([...server.observations.keys()]).toEqual([mine.observationId]);
    expect(server.photos.size).toBe(0);
    const left = await store.listOutbox();
    expect(left.map((c) => c.change_id)).toEqual([
      hers.create.change_id,
      hers.attaches[0].change_id,
    ]);
    expect(left.every((c) => c.owner.member_id === 7)).toBe(true);
    const others = othersWork(left, await store.listAllPhotos(), 8);
    expect(others).toEqual([
      {
        owner: { member_id: 7, pseudonym: 'pingouin', group_id: 1 },
        changes: 2,
        cameras: 1, // her camera and its photo: one camera to the walker
        photos: 1,
      },
    ]);
  });

  it('counts as refused for her only, not for the member signed in after her', async () => {
    const server = createFakeServer();
    server.refuses.photo = (s) => s === sha('b');
    await store.setSession({ ...pingouin, token: 't1' });
    const hers = await logCamera({ photos: [sha('b')] });
    await runSync({ api: server.api, groupId: 1, memberId: 7, retry: noWait });
    await store.forgetToken();
    await store.setSession(bis);
    await logCamera();
    await runSync({ api: server.api, groupId: 1, memberId: 8, retry: noWait });

    const [outbox, photos] = [await store.listOutbox(), await store.listAllPhotos()];
    expect(asideObservations(outbox, photos, 8).size).toBe(0);
    expect([...asideObservations(outbox, photos, 7)]).toEqual([hers.observationId]);
  });

  it('goes as hers when she signs in again as herself', async () => {
    await store.setSession({ ...pingouin, token: 't1' });
    const hers = await logCamera();
    await store.forgetToken();
    await store.setSession({ ...pingouin, token: 't3' }); // a sign-in link, same member
    const server = createFakeServer();

    await runSync({ api: server.api, groupId: 1, memberId: 7, retry: noWait });

    expect([...server.observations.keys()]).toEqual([hers.observationId]);
    expect(await store.countOutbox()).toBe(0);
  });

  it("is saved to a file under her name, not the signed-in member's, without a proof", async () => {
    await store.setSession({ ...pingouin, token: 't1' });
    const hers = await logCamera();
    await store.setSession(bis);
    await logCamera();
    const owner = { member_id: 7, pseudonym: 'pingouin', group_id: 1 };

    const theirs = JSON.parse(
      await (await buildWalkerFile(bis, new Date(), { owner })).blob.text(),
    );
    const own = JSON.parse(await (await buildWalkerFile(bis)).blob.text());

    expect(theirs[FORMAT]).toMatchObject({ member_id: 7, pseudonym: 'pingouin' });
    expect(theirs[FORMAT].changes.map((c) => c.change_id)).toEqual([hers.create.change_id]);
    expect(theirs[FORMAT].proof).toBeUndefined();
    expect(theirs[FORMAT].changes.every((c) => !('owner' in c))).toBe(true);
    expect(own[FORMAT]).toMatchObject({ member_id: 8, pseudonym: 'pingouin-bis' });
    expect(own[FORMAT].changes.map((c) => c.change_id)).not.toContain(hers.create.change_id);
  });
});

describe('the schema upgrade to version 3', () => {
  it('names the signed-in member as the owner of work queued before', async () => {
    await store.closeDb();
    const v2 = await openDB('from-v2', 2, { upgrade: (db, o, n, tx) => upgrade(db, o, 2, tx) });
    await v2.put('meta', pingouin, 'session');
    await v2.add('outbox', { change_id: 'c1', op: 'create', observation_id: 'o1' });
    await v2.put('photos', { id: 'p1', observation_id: 'o1', uploaded: false });
    v2.close();

    const v3 = await openDB('from-v2', 3, { upgrade });

    const owner = { member_id: 7, pseudonym: 'pingouin', group_id: 1 };
    expect((await v3.getAll('outbox'))[0]).toMatchObject({ change_id: 'c1', owner });
    expect(await v3.get('photos', 'p1')).toMatchObject({ uploaded: false, owner });
    v3.close();
  });
});
