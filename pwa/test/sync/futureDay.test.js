// A camera refused for a survey day to come (`future_day`), with an edit of it
// queued behind its create: the server keeps neither refusal, and the phone
// keeps both changes until she corrects the day (docs/sync-protocol.md).
import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { runSync } from '../../src/sync/engine.js';
import { dropAside, editCamera, logNewCamera } from '../../src/sync/journal.js';
import { newFields } from '../../src/model/observation.js';
import { observationState, queuedStates } from '../../src/model/state.js';
import { waitingBehind } from '../../src/ui/sheets/observation.js';
import { setLanguage, tp } from '../../src/i18n/index.js';
import { createFakeServer } from '../fakeServer.js';

const noWait = { sleep: async () => {}, random: () => 0 };
const position = { lat: 43.2961, lon: 5.3812, accuracy_m: 6 };
const sync = (server) => runSync({ api: server.api, groupId: 1, retry: noWait });

// Offline: a camera on a day a year ahead (the phone's clock), then an edit of it.
async function cameraThenEdit() {
  const saved = await logNewCamera({
    walkId: 3,
    createdBy: 'mouette',
    fields: newFields({ position, surveyedOn: '2027-12-05' }),
  });
  const record = await store.getObservation(saved.id);
  await editCamera({ record, after: { ...record.fields, operator: 'Police municipale' } });
  return saved.id;
}

async function state(id) {
  const [outbox, photos] = await Promise.all([store.listOutbox(), store.listAllPhotos()]);
  return observationState(await store.getObservation(id), queuedStates(outbox, photos, null));
}

describe('an edit sent behind a create refused for its day', () => {
  it('stays on the phone behind its create, and goes once she corrects the day', async () => {
    const server = createFakeServer({ today: '2026-12-05' });
    const id = await cameraThenEdit();
    await sync(server);

    const queued = await store.listOutbox();
    expect(queued.map((c) => [c.op, c.aside ? c.aside.code : null])).toEqual([
      ['create', 'future_day'],
      ['update', null],
    ]);
    expect(server.observations.has(id)).toBe(false);
    expect(await state(id)).toBe('rejected');

    // Nothing moves until she corrects the day: the edit waits behind its create.
    await sync(server);
    expect((await store.listOutbox()).map((c) => c.op)).toEqual(['create', 'update']);

    const record = await store.getObservation(id);
    await editCamera({ record, after: { ...record.fields, surveyed_on: '2026-12-05' } });
    const summary = await sync(server);

    expect(await store.countOutbox()).toBe(0);
    expect(summary.rejected).toBe(0);
    const held = server.observations.get(id);
    expect(held.surveyed_on).toBe('2026-12-05');
    expect(held.operator).toBe('Police municipale');
    expect(await state(id)).toBe('safe');
  });

  it('goes with its create when she drops the camera refused for its day', async () => {
    const server = createFakeServer({ today: '2026-12-05' });
    const id = await cameraThenEdit();
    await sync(server);
    const [create] = await store.listOutbox();

    await dropAside({ record: await store.getObservation(id), changeId: create.change_id });
    expect(await store.countOutbox()).toBe(0);
    expect((await store.getObservation(id)).deleted).toBe(true);
  });
});

describe('the sheet of a camera refused for its day, with an edit behind it', () => {
  it.each([
    ['fr', /^1\u00a0changement plus récent .* abandonné avec lui\.$/],
    ['en', /^1 later change of this camera waits behind it: .* dropped with it\.$/],
  ])(
    'tells her in %s that the edit goes once she fixes it, or goes with a Drop',
    async (lang, words) => {
      setLanguage(lang, false);
      await cameraThenEdit();
      await sync(createFakeServer({ today: '2026-12-05' }));
      const behind = waitingBehind(await store.listOutbox());
      expect(behind).toBe(1);
      expect(tp('aside.behind', behind)).toMatch(words);
      setLanguage('fr', false);
    },
  );
});

describe('an edit refused as of a camera the server never saw, with no create queued', () => {
  it('is set aside with why, not dropped', async () => {
    const server = createFakeServer();
    const id = await cameraThenEdit();
    // Its create gone from the outbox by a way the phone no longer offers.
    const [create] = await store.listOutbox();
    const tx = (await store.db()).transaction('outbox', 'readwrite');
    await tx.store.delete(create.seq);
    await tx.done;

    await sync(server);
    const [update] = await store.listOutbox();
    expect(update.op).toBe('update');
    expect(update.aside).toMatchObject({ code: 'unknown_observation' });
    expect(await state(id)).toBe('rejected');
  });
});
