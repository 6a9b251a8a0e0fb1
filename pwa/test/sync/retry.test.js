// Going offline mid-upload: no seconds of retries that cannot work.
import { describe, expect, it } from 'vitest';
import { withRetry } from '../../src/sync/retry.js';
import { ApiError } from '../../src/api/client.js';

const noAnswer = () => new ApiError({ status: 0, code: 'network' });

async function attemptsWith({ offline, err = noAnswer }) {
  let calls = 0;
  const sleeps = [];
  await withRetry(
    async () => {
      calls += 1;
      throw err();
    },
    { sleep: async (ms) => sleeps.push(ms), random: () => 0, offline: () => offline },
  ).catch(() => {});
  return { calls, sleeps };
}

describe('retrying a request', () => {
  it('gives up at once on no answer while the phone says it is offline', async () => {
    expect(await attemptsWith({ offline: true })).toEqual({ calls: 1, sleeps: [] });
  });

  it('tries again on no answer while the phone says it is online', async () => {
    expect((await attemptsWith({ offline: false })).calls).toBe(4);
  });

  it('tries a busy server again even offline: it answered', async () => {
    const busy = () => new ApiError({ status: 503, code: 'busy' });
    expect((await attemptsWith({ offline: true, err: busy })).calls).toBe(4);
  });
});
