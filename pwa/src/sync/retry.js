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

export async function withRetry(fn, { attempts = 4, sleep = defaultSleep, random, onRetry } = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const last = attempt + 1 >= attempts;
      if (!err || !err.retryable || last) throw err;
      const delay = backoffDelay(attempt, random);
      if (onRetry) onRetry(err, delay);
      await sleep(delay);
    }
  }
}
