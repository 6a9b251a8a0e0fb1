// A photo whose file the server lost before making its copies (its receipt:
// `failed`, `photo_file_missing`): the phone that still holds its bytes sends
// them again rather than freeing them; one that freed them says the photo is
// lost (docs/sync-protocol.md, Photo upload).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as store from '../../src/db/index.js';
import { PHOTO_BYTES_KEPT_DAYS } from '../../src/photos/freeing.js';
import { runSync } from '../../src/sync/engine.js';
import { observationState, photoState } from '../../src/model/state.js';
import { rejectedText } from '../../src/ui/sheets/observation.js';
import { setLanguage } from '../../src/i18n/index.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const SHA = 'a'.repeat(64);
const small = async () => new Blob(['s'], { type: 'image/jpeg' });
const DAY_MS = 24 * 3600 * 1000;
const FILE_MISSING = { state: 'failed', failure: { code: 'photo_file_missing', message: '' } };

// The phone's clock `days` later (only Date: IndexedDB's timers run as usual).
function later(days) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + days * DAY_MS);
}
afterEach(() => {
  vi.useRealTimers();
  setLanguage('fr', false);
});

const sync = (server) => runSync({ api: server.api, groupId: 1, retry: noWait, makeSmall: small });

async function sentAWeekAgo(server) {
  const { observationId } = await logCamera({ photos: [SHA] });
  await sync(server);
  later(PHOTO_BYTES_KEPT_DAYS);
  return observationId;
}

describe('a photo held for a week whose file the server lost before preparing it', () => {
  it('goes up again with the same bytes instead of giving back its room', async () => {
    const server = createFakeServer();
    const observationId = await sentAWeekAgo(server);
    server.photoStates.set(SHA, FILE_MISSING);
    const puts = server.log.photoPuts;

    await sync(server);
    const [photo] = await store.listPhotos(observationId);
    expect(server.log.photoPuts).toBe(puts + 1);
    expect(photo.freed).toBeUndefined();
    expect(photo.blob.size).toBe('jpegbytes'.length);
    expect(photo.uploaded).toBe(true);
    // Its week counts from the bytes taken again.
    expect(Date.parse(photo.uploaded_at)).toBe(Date.now());
    expect(photoState(photo)).toBe('safe');

    later(PHOTO_BYTES_KEPT_DAYS);
    await sync(server);
    expect((await store.listPhotos(observationId))[0].freed).toBeTruthy();
  });

  it.each([
    ['while still being prepared', (server) => server.photoStates.set(SHA, { state: 'received' })],
    ['when its receipt does not come', (server) => server.failures.push({ on: 'receipt' })],
  ])('stays whole %s', async (why, arrange) => {
    const server = createFakeServer();
    const observationId = await sentAWeekAgo(server);
    arrange(server);
    await sync(server);
    const [photo] = await store.listPhotos(observationId);
    expect(photo.freed).toBeUndefined();
    expect(photo.blob.size).toBe('jpegbytes'.length);
  });

  it('gives back its room once the server prepared it, or could never from its bytes', async () => {
    const server = createFakeServer();
    const observationId = await sentAWeekAgo(server);
    server.photoStates.set(SHA, { state: 'failed', failure: { code: 'unreadable_photo' } });
    await sync(server);
    expect((await store.listPhotos(observationId))[0].freed).toBeTruthy();
  });
});

describe('a photo freed before the phone read receipts, whose file the server lost', () => {
  // As a version that freed it without asking: freed, its receipt never read.
  async function freedUnread(server) {
    const observationId = await sentAWeekAgo(server);
    await sync(server);
    const [photo] = await store.listPhotos(observationId);
    expect(photo.freed).toBeTruthy();
    const { receipt_read, ...unread } = photo;
    const handle = await store.db();
    await handle.put('photos', unread);
    // Nor did it note that no freed photo's receipt was left to read.
    await handle.delete('meta', 'freed_receipts_read');
    return observationId;
  }

  it.each([
    ['fr', /perdu la photo en taille réelle avant de la préparer/],
    ['en', /lost the full-size photo before preparing it/],
  ])('is said lost, not refused, in %s', async (lang, words) => {
    setLanguage(lang, false);
    const server = createFakeServer();
    const observationId = await freedUnread(server);
    server.photoStates.set(SHA, FILE_MISSING);
    await sync(server);

    const [photo] = await store.listPhotos(observationId);
    expect(photoState(photo)).toBe('lost');
    const record = await store.getObservation(observationId);
    expect(observationState(record)).toBe('lost');
    expect(rejectedText(record.sync.rejected[0])).toMatch(words);
  });

  it('is asked about once, and left as it is when the server kept it', async () => {
    const server = createFakeServer();
    const observationId = await freedUnread(server);
    await sync(server);
    const reads = server.log.receiptReads;
    await sync(server);
    expect(server.log.receiptReads).toBe(reads);
    const [photo] = await store.listPhotos(observationId);
    expect(photoState(photo)).toBe('safe');
    expect(observationState(await store.getObservation(observationId))).toBe('safe');
  });
});
