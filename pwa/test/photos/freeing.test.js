import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { upgrade } from '../../src/db/schema.js';
import * as store from '../../src/db/index.js';
import {
  MAX_FREED_PER_RUN,
  PHOTO_BYTES_KEPT_DAYS,
  freeablePhotos,
} from '../../src/photos/freeing.js';
import { runSync } from '../../src/sync/engine.js';
import { observationState, photoState } from '../../src/model/state.js';
import { rejectedText, stateWords } from '../../src/ui/sheets/observation.js';
import { setLanguage } from '../../src/i18n/index.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const sha = (c) => c.repeat(64);
const small = async () => new Blob(['s'], { type: 'image/jpeg' });
const DAY_MS = 24 * 3600 * 1000;
const NOW = Date.parse('2026-12-05T18:00:00Z');
const daysAgo = (n) => new Date(NOW - n * DAY_MS).toISOString();

// The phone's clock `days` later (only Date: IndexedDB's timers run as usual).
function later(days) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + days * DAY_MS);
}
afterEach(() => vi.useRealTimers());

const photo = (extra = {}) => ({
  id: 'p1',
  observation_id: 'o1',
  sha256: sha('a'),
  blob: new Blob(['full-size bytes']),
  uploaded: true,
  uploaded_at: daysAgo(PHOTO_BYTES_KEPT_DAYS),
  ...extra,
});
const onServer = (extra = {}) =>
  new Map([['o1', { id: 'o1', server: { photos: [{ sha256: sha('a') }] }, ...extra }]]);
const attach = (extra = {}) => ({
  op: 'attach_photo',
  observation_id: 'o1',
  photo: { sha256: sha('a') },
  ...extra,
});

describe('which photos give back their room', () => {
  it.each([
    ['uploaded and shown on its camera', photo(), [], onServer(), true],
    ['not uploaded yet', photo({ uploaded: false }), [], onServer(), false],
    [
      'on the server for less than the days a restore may need it',
      photo({ uploaded_at: daysAgo(PHOTO_BYTES_KEPT_DAYS - 0.5) }),
      [],
      onServer(),
      false,
    ],
    [
      'uploaded before its upload time was kept, taken long ago',
      photo({ uploaded_at: undefined, created_at: daysAgo(30) }),
      [],
      onServer(),
      false,
    ],
    ['with no time at all', photo({ uploaded_at: undefined }), [], onServer(), false],
    ['set aside', photo({ aside: { code: 'x' } }), [], onServer(), false],
    ['freed already', photo({ freed: { bytes: 9 } }), [], onServer(), false],
    ['its attach_photo still queued', photo(), [attach()], onServer(), false],
    [
      'another member’s queued change names it',
      photo(),
      [attach({ observation_id: 'o2', owner: { member_id: 8 } })],
      onServer(),
      false,
    ],
    ['its attach_photo set aside', photo(), [attach({ aside: { code: 'x' } })], onServer(), false],
    [
      'its attach_photo acknowledged but not applied',
      photo(),
      [],
      onServer({ server: { photos: [] } }),
      false,
    ],
    ['its camera not on the server', photo(), [], onServer({ server: null }), false],
    ['its camera given back after a restore', photo(), [], onServer({ resync: true }), false],
    ['its camera unknown to the phone', photo(), [], new Map(), false],
  ])('%s', (why, p, outbox, observations, freeable) => {
    expect(freeablePhotos([p], outbox, observations, NOW).length === 1).toBe(freeable);
  });
});

