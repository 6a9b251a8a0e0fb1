import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../src/api/client.js';
import { WALKS_SLOW_MS } from '../../../src/ui/screens/walks.js';
import { noticingSlow } from '../../../src/util/slow.js';

// A request a bad link swallows: no answer, until the client gives up on it.
const hanging = (url, { signal }) =>
  new Promise((resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('the walk list on a link that does not answer', () => {
  afterEach(() => vi.useRealTimers());

  it('offers Retry within seconds, while the request goes on', async () => {
    vi.useFakeTimers();
    const api = createApiClient({ fetchImpl: hanging });
    const slow = vi.fn();
    const outcome = vi.fn();
    const request = noticingSlow(api.walks(1), WALKS_SLOW_MS, slow).then(outcome, outcome);

    await vi.advanceTimersByTimeAsync(WALKS_SLOW_MS - 1);
    expect(slow).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(slow).toHaveBeenCalledOnce();
    expect(WALKS_SLOW_MS).toBeLessThanOrEqual(5000); // not the client's 30 s
    expect(outcome).not.toHaveBeenCalled(); // still asked: a late answer fills the list

    await vi.advanceTimersByTimeAsync(30_000);
    await request;
    expect(outcome).toHaveBeenCalledWith(expect.objectContaining({ code: 'timeout' }));
    expect(slow).toHaveBeenCalledOnce();
  });

  it('says nothing of a slow link when the answer comes in time', async () => {
    vi.useFakeTimers();
    const api = createApiClient({ fetchImpl: async () => Response.json([]) });
    const slow = vi.fn();
    expect(await noticingSlow(api.walks(1), WALKS_SLOW_MS, slow)).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(slow).not.toHaveBeenCalled();
  });
});
