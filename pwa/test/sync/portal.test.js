// A network that lies: a captive portal (hotel or station Wi-Fi) or a proxy
// answering the app's requests with its own HTML page and a 400 or 422. The
// real API client talks through it to the fake server; only the server's own
// refusals may set work aside.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { createApiClient, noConnection, unreadableAnswer } from '../../src/api/client.js';
import { createScheduler, waitingForNetwork } from '../../src/sync/scheduler.js';
import { failedWords } from '../../src/ui/status/syncbar.js';
import { setLanguage } from '../../src/i18n/index.js';
import { PHOTO_BYTES_KEPT_DAYS } from '../../src/photos/freeing.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0, offline: () => false };
const sha = (c) => c.repeat(64);

const json = (status, body) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const portalPage = (status) =>
  new Response('<html><body><form>Accepter les conditions</form></body></html>', {
    status,
    headers: { 'Content-Type': 'text/html' },
  });

// The fake server behind HTTP, as the API client sees it: its answers as JSON,
// its ApiErrors as camwalk's error body with their status.
async function serverAnswer(server, url, init) {
  const path = url.replace('/api/v1', '');
  const photo = /^\/photos\/([0-9a-f]{64})$/.exec(path);
  try {
    if (/^\/groups\/\d+\/sync$/.test(path))
      return json(200, await server.api.sync(1, JSON.parse(init.body)));
    if (photo && init.method === 'PUT')
      return json(201, await server.api.putPhoto(photo[1], init.body));
    if (photo) return json(200, await server.api.photoReceipt(photo[1]));
  } catch (err) {
    return json(err.status, { code: err.code, message: err.message || err.code });
  }
  return json(404, { code: 'not_found', message: 'No such resource.' });
}

// `portal(url, init)`: the page it answers instead of the server, or null to let it through.
function clientThrough(server, portal = () => null) {
  const seen = [];
  const fetchImpl = async (url, init) => {
    const page = portal(url, init);
    seen.push({ url, method: init.method, portal: Boolean(page) });
    return page || serverAnswer(server, url, init);
  };
  return { api: createApiClient({ fetchImpl, getToken: async () => 'tok' }), seen };
}

// The first `n` requests to `part` of the URL get the portal's page.
function firstAnswered(n, part, status) {
  let left = n;
  return (url) => (url.includes(part) && left-- > 0 ? portalPage(status) : null);
}

async function nothingAside() {
  const aside = (await store.listOutbox()).filter((c) => c.aside);
  const photosAside = (await store.listAllPhotos()).filter((p) => p.aside);
  return aside.length === 0 && photosAside.length === 0;
}

