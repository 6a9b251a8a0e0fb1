import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { ApiError } from '../../src/api/client.js';
import { waitingForNetwork } from '../../src/sync/scheduler.js';
import { createFakeServer } from '../fakeServer.js';
import { logCamera } from '../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const sha = (c) => c.repeat(64);

// Every progress report of one sync run, as the sync bar receives them.
async function progressOf(server) {
  const reports = [];
  await runSync({
    api: server.api,
    groupId: 1,
    retry: noWait,
    onProgress: (p) => reports.push({ ...p }),
  });
  return reports;
}

describe('a sync run', () => {
  it('sends three cameras with photos exactly once and empties the outbox', async () => {
    const server = createFakeServer();
    for (const c of ['a', 'b', 'c']) await logCamera({ photos: [sha(c)] });
    const summary = await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(summary.sent).toBe(6);
    expect(server.observations.size).toBe(3);
    expect([...server.observations.values()].every((o) => o.photos.length === 1)).toBe(true);
    expect(await store.countOutbox()).toBe(0);
    expect(await store.listPhotosToUpload()).toEqual([]);
    expect(await store.getCursor(1)).toBe(6);
  });

  it('uploads photo bytes before the attach_photo change', async () => {
    const server = createFakeServer();
    await logCamera({ photos: [sha('d')] });
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    const [obs] = server.observations.values();
    expect(obs.photos).toEqual([{ sha256: sha('d'), role: 'close_up' }]);
  });

  it('retries a 503 and a timeout, then succeeds', async () => {
    const server = createFakeServer();
    await logCamera();
    server.failures.push({ on: 'sync', status: 503 }, { on: 'sync', status: 0 });
    const delays = [];
    await runSync({
      api: server.api,
      groupId: 1,
      retry: { ...noWait, onRetry: (err, ms) => delays.push(ms) },
    });
    expect(delays.length).toBe(2);
    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(server.observations.size).toBe(1);
  });

  it('keeps the outbox when every attempt fails', async () => {
    const server = createFakeServer();
    await logCamera();
    for (let i = 0; i < 4; i++) server.failures.push({ on: 'sync', status: 502 });
    await expect(runSync({ api: server.api, groupId: 1, retry: noWait })).rejects.toMatchObject({
      status: 502,
    });
    expect(await store.countOutbox()).toBe(1);
  });

  it('does not retry a 401 and keeps local data for after the re-login', async () => {
    const server = createFakeServer();
    await logCamera();
    server.failures.push({ on: 'sync', status: 401 });
    await expect(runSync({ api: server.api, groupId: 1, retry: noWait })).rejects.toMatchObject({
      status: 401,
    });
    expect(server.log.syncCalls).toBe(1);
    expect(await store.countOutbox()).toBe(1);
  });

  it('finishes a sync cut after the server applied it, with no duplicate', async () => {
    const server = createFakeServer();
    for (const c of ['e', 'f']) await logCamera({ photos: [sha(c)] });
    server.failures.push({ on: 'sync', afterApply: true });
    await expect(
      runSync({ api: server.api, groupId: 1, retry: { ...noWait, attempts: 1 } }),
    ).rejects.toMatchObject({ code: 'network' });
    expect(await store.countOutbox()).toBe(4); // nothing acknowledged, nothing dropped
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(await store.countOutbox()).toBe(0);
    expect(server.observations.size).toBe(2);
    expect(server.log.applied).toBe(4);
    const obs = [...server.observations.values()];
    expect(obs.every((o) => o.photos.length === 1)).toBe(true);
  });

  it('sends the cameras when their photos cannot go up, and keeps the photos for later', async () => {
    // The link drops as soon as the photos start: three cameras logged offline, each with
    // a photo, must not all stay on the phone for want of megabytes.
    const server = createFakeServer();
    for (const c of ['g', 'h', 'i']) await logCamera({ photos: [sha(c)] });
    for (let i = 0; i < 4; i++) server.failures.push({ on: 'photo', status: 0 });
    await expect(runSync({ api: server.api, groupId: 1, retry: noWait })).rejects.toBeTruthy();
    expect(server.observations.size).toBe(3);
    expect([...server.observations.values()].every((o) => o.photos.length === 0)).toBe(true);
    // Each attach_photo waits, with its bytes, for the next run.
    const left = await store.listOutbox();
    expect(left.map((c) => c.op)).toEqual(['attach_photo', 'attach_photo', 'attach_photo']);
    expect(await store.listPhotosToUpload()).toHaveLength(3);
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect([...server.observations.values()].every((o) => o.photos.length === 1)).toBe(true);
    expect(await store.countOutbox()).toBe(0);
  });

  it('pulls page after page, each as large as the protocol allows, until the server has no more', async () => {
    const server = createFakeServer();
    for (let i = 0; i < 2500; i++) {
      const position = { lat: 43.29 + i * 1e-5, lon: 5.38, accuracy_m: 5 };
      const fields = { position, kind: 'camera', surveyed_on: '2026-11-21' };
      server.edit({
        change_id: `c${i}`,
        observation_id: `o${i}`,
        op: 'create',
        walk_id: 3,
        fields,
      });
    }
    const summary = await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(summary.pulled).toBe(2500);
    // A phone joining a large group: each request is a round trip over a
    // street's 3G, 3 of them here and not 13.
    expect(server.log.syncCalls).toBe(3);
    expect(await store.listObservations(3)).toHaveLength(2500);
    expect(await store.getCursor(1)).toBe(2500);
  });

  it('reports progress in changes, photos and bytes', async () => {
    const server = createFakeServer();
    await logCamera({ photos: [sha('h'), sha('i')] });
    let last;
    await runSync({
      api: server.api,
      groupId: 1,
      retry: noWait,
      onProgress: (p) => (last = { ...p }),
    });
    expect(last.changesDone).toBe(3);
    expect(last.changesTotal).toBe(3);
    expect(last.photosDone).toBe(2);
    expect(last.bytesDone).toBe(18);
  });

  it('counts cameras as the walker does: one camera with its photos is one', async () => {
    const server = createFakeServer();
    for (const c of ['l', 'm', 'n', 'o']) await logCamera({ photos: [sha(c)] });
    const reports = await progressOf(server);
    expect(reports[0]).toMatchObject({ camerasTotal: 4, camerasDone: 0, changesTotal: 8 });
    expect(reports.at(-1)).toMatchObject({ camerasTotal: 4, camerasDone: 4 });
  });

  it('counts as sent the cameras on the server whose photos are still to go', async () => {
    const server = createFakeServer();
    for (const c of ['r', 's']) await logCamera({ photos: [sha(c)] });
    for (let i = 0; i < 4; i++) server.failures.push({ on: 'photo', status: 0 });
    const reports = [];
    await expect(
      runSync({
        api: server.api,
        groupId: 1,
        retry: noWait,
        onProgress: (p) => reports.push({ ...p }),
      }),
    ).rejects.toBeTruthy();
    expect(server.observations.size).toBe(2);
    expect(reports.at(-1)).toMatchObject({ camerasTotal: 2, camerasDone: 2, photosDone: 0 });
  });

  it("tells the bar once of the server's answer to a round", async () => {
    const server = createFakeServer();
    await logCamera();
    const reports = await progressOf(server);
    // The report before the request names the camera being sent; what follows is the answer.
    const sent = reports.findIndex((p) => p.sendingObservations.size > 0);
    const after = reports.slice(sent + 1);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ changesDone: 1, changesTotal: 1, camerasDone: 1 });
    expect(after[0].sendingObservations.size).toBe(0);
  });

  it('opens a run with one report, not a second one saying the same', async () => {
    const server = createFakeServer();
    await logCamera();
    const reports = await progressOf(server);
    // Opening, the camera going out, the answer: a copy of the opening would only redraw the bar.
    expect(reports).toHaveLength(3);
    expect(reports[0]).toMatchObject({ camerasTotal: 1, changesTotal: 1 });
    expect(reports[1].sendingObservations.size).toBe(1);
  });

  it('reports a photo logged during the run once it is counted', async () => {
    const server = createFakeServer();
    await logCamera();
    // Logged while the first camera goes: the next round counts its photo.
    const sync = server.api.sync;
    let logged = false;
    server.api.sync = async (...args) => {
      if (!logged) await logCamera({ photos: [sha('q')] });
      logged = true;
      return sync(...args);
    };
    const reports = await progressOf(server);
    const counted = reports.findIndex((p) => p.photosTotal === 1);
    expect(counted).toBeGreaterThan(0);
    expect(reports[counted]).toMatchObject({ photosDone: 0, bytesTotal: 9 });
    expect(reports.at(-1)).toMatchObject({ photosDone: 1, camerasDone: 2 });
  });

  it('counts the photos waiting from its first report, and each photo once', async () => {
    const server = createFakeServer();
    await logCamera({ photos: [sha('j')] });
    await logCamera({ photos: [sha('k')] });
    const reports = await progressOf(server);
    expect(reports[0]).toMatchObject({ changesTotal: 4, photosTotal: 2, bytesTotal: 18 });
    expect(reports.every((p) => p.photosTotal === 2)).toBe(true);
    expect(reports.at(-1)).toMatchObject({ photosDone: 2, changesDone: 4 });
  });

  it('shows a conflict the server returned with the value the walker sent', async () => {
    const server = createFakeServer();
    const { observationId, create } = await logCamera();
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    // Someone else sets the operator first.
    server.edit({
      change_id: 'other-phone',
      observation_id: observationId,
      op: 'update',
      fields: { operator: { old: null, new: 'Police municipale' } },
    });
    const record = await store.getObservation(observationId);
    const mine = {
      change_id: 'mine',
      observation_id: observationId,
      op: 'update',
      base_version: record.version,
      made_at: create.made_at,
      fields: { operator: { old: null, new: 'Mairie' } },
    };
    server.observations.get(observationId).operator = 'Police municipale';
    await store.recordChanges({ observation: record, changes: [mine] });
    const summary = await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect(summary.conflicts).toBe(1);
    const saved = await store.getObservation(observationId);
    expect(saved.sync.conflicts[0].fields.operator.mine).toBe('Mairie');
    expect(saved.server.operator).toBe('Police municipale');
  });
});

