// The sync round the page and the service worker share (sync/runner.js): a 401
// met by either leaves the phone in the same state, so the next load shows the
// same screen whichever of them met it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as store from '../../src/db/index.js';
import { syncNow } from '../../src/sync/runner.js';
import { logCamera } from '../helpers.js';

const refusing = (code) => async () =>
  new Response(JSON.stringify({ code, message: code }), {
    status: 401,
    headers: { 'Content-Type': 'application/json' },
  });

async function signedIn() {
  await store.setSession({ token: 't', member: { id: 4, pseudonym: 'mouette' }, group: { id: 1 } });
  await logCamera();
}

afterEach(() => vi.unstubAllGlobals());

describe('a sync round met by a 401', () => {
  it('remembers that she was removed, as the page does, when the worker ran it', async () => {
    await signedIn();
    vi.stubGlobal('fetch', refusing('member_removed'));
    // The service worker's call (sw.js): no waiting, no progress.
    await expect(syncNow({ wait: false, retry: { attempts: 1 } })).rejects.toMatchObject({
      status: 401,
    });
    const session = await store.getSession();
    expect(session.token).toBeNull();
    expect(session.removed).toBe(true);
    const proof = await store.proofKey(4);
    expect(proof).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.countOutbox()).toBe(1);
    // The page then meets the same 401 (app.js authLost): nothing changes.
    await store.tokenRefused({ status: 401, code: 'member_removed' });
    expect((await store.getSession()).removed).toBe(true);
    expect(await store.proofKey(4)).toBe(proof);
  });

  it('asks for a new log-in, not the removed screen, when only the session ended', async () => {
    await signedIn();
    vi.stubGlobal('fetch', refusing('unauthenticated'));
    await expect(syncNow({ wait: false, retry: { attempts: 1 } })).rejects.toMatchObject({
      status: 401,
    });
    const session = await store.getSession();
    expect(session.token).toBeNull();
    expect(session.removed).toBeUndefined();
    expect(await store.countOutbox()).toBe(1);
  });
});

// A shared phone: another member signs in while a run is on the wire (the
// worker's Background Sync goes on behind the page's sign-in).
describe('a sync round while another member signs in', () => {
  it('sends as the member it began for, and her 401 leaves the newcomer signed in', async () => {
    await store.setSession({
      token: 'tA',
      member: { id: 4, pseudonym: 'mouette' },
      group: { id: 1 },
    });
    await logCamera({ photos: ['a'.repeat(64)] });
    const seen = [];
    const json = (body, status = 200) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    vi.stubGlobal('fetch', async (url, init) => {
      seen.push([init.method, new Headers(init.headers).get('Authorization')]);
      if (seen.length === 1) {
        // Her camera is on its way when the next member signs in here.
        await store.setSession({
          token: 'tB',
          member: { id: 9, pseudonym: 'goéland' },
          group: { id: 1 },
        });
        const [create] = JSON.parse(init.body).changes;
        const result = { change_id: create.change_id, status: 'applied', version: 1 };
        return json({ results: [result], observations: [], cursor: 1, more: false });
      }
      if (init.method === 'PUT') {
        const sha256 = url.split('/').at(-1); // the receipt names the photo it took
        return json({ sha256, size: 1, state: 'received', failure: null }, 201);
      }
      return refusing('unauthenticated')();
    });
    await expect(syncNow({ wait: false, retry: { attempts: 1 } })).rejects.toMatchObject({
      status: 401,
    });
    // Her camera, its photo and the photo's change went with her token, never with the
    // newcomer's.
    expect(seen).toEqual([
      ['POST', 'Bearer tA'],
      ['PUT', 'Bearer tA'],
      ['POST', 'Bearer tA'],
    ]);
    // Her token was refused, not the newcomer's: his session stays.
    expect((await store.getSession()).token).toBe('tB');
  });
});
