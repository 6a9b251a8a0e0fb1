import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/sync/scheduler.js';
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