describe('a run on a link that carries nothing', () => {
  // A captive portal or a dead link: the phone says online, no answer comes.
  const noAnswer = () => Promise.reject(new ApiError({ status: 0, code: 'network' }));

  it('tells its progress so while it tries again, and again once the server answers', async () => {
    const server = createFakeServer();
    await logCamera();
    let tries = 0;
    const api = {
      ...server.api,
      sync: (...args) => (++tries <= 2 ? noAnswer() : server.api.sync(...args)),
    };
    const seen = [];
    await runSync({
      api,
      groupId: 1,
      retry: { ...noWait, offline: () => false },
      onProgress: (p) => seen.push(p.connected),
    });
    expect(seen[0]).toBe(null);
    expect(seen).toContain(false);
    expect(seen.at(-1)).toBe(true);
    expect(seen.indexOf(true)).toBeGreaterThan(seen.indexOf(false));
  });

  it('is not "sending" anything while nothing answers', async () => {
    await logCamera();
    const seen = [];
    await expect(
      runSync({
        api: { ...createFakeServer().api, sync: noAnswer },
        groupId: 1,
        retry: { ...noWait, offline: () => false },
        onProgress: (p) => seen.push({ connected: p.connected, running: true, error: null }),
      }),
    ).rejects.toMatchObject({ status: 0 });
    const last = seen.at(-1);
    expect(waitingForNetwork({ running: true, progress: last }, false)).toBe(true);
  });
});
