// Decides when the page syncs: when the app opens, when the network comes
// back, when the walker taps the button, shortly after she saves, and again
// with a growing delay after a failure. Several triggers at once coalesce
// into one run plus, if needed, one more.
import { backoffDelay } from './retry.js';
import { noConnection } from '../api/client.js';

const AFTER_SAVE_DELAY_MS = 2000;
const MIN_RETRY_MS = 5000;
const MAX_RETRY_MS = 5 * 60_000;
// What a sync tapped offline ends with, as a request with no answer would.
const OFFLINE = Object.freeze({ status: 0, code: 'offline', retryable: false });

// Whether the walker is told she is offline, whatever the phone says of its
// network: a captive portal or a dead link leave `navigator.onLine` true while
// nothing reaches the server. So: the phone says offline; or the last run got
// no answer and this one has not had one yet (a run retrying quietly is not
// "Synchronisation…" for the half-minute its request takes to time out); or
// this run's requests go unanswered and are being tried again
// (sync/engine.js `connected`).
export function waitingForNetwork(state, phoneOffline = globalThis.navigator?.onLine === false) {
  if (phoneOffline) return true;
  if (!state) return false;
  if (!state.running) return noConnection(state.error);
  const connected = state.progress ? state.progress.connected : null;
  return connected === false || (connected == null && noConnection(state.error));
}

export function createScheduler({
  syncNow,
  onState,
  onAuthRequired,
  isOnline,
  timers = globalThis,
}) {
  const state = { running: false, progress: null, error: null, retryAt: null, summary: null };
  let again = false;
  let failures = 0;
  let retryTimer = null;
  let soonTimer = null;
  const emit = () => onState && onState({ ...state });
  const online = isOnline || (() => navigator.onLine !== false);

  function scheduleRetry() {
    failures += 1;
    const delay = Math.max(MIN_RETRY_MS, Math.min(MAX_RETRY_MS, backoffDelay(failures + 2)));
    state.retryAt = Date.now() + delay;
    timers.clearTimeout(retryTimer);
    retryTimer = timers.setTimeout(() => request('retry'), delay);
  }

  // quiet: tapped while the phone says it is offline (request). The chip keeps
  // saying "offline" while the attempt goes, and a failed one is not retried.
  async function run({ quiet = false } = {}) {
    state.running = true;
    if (!quiet) {
      // No answer last time: still so until this run has one (waitingForNetwork).
      if (!noConnection(state.error)) state.error = null;
      state.progress = null;
      emit();
    }
    try {
      state.summary = await syncNow({
        onProgress: (p) => {
          state.progress = p;
          if (!quiet) emit();
        },
      });
      state.error = null;
      failures = 0;
      state.retryAt = null;
    } catch (err) {
      state.error = quiet && err && err.status === 0 ? OFFLINE : err;
      if (err && err.status === 401) onAuthRequired && onAuthRequired(err);
      else if (err && err.retryable && !quiet) scheduleRetry();
    } finally {
      state.running = false;
      emit();
    }
    if (again) {
      again = false;
      await run();
    }
  }

  // Tapped while the phone says it is offline: she is told so at once. A run
  // showed "Synchronisation…" and "0/0 caméra" for seconds while its request
  // waited to fail. The tap still makes one quiet attempt: `navigator.onLine`
  // can say offline on a network that works, and her tap is her only way out.
  // The `online` event starts the next run.
  function sayOffline() {
    state.error = OFFLINE;
    state.retryAt = null;
    emit();
  }

  // reason: 'open' | 'online' | 'manual' | 'saved' | 'retry' | 'visible'
  function request(reason) {
    if (!online()) {
      if (reason !== 'manual' || state.running) return Promise.resolve();
      sayOffline();
      return run({ quiet: true });
    }
    if (state.running) {
      again = true;
      return Promise.resolve();
    }
    return run();
  }

  function soon() {
    timers.clearTimeout(soonTimer);
    soonTimer = timers.setTimeout(() => request('saved'), AFTER_SAVE_DELAY_MS);
  }

  return { request, soon, state: () => ({ ...state }) };
}