describe('a sync run', () => {
  it('keeps a small copy of a photo the server has held and shown for a week', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera({ photos: [sha('a')] });
    await runSync({ api: server.api, groupId: 1, retry: noWait, makeSmall: small });
    // Whole while a restore may still need its bytes.
    expect((await store.listPhotos(observationId))[0].freed).toBeUndefined();
    later(PHOTO_BYTES_KEPT_DAYS);
    await runSync({ api: server.api, groupId: 1, retry: noWait, makeSmall: small });
    const [kept] = await store.listPhotos(observationId);
    expect(kept.blob.size).toBe(1);
    expect(kept.freed.bytes).toBe('jpegbytes'.length);
    expect(kept.uploaded).toBe(true);
  });

  it('counts the week of a photo uploaded before its upload time was kept from the update', async () => {
    // As the app before `uploaded_at` (database version 4) left it: uploaded,
    // shown on its camera, taken a month ago.
    const v4 = await openDB(store.DB_NAME, 4, { upgrade: (db, o, n, tx) => upgrade(db, o, 4, tx) });
    await v4.put('observations', onServer().get('o1'));
    const { uploaded_at: _, ...legacy } = photo({ created_at: daysAgo(30) });
    await v4.put('photos', legacy);
    v4.close();

    expect(await store.freeSentPhotos(small)).toBe(0);
    later(PHOTO_BYTES_KEPT_DAYS - 1);
    expect(await store.freeSentPhotos(small)).toBe(0);
    later(1);
    expect(await store.freeSentPhotos(small)).toBe(1);
  });

  it('sends after the update a photo a server restore asked for again under version 4', async () => {
    // Version 4 marked such a photo `uploaded: false` and kept its old
    // `uploaded_at`; from version 5 that field is what says "uploaded".
    const v4 = await openDB(store.DB_NAME, 4, { upgrade: (db, o, n, tx) => upgrade(db, o, 4, tx) });
    await v4.put('observations', onServer().get('o1'));
    await v4.put('photos', photo({ uploaded: false, uploaded_at: daysAgo(3) }));
    v4.close();

    expect((await store.listPhotosToUpload()).map((p) => p.id)).toEqual(['p1']);
    expect((await store.listPhotosNotUploaded()).map((p) => p.id)).toEqual(['p1']);
  });

  it('frees a bounded number of photos per run, the rest on the next', async () => {
    const server = createFakeServer();
    const count = MAX_FREED_PER_RUN + 3;
    const shas = Array.from({ length: count }, (_, i) => i.toString(16).padStart(64, '0'));
    await logCamera({ photos: shas });
    await runSync({ api: server.api, groupId: 1, retry: noWait, makeSmall: small });
    later(PHOTO_BYTES_KEPT_DAYS);
    let made = 0;
    const counting = async (blob) => (made++, small(blob));

    expect(await store.freeSentPhotos(counting)).toBe(MAX_FREED_PER_RUN);
    expect(made).toBe(MAX_FREED_PER_RUN);
    expect(await store.freeSentPhotos(counting)).toBe(3);
    expect(made).toBe(count);
  });

  it('keeps the full photo while its attach_photo waits', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera({ photos: [sha('a')] });
    // The bytes go up, then the link drops before the attach_photo goes.
    let syncs = 0;
    const api = {
      ...server.api,
      sync: (...args) => (++syncs === 2 ? Promise.reject({ status: 0 }) : server.api.sync(...args)),
    };
    await expect(
      runSync({ api, groupId: 1, retry: { ...noWait, attempts: 1 }, makeSmall: small }),
    ).rejects.toBeTruthy();
    later(PHOTO_BYTES_KEPT_DAYS);
    await store.freeSentPhotos(small);
    const [kept] = await store.listPhotos(observationId);
    expect(kept.uploaded).toBe(true);
    expect(kept.freed).toBeUndefined();
    expect(kept.blob.size).toBe('jpegbytes'.length);
  });

  it('keeps a photo whose small copy cannot be made', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera({ photos: [sha('a')] });
    const broken = async () => {
      throw new Error('undecodable');
    };
    const summary = await runSync({
      api: server.api,
      groupId: 1,
      retry: noWait,
      makeSmall: broken,
    });
    expect(summary.sent).toBe(2);
    const [kept] = await store.listPhotos(observationId);
    expect(kept.freed).toBeUndefined();
    expect(kept.blob.size).toBe('jpegbytes'.length);
  });
});

// The ids of the photo records a read of the phone's store hands out whole,
// blob and all (a get, a getAll, or a cursor with its values, on the store or
// an index).
function photoRecordsRead() {
  const read = new Set();
  const note = (value) => value && value.blob && read.add(value.id);
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    for (const name of ['get', 'getAll', 'openCursor']) {
      const original = proto[name];
      vi.spyOn(proto, name).mockImplementation(function (...args) {
        const request = original.apply(this, args);
        if ((this.objectStore || this).name === 'photos') {
          request.addEventListener('success', () => {
            const result = request.result;
            if (Array.isArray(result)) result.forEach(note);
            else if (result && result.primaryKey !== undefined) note(result.value);
            else note(result);
          });
        }
        return request;
      });
    }
  }
  return read;
}

