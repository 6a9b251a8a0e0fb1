// A camera's badge on the map once a sync ended before its photo went up: the
// camera is on the server, only its photo waits (as the sync chip counts it).
import { afterEach, describe, expect, it } from 'vitest';
import * as store from '../../../src/db/index.js';
import { runSync } from '../../../src/sync/engine.js';
import { observationState, queuedStates } from '../../../src/model/state.js';
import { cameraName } from '../../../src/ui/map/names.js';
import { setLanguage } from '../../../src/i18n/index.js';
import { createFakeServer } from '../../fakeServer.js';
import { logCamera } from '../../helpers.js';

const noWait = { sleep: async () => {}, random: () => 0, attempts: 1 };

// The marker's name and state, as the map screen reads them (ui/map/screen.js).
async function marker(observationId, memberId = null) {
  const [outbox, photos] = await Promise.all([store.listOutbox(), store.listAllPhotos()]);
  const record = await store.getObservation(observationId);
  const state = observationState(record, queuedStates(outbox, photos, memberId));
  return { state, name: cameraName(record.fields, state) };
}

describe('the marker of a camera whose photo has not gone up', () => {
  afterEach(() => setLanguage('fr', false));

  it('says the camera is on the server and its photo waits', async () => {
    const server = createFakeServer();
    const { observationId } = await logCamera({ photos: ['a'.repeat(64)] });
    // The camera goes, then the link drops under its photo.
    const api = { ...server.api, putPhoto: () => Promise.reject({ status: 0, retryable: true }) };
    await expect(runSync({ api, groupId: 1, retry: noWait })).rejects.toBeTruthy();
    expect(server.observations.has(observationId)).toBe(true);

    const { state, name } = await marker(observationId);
    expect(state).toBe('photoPending');
    expect(name).toContain('sur le serveur, photo pas encore envoyée');
    expect(name).not.toContain('· pas encore envoyée');
    setLanguage('en', false);
    expect(cameraName({ kind: 'camera' }, state)).toBe(
      'Camera · on the server, photo not yet sent',
    );

    // Once it is up, safe.
    await runSync({ api: server.api, groupId: 1, retry: noWait });
    expect((await marker(observationId)).state).toBe('safe');
  });

  it('says not yet sent of a camera that has not gone itself', async () => {
    const { observationId } = await logCamera({ photos: ['a'.repeat(64)] });
    expect((await marker(observationId)).state).toBe('pending');
  });
});
