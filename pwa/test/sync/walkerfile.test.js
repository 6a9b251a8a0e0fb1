import { afterEach, describe, expect, it, vi } from 'vitest';
import * as store from '../../src/db/index.js';
import { syncNow } from '../../src/sync/runner.js';
import { buildWalkerFile, FORMAT, proof } from '../../src/sync/walkerfile.js';
import { logCamera } from '../helpers.js';

const session = {
  group: { id: 1 },
  member: { id: 7, pseudonym: 'mouette' },
  token: 'cw_test-token',
};
const sha = (c) => c.repeat(64);

describe("a walker's file", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('holds the outbox as the wire form, the photo bytes and one feature per camera', async () => {
    const cam = await logCamera({ photos: [sha('a')] });
    await logCamera();
    await store.setChangeAside(cam.attaches[0].change_id, { code: 'invalid_input', message: 'x' });
    const file = await buildWalkerFile(session, new Date(2026, 10, 21, 12));
    expect(file.filename).toBe('camwalk-mouette-2026-11-21.geojson');
    const body = JSON.parse(await file.blob.text());
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(2);
    expect(body.features[0].geometry.coordinates).toEqual([5.3812, 43.2961]);
    const work = body[FORMAT];
    expect(work).toMatchObject({ version: 1, group_id: 1, member_id: 7, pseudonym: 'mouette' });
    expect(work.changes.map((c) => c.op)).toEqual(['create', 'attach_photo', 'create']);
    // Exactly what the server accepts in a push: no queue position, no local notes.
    expect(work.changes.every((c) => !('seq' in c) && !('aside' in c))).toBe(true);
    expect(work.set_aside).toEqual([
      { change_id: cam.attaches[0].change_id, code: 'invalid_input', message: 'x' },
    ]);
    expect(work.photos).toEqual([
      { sha256: sha('a'), media_type: 'image/jpeg', data_base64: btoa('jpegbytes') },
    ]);
  });

  it('is proved by the phone as the server checks it (sync/walker_file.py)', async () => {
    // The same work and token through the server's proof_message and proof give this.
    const work = {
      group_id: 1,
      member_id: 7,
      saved_at: '2026-11-21T12:00:00+01:00',
      changes: [
        { change_id: 'c1', op: 'create', observation_id: 'o1' },
        { change_id: 'c2', op: 'attach_photo', observation_id: 'o1' },
      ],
      photos: [{ sha256: sha('a') }],
    };
    expect(await proof('cw_test-token', work)).toBe(
      'e8acd9f4570a1b11d2921d4de87ea202baafedb070f441ef9de8a67f4ca3c856',
    );
    const cam = await logCamera({ photos: [sha('b')] });
    const body = JSON.parse(await (await buildWalkerFile(session)).blob.text());
    const saved = body[FORMAT];
    expect(saved.changes.map((c) => c.change_id)).toContain(cam.attaches[0].change_id);
    expect(saved.proof).toBe(await proof('cw_test-token', saved));
    expect(saved.proof).not.toBe(await proof('cw_other-token', saved));
  });

  it('is still proved when saved after the server refused her token (401)', async () => {
    await store.setSession(session);
    await logCamera();
    const expired = { code: 'unauthorized', message: 'Session expired.' };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(expired), { status: 401 }));
    await expect(syncNow()).rejects.toMatchObject({ status: 401 });
    const after = await store.getSession();
    expect(after.token).toBeNull(); // the token is gone, as before

    const saved = JSON.parse(await (await buildWalkerFile(after)).blob.text())[FORMAT];
    expect(saved.proof).toBe(await proof('cw_test-token', saved));

    // Someone else then signs in on her phone: the file saved for her is hers, proven.
    await store.setSession({ ...session, token: 't2', member: { id: 8, pseudonym: 'goeland' } });
    const owner = { member_id: 7, pseudonym: 'mouette', group_id: 1 };
    const hers = await buildWalkerFile(await store.getSession(), new Date(), { owner });
    const theirs = JSON.parse(await hers.blob.text())[FORMAT];
    expect(theirs.proof).toBe(await proof('cw_test-token', theirs));
  });

  it('is not made when nothing waits', async () => {
    expect(await buildWalkerFile(session)).toBeNull();
  });
});