describe('a captive portal in front of the server', () => {
  it.each([400, 422])(
    'answering a sync with an HTML %i sets nothing aside: the change goes once the server is reached',
    async (status) => {
      const server = createFakeServer();
      await logCamera();
      const { api, seen } = clientThrough(server, firstAnswered(2, '/sync', status));
      const summary = await runSync({ api, groupId: 1, retry: noWait });
      expect(seen.filter((r) => r.portal)).toHaveLength(2);
      expect(summary.aside).toBe(0);
      expect(await nothingAside()).toBe(true);
      expect(server.observations.size).toBe(1);
      expect(await store.countOutbox()).toBe(0);
    },
  );

  it.each([400, 422])(
    'answering a photo upload with an HTML %i sets nothing aside: the photo goes once the server is reached',
    async (status) => {
      const server = createFakeServer();
      await logCamera({ photos: [sha('e')] });
      const { api, seen } = clientThrough(server, firstAnswered(2, '/photos/', status));
      const summary = await runSync({ api, groupId: 1, retry: noWait });
      expect(seen.filter((r) => r.portal && r.method === 'PUT')).toHaveLength(2);
      expect(summary.aside).toBe(0);
      expect(await nothingAside()).toBe(true);
      const [camera] = server.observations.values();
      expect(camera.photos.map((p) => p.sha256)).toEqual([sha('e')]);
      expect(await store.countOutbox()).toBe(0);
      expect(await store.listPhotosToUpload()).toEqual([]);
    },
  );

  it('answering everything keeps all her work queued and says she waits for the network', async () => {
    const server = createFakeServer();
    await logCamera({ photos: [sha('f')] });
    await logCamera();
    const before = await store.listOutbox();
    const { api } = clientThrough(server, () => portalPage(422));
    const reports = [];
    const err = await runSync({
      api,
      groupId: 1,
      retry: noWait,
      onProgress: (p) => reports.push({ ...p }),
    }).catch((e) => e);
    expect(noConnection(err)).toBe(true);
    expect(err.retryable).toBe(true);
    expect(waitingForNetwork({ running: false, error: err }, false)).toBe(true);
    expect(reports.at(-1).connected).toBe(false);
    expect(await store.listOutbox()).toEqual(before);
    expect(await nothingAside()).toBe(true);
    expect(server.observations.size).toBe(0);
  });

  it('answering a photo upload with a 200 that is not its receipt does not count the photo as sent', async () => {
    // A relay that swallows the bytes and says "ok": the phone must not free a photo
    // on a receipt that names no photo of hers.
    const server = createFakeServer();
    await logCamera({ photos: [sha('d')] });
    let left = 2;
    const { api } = clientThrough(server, (url, init) =>
      url.includes('/photos/') && init.method === 'PUT' && left-- > 0
        ? json(200, { status: 'ok' })
        : null,
    );
    const summary = await runSync({ api, groupId: 1, retry: noWait });
    expect(left).toBeLessThan(0); // both false receipts were met, and the photo went after
    expect(summary.aside).toBe(0);
    expect(await nothingAside()).toBe(true);
    expect(server.photos.has(sha('d'))).toBe(true);
    const [camera] = server.observations.values();
    expect(camera.photos.map((p) => p.sha256)).toEqual([sha('d')]);
  });

  it('answering every photo upload with a false receipt keeps the photo waiting, never sent', async () => {
    const server = createFakeServer();
    await logCamera({ photos: [sha('c')] });
    const { api } = clientThrough(server, (url, init) =>
      url.includes('/photos/') && init.method === 'PUT' ? json(201, {}) : null,
    );
    const err = await runSync({ api, groupId: 1, retry: noWait }).catch((e) => e);
    expect(unreadableAnswer(err)).toBe(true);
    const [photo] = await store.listAllPhotos();
    expect(photo.uploaded_at ?? null).toBeNull();
    expect((await store.listPhotosToUpload()).map((p) => p.sha256)).toEqual([sha('c')]);
    expect(await nothingAside()).toBe(true);
  });

  it('answering one photo with a false receipt every time holds none of the photos behind it', async () => {
    const server = createFakeServer();
    const [first, second] = [sha('b'), sha('9')];
    await logCamera({ photos: [first] });
    await logCamera({ photos: [second] });
    const api = {
      ...server.api,
      putPhoto: (hash, blob) =>
        hash === first ? Promise.resolve({ status: 'ok' }) : server.api.putPhoto(hash, blob),
    };
    const err = await runSync({ api, groupId: 1, retry: noWait }).catch((e) => e);
    expect(unreadableAnswer(err)).toBe(true); // the run says one photo is still to go
    expect(server.photos.has(second)).toBe(true);
    expect(server.photos.has(first)).toBe(false);
    // The second camera's photo is attached on the server in the same run.
    const attached = [...server.observations.values()].flatMap((o) =>
      o.photos.map((p) => p.sha256),
    );
    expect(attached).toEqual([second]);
    expect((await store.listPhotosToUpload()).map((p) => p.sha256)).toEqual([first]);
    expect(await nothingAside()).toBe(true);
  });

  it("still sets aside what the server itself refuses for good, with the server's reason", async () => {
    const server = createFakeServer();
    server.refuses.photo = () => true; // 415 unsupported_photo_type, as camwalk answers
    await logCamera({ photos: [sha('a')] });
    const { api } = clientThrough(server);
    const summary = await runSync({ api, groupId: 1, retry: noWait });
    expect(summary.aside).toBe(1);
    const [photo] = await store.listAllPhotos();
    expect(photo.aside.code).toBe('unsupported_photo_type');
  });
});

