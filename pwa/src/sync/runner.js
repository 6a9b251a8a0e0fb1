// One sync for the signed-in walker, shared by the page and the service
// worker (Background Sync). A Web Lock keeps the two from sending the same
// outbox at once; idempotent change_ids would make that harmless, but it
// would waste a weak link.
import { createApiClient } from '../api/client.js';
import { getSession, tokenRefused } from '../db/index.js';
import { runSync } from './engine.js';

export const OUTBOX_SYNC_TAG = 'camwalk-outbox';
const LOCK = 'camwalk-sync';

export class NotSignedIn extends Error {}

// The page waits for a run the worker started (then syncs what is left and
// redraws from fresh data); the worker skips when the page is already at it.
function withLock(fn, wait) {
  const locks = globalThis.navigator && navigator.locks;
  if (!locks) return fn();
  const options = wait ? {} : { ifAvailable: true };
  return locks.request(LOCK, options, (lock) => (lock ? fn() : { skipped: true }));
}

export async function syncNow({ onProgress, retry, wait = true } = {}) {
  const session = await getSession();
  if (!session || !session.token) throw new NotSignedIn();
  // The run sends as the member it began for, with her token: on a shared
  // phone another member may sign in while it is on the wire (the worker's
  // Background Sync goes on behind the page), and her queued work must not
  // go under his name, nor her refused token end his session.
  const api = createApiClient({ getToken: async () => session.token });
  return withLock(async () => {
    try {
      return await runSync({
        api,
        groupId: session.group.id,
        memberId: session.member && session.member.id,
        onProgress,
        retry,
        pseudonym: session.member && session.member.pseudonym,
      });
    } catch (err) {
      // The token is gone or revoked: keep every record; the next load asks for
      // a new login, or says she was removed.
      if (err && err.status === 401) await tokenRefused(err, session.token);
      throw err;
    }
  }, wait);
}