describe('what a run reads', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads the full-size photos it frees and none that cannot be freed yet', async () => {
    // Each photo on the phone: a whole camera's worth of megabytes, read at every sync.
    const shas = ['a', 'b', 'c', 'd', 'e'].map(sha);
    const handle = await store.db();
    await handle.put('observations', {
      id: 'o1',
      walk_id: 1,
      server: { photos: shas.slice(0, 4).map((sha256) => ({ sha256 })) },
    });
    const photos = [
      photo({ id: 'week-old', sha256: shas[0] }),
      photo({ id: 'yesterday', sha256: shas[1], uploaded_at: daysAgo(1) }),
      photo({ id: 'attach-queued', sha256: shas[2] }),
      photo({
        id: 'freed',
        sha256: shas[3],
        blob: new Blob(['s']),
        freed: { at: daysAgo(1), bytes: 15 },
      }),
      photo({ id: 'not-on-its-camera', sha256: shas[4] }),
    ];
    for (const p of photos) await handle.put('photos', p);
    await handle.add('outbox', attach({ change_id: 'c1', photo: { sha256: shas[2] } }));

    const read = photoRecordsRead();
    expect(await store.freeSentPhotos(small, { now: new Date(NOW) })).toBe(1);
    expect([...read]).toEqual(['week-old']);
    vi.restoreAllMocks();
    const kept = new Map((await store.listPhotos('o1')).map((p) => [p.id, p]));
    expect(kept.get('week-old').freed).toBeTruthy();
    for (const id of ['yesterday', 'attach-queued', 'not-on-its-camera']) {
      expect(kept.get(id).freed).toBeUndefined();
      expect(kept.get(id).blob.size).toBe('full-size bytes'.length);
    }
  });
});

describe('what a sync reads of photos', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads whole only the photos it has to send', async () => {
    const server = createFakeServer();
    const sync = () => runSync({ api: server.api, groupId: 1, retry: noWait, makeSmall: small });
    await logCamera({ photos: ['a', 'b', 'c'].map(sha) });
    await sync();
    const { observationId } = await logCamera({ photos: [sha('d')] });
    const [fresh] = await store.listPhotos(observationId);

    const read = photoRecordsRead();
    await sync();
    expect([...read]).toEqual([fresh.id]);
    // And what the map and the counts of unsent work read once it went: none.
    read.clear();
    expect(await store.listPhotosNotUploaded()).toEqual([]);
    expect(await store.unsentWorkOf(null)).toEqual({ cameras: 0, photos: 0 });
    expect([...read]).toEqual([]);
  });
});

describe('a sync after the server was restored from a backup', () => {
  // A phone syncing as mouette with a fake server, and the sync to run.
  const phoneAndServer = () => {
    const server = createFakeServer();
    const sync = () =>
      runSync({
        api: server.api,
        groupId: 1,
        retry: noWait,
        pseudonym: 'mouette',
        makeSmall: small,
      });
    return { server, sync };
  };

  it('gives back the full photo of a camera the server lost within the week', async () => {
    const { server, sync } = phoneAndServer();
    const restore = server.backup();
    const { observationId } = await logCamera({ photos: [sha('b')] });
    await sync();
    later(PHOTO_BYTES_KEPT_DAYS - 1);
    restore();

    await sync();

    expect(server.observations.get(observationId).photos.map((p) => p.sha256)).toEqual([sha('b')]);
    expect(server.photos.get(sha('b'))).toBe('jpegbytes'.length);
  });

  it('never uploads a freed photo’s small copy under the photo’s name', async () => {
    const { server, sync } = phoneAndServer();
    const restore = server.backup();
    const { observationId } = await logCamera({ photos: [sha('b')] });
    await sync();
    later(PHOTO_BYTES_KEPT_DAYS);
    await sync();
    const [freed] = await store.listPhotos(observationId);
    expect(freed.freed).toBeTruthy();
    const puts = server.log.photoPuts;
    restore();

    await sync();

    // Her camera is back; its photo is not, and the phone did not pretend it was.
    expect(server.observations.has(observationId)).toBe(true);
    expect(server.log.photoPuts).toBe(puts);
    expect(server.photos.has(sha('b'))).toBe(false);
    const [kept] = await store.listPhotos(observationId);
    expect(kept.blob.size).toBe(1);
    // Lost, and said so: not "safe", not "it goes with the next sync".
    expect(photoState(kept)).toBe('lost');
    setLanguage('en', false);
    const [refused] = (await store.getObservation(observationId)).sync.rejected;
    expect(rejectedText(refused)).toContain('gone from the server');
    setLanguage('fr', false);
    expect(rejectedText(refused)).toContain('n’est plus sur le serveur');
    expect(rejectedText(refused)).not.toContain('prochaine synchro');
    // Lost is not refused: her camera says what happened, and what she can do.
    const record = await store.getObservation(observationId);
    const state = observationState(record);
    expect(state).toBe('lost');
    const words = stateWords(state, { photos: [kept], record });
    expect(words).toBe('photo en taille réelle perdue, petite copie gardée');
    expect(rejectedText(refused)).toContain('reprenez-la');
    expect(rejectedText(refused)).not.toContain('refusé par');
    setLanguage('en', false);
    expect(stateWords(state, { photos: [kept], record })).not.toMatch(/refused/);
    expect(rejectedText(refused)).toContain('take it again');
    setLanguage('fr', false);
  });
});
