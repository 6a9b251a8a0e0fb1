import { describe, expect, it } from 'vitest';
import { createScheduler, waitingForNetwork } from '../../src/sync/scheduler.js';
import { ApiError } from '../../src/api/client.js';

function fakeTimers() {
  const pending = [];
  return {
    pending,
    setTimeout: (fn, ms) => pending.push({ fn, ms }) && pending.length,
    clearTimeout: () => {},
  };
}

describe('the sync scheduler', () => {
  it('runs once more, not once per trigger, when triggers pile up during a run', async () => {
    let calls = 0;
    let release;
    const syncNow = () => {
      calls += 1;
      return calls === 1 ? new Promise((r) => (release = r)) : Promise.resolve({});
    };
    const s = createScheduler({ syncNow, isOnline: () => true, timers: fakeTimers() });
    const first = s.request('open');
    s.request('online');
    s.request('manual');
    release({});
    await first;
    expect(calls).toBe(2);
  });

  it('offline, says so at once when the walker asks and tries once, quietly', async () => {
    let calls = 0;
    const states = [];
    const syncNow = async () => {
      calls += 1;
      throw new ApiError({ status: 0, code: 'network' });
    };
    const timers = fakeTimers();
    const s = createScheduler({
      syncNow,
      isOnline: () => false,
      timers,
      onState: (st) => states.push(st),
    });
    await s.request('open');
    expect(states).toEqual([]);
    expect(calls).toBe(0);
    const tapped = s.request('manual');
    expect(states[0].error).toMatchObject({ status: 0, code: 'offline' });
    await tapped;
    expect(calls).toBe(1);
    // Never "running": no "Synchronisation…", no "0/0 caméra".
    expect(states.some((st) => st.running)).toBe(false);
    expect(states.at(-1).error).toMatchObject({ status: 0, code: 'offline' });
    // Not retried: the `online` event starts the next run.
    expect(timers.pending).toEqual([]);
  });

  it('a tap syncs when the phone says offline on a network that works', async () => {
    const states = [];
    const s = createScheduler({
      syncNow: async () => ({ sent: 2 }),
      isOnline: () => false,
      timers: fakeTimers(),
      onState: (st) => states.push(st),
    });
    await s.request('manual');
    expect(states.at(-1)).toMatchObject({ running: false, error: null, summary: { sent: 2 } });
  });

  it('schedules a retry after a 503 and asks for a login after a 401', async () => {
    const timers = fakeTimers();
    let auth = 0;
    const errors = [
      new ApiError({ status: 503, code: 'x' }),
      new ApiError({ status: 401, code: 'y' }),
    ];
    const syncNow = async () => {
      throw errors.shift();
    };
    const s = createScheduler({
      syncNow,
      isOnline: () => true,
      timers,
      onAuthRequired: () => (auth += 1),
    });
    await s.request('open');
    expect(timers.pending).toHaveLength(1);
    expect(timers.pending[0].ms).toBeGreaterThanOrEqual(5000);
    await timers.pending[0].fn();
    expect(auth).toBe(1);
    expect(timers.pending).toHaveLength(1);
  });
});

describe('what the walker is told when nothing answers', () => {
  const noAnswer = new ApiError({ status: 0, code: 'network' });
  const answered503 = new ApiError({ status: 503, code: 'unavailable' });
  it.each([
    ['the phone says offline', { running: false, error: null }, true, true],
    ['the last run got no answer, the phone says online', { error: noAnswer }, false, true],
    ['the server answered 503', { error: answered503 }, false, false],
    ['all went', { error: null }, false, false],
    [
      'a run trying again a request nobody answered',
      { running: true, progress: { connected: false } },
      false,
      true,
    ],
    [
      'a run after one that got no answer, none yet',
      { running: true, error: noAnswer, progress: null },
      false,
      true,
    ],
    [
      'the same run once the server answered',
      { running: true, error: noAnswer, progress: { connected: true } },
      false,
      false,
    ],
    [
      'a run going as usual',
      { running: true, error: null, progress: { connected: null } },
      false,
      false,
    ],
  ])('%s', (why, state, phoneOffline, offlineWords) => {
    expect(waitingForNetwork({ running: false, ...state }, phoneOffline)).toBe(offlineWords);
  });

  it('keeps no answer as the state of the next run until the server answers', async () => {
    const states = [];
    const errors = [noAnswer];
    const s = createScheduler({
      syncNow: async () => {
        if (errors.length) throw errors.shift();
        return { sent: 1 };
      },
      isOnline: () => true,
      timers: fakeTimers(),
      onState: (st) => states.push(st),
    });
    await s.request('open');
    expect(states.at(-1)).toMatchObject({ running: false, error: noAnswer });
    await s.request('retry');
    const next = states.findLast((st) => st.running);
    expect(waitingForNetwork(next, false)).toBe(true);
    expect(states.at(-1)).toMatchObject({ running: false, error: null, summary: { sent: 1 } });
  });

  it('tries again later and later while nothing answers', async () => {
    const timers = fakeTimers();
    const s = createScheduler({
      syncNow: async () => {
        throw noAnswer;
      },
      isOnline: () => true,
      timers,
    });
    await s.request('open');
    for (let i = 0; i < 5; i++) await timers.pending.at(-1).fn();
    const delays = timers.pending.map((p) => p.ms);
    // Full jitter: each delay lies in [ceiling/2, ceiling], the ceiling doubling up to a
    // minute; the first within seconds, the sixth at least half a minute away.
    expect(delays[0]).toBeLessThanOrEqual(8000);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
  });
});