describe('a sync answer the app cannot read', () => {
  // The server is there and answers 200, with something that is not a sync answer.
  async function unreadableRun() {
    const server = createFakeServer();
    await logCamera();
    const api = { ...server.api, sync: async () => ({ cursor: 4 }) };
    const reports = [];
    const err = await runSync({
      api,
      groupId: 1,
      retry: noWait,
      onProgress: (p) => reports.push({ ...p }),
    }).catch((e) => e);
    return { err, reports };
  }

  it('keeps her work queued, and is tried again', async () => {
    const { err } = await unreadableRun();
    expect(unreadableAnswer(err)).toBe(true);
    expect(err.retryable).toBe(true);
    expect(await store.countOutbox()).toBe(1);
    expect(await nothingAside()).toBe(true);

    const timers = { setTimeout: () => 1, clearTimeout: () => {} };
    const scheduler = createScheduler({
      syncNow: () => Promise.reject(err),
      isOnline: () => true,
      timers,
    });
    await scheduler.request('manual');
    expect(scheduler.state().retryAt).not.toBeNull();
  });

  it('does not tell a walker with signal that she is offline', async () => {
    const server = createFakeServer();
    await logCamera();
    const api = { ...server.api, sync: async () => ({ cursor: 4 }) };
    const states = [];
    const scheduler = createScheduler({
      syncNow: ({ onProgress }) => runSync({ api, groupId: 1, retry: noWait, onProgress }),
      onState: (s) => states.push(s),
      isOnline: () => true,
      timers: { setTimeout: () => 1, clearTimeout: () => {} },
    });
    await scheduler.request('manual');
    const last = states.at(-1);
    expect(unreadableAnswer(last.error)).toBe(true);
    expect(states.filter((s) => waitingForNetwork(s, false))).toEqual([]);
  });

  it('says the server answered something the app cannot read, in French and English', async () => {
    const { err } = await unreadableRun();
    const now = 1_000_000;
    setLanguage('fr', false);
    expect(failedWords(err, now + 8000, now)).toBe(
      'Le serveur a répondu, mais d’une façon que l’application ne sait pas lire. Vos relevés restent sur ce téléphone\u00a0; nouvel essai dans 8 s.',
    );
    setLanguage('en', false);
    expect(failedWords(err, now + 8000, now)).toBe(
      'The server answered, but not in a way this app can read. Your records stay on this phone; trying again in 8 s.',
    );
    expect(failedWords(err, null, now)).toBe(
      'The server answered, but not in a way this app can read. Your records stay on this phone and go with a later sync.',
    );
    setLanguage('fr', false);
  });
});

describe('a receipt read before a photo gives back its room', () => {
  const DAY_MS = 24 * 3600 * 1000;
  const small = async () => new Blob(['s'], { type: 'image/jpeg' });
  afterEach(() => vi.useRealTimers());

  it('frees nothing on an answer that is not the photo receipt', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera({ photos: [sha('a')] });
    await runSync({ api: server.api, groupId: 1, retry: noWait, makeSmall: small });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + PHOTO_BYTES_KEPT_DAYS * DAY_MS);
    const api = { ...server.api, photoReceipt: async () => ({ status: 'ok' }) };
    await runSync({ api, groupId: 1, retry: noWait, makeSmall: small });
    const [kept] = await store.listPhotos(observationId);
    expect(kept.freed).toBeFalsy();
    expect(kept.blob.size).toBeGreaterThan(1);
    // The server's own receipt frees it.
    await runSync({ api: server.api, groupId: 1, retry: noWait, makeSmall: small });
    const [freed] = await store.listPhotos(observationId);
    expect(freed.freed).toBeTruthy();
  });
});
