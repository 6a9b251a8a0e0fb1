import { describe, expect, it } from 'vitest';
import { loadPrepared } from '../../src/photos/prepared.js';

const preparing = Object.assign(new Error('being prepared'), {
  status: 409,
  code: 'photo_being_prepared',
});

// A server that answers "being prepared" `times` times, then the copy.
function server(times, answer = 'blob') {
  let calls = 0;
  return {
    load: async () => {
      calls++;
      if (calls <= times) throw preparing;
      return answer;
    },
    calls: () => calls,
  };
}

const noWait = async () => {};

describe('a photo copy asked for while the server still prepares it', () => {
  it('is asked for again until the copy exists, telling each wait', async () => {
    const fake = server(2);
    let told = 0;
    const blob = await loadPrepared(fake.load, 'ab', { wait: noWait, onPreparing: () => told++ });
    expect(blob).toBe('blob');
    expect(fake.calls()).toBe(3);
    expect(told).toBe(2);
  });

  it('gives up after the tries, with the server’s code', async () => {
    const fake = server(100);
    await expect(loadPrepared(fake.load, 'ab', { wait: noWait, tries: 3 })).rejects.toMatchObject({
      code: 'photo_being_prepared',
    });
    expect(fake.calls()).toBe(3);
  });

  it('stops asking once the screen that wanted it went away', async () => {
    const fake = server(100);
    await expect(
      loadPrepared(fake.load, 'ab', { wait: noWait, stillWanted: () => false }),
    ).rejects.toBe(preparing);
    expect(fake.calls()).toBe(1);
  });

  it('does not ask again after any other error', async () => {
    const failed = Object.assign(new Error('no'), {
      status: 409,
      code: 'photo_preparation_failed',
    });
    let calls = 0;
    const load = async () => {
      calls++;
      throw failed;
    };
    await expect(loadPrepared(load, 'ab', { wait: noWait })).rejects.toBe(failed);
    expect(calls).toBe(1);
  });
});
