// Retries with exponential backoff, for failures where trying again may help
// (no answer, timeout, 429, 5xx). Anything else is the caller's to handle.

export const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 60_000;

// Full jitter keeps a group of phones that lost the same café Wi-Fi from
// hammering the server in step when it comes back.
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A request with no answer while the phone says it is offline is not tried
// again: going offline mid-upload kept "Synchronisation…" on screen through
// seconds of retries that could not work. The `online` event starts the next run.
const phoneOffline = () => globalThis.navigator?.onLine === false;

export async function withRetry(
  fn,
  { attempts = 4, sleep = defaultSleep, random, onRetry, offline = phoneOffline } = {},
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const last = attempt + 1 >= attempts;
      if (!err || !err.retryable || last) throw err;
      if (err.status === 0 && offline()) throw err;
      const delay = backoffDelay(attempt, random);
      if (onRetry) onRetry(err, delay);
      await sleep(delay);
    }
  }
}
