// One sync for the signed-in walker, shared by the page and the service
// worker (Background Sync). A Web Lock keeps the two from sending the same
// outbox at once; idempotent change_ids would make that harmless, but it
// would waste a weak link.
import { createApiClient } from '../api/client.js';
import { forgetToken, getSession } from '../db/index.js';
import { runSync } from './engine.js';

export const OUTBOX_SYNC_TAG = 'camwalk-outbox';
const LOCK = 'camwalk-sync';

export class NotSignedIn extends Error {}

function withLock(fn) {
  const locks = globalThis.navigator && navigator.locks;
  if (!locks) return fn();
  // ifAvailable: if another context is syncing, this one simply skips.
  return locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? fn() : { skipped: true }));
}

export async function syncNow({ onProgress, retry } = {}) {
  const session = await getSession();
  if (!session || !session.token) throw new NotSignedIn();
  const api = createApiClient({ getToken: async () => (await getSession())?.token });
  return withLock(async () => {
    try {
      return await runSync({ api, groupId: session.group.id, onProgress, retry });
    } catch (err) {
      // The token is gone or revoked: keep every record, ask for a new login.
      if (err && err.status === 401) await forgetToken();
      throw err;
    }
  });
}
