import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/ui/organise/util.js';

// An answer the test lets arrive when it wants, as a slow link does.
function pending() {
  let answer;
  const promise = new Promise((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('one action of a card at a time', () => {
  it('sends nothing while one is on its way, and holds the buttons until its answer', async () => {
    const held = [];
    const actions = oneAtATime((on) => held.push(on));
    const first = pending();
    const sent = [];
    const approving = actions.run(() => {
      sent.push('approve');
      return first.promise;
    });
    expect(actions.busy()).toBe(true);
    // A double tap, then a merge, before the first answer.
    expect(await actions.run(() => sent.push('approve again'))).toBeUndefined();
    expect(await actions.run(() => sent.push('merge'))).toBeUndefined();
    expect(sent).toEqual(['approve']);
    expect(held).toEqual([true]);

    first.answer('approved');
    expect(await approving).toBe('approved');
    expect(held).toEqual([true, false]);
    expect(actions.busy()).toBe(false);
  });

  it('takes the next action once the answer came, even a refusal', async () => {
    const held = [];
    const actions = oneAtATime((on) => held.push(on));
    await expect(
      actions.run(() => Promise.reject(new Error('changed_since_shown'))),
    ).rejects.toThrow('changed_since_shown');
    expect(actions.busy()).toBe(false);
    expect(await actions.run(async () => 'rejected')).toBe('rejected');
    expect(held).toEqual([true, false, true, false]);
  });
});
