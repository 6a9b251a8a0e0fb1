import { describe, expect, it } from 'vitest';
import { readTurns } from '../../src/util/turns.js';

// A read whose answer the test hands back when it wants.
function heldRead() {
  let answer;
  const promise = new Promise((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('reads taken in turn', () => {
  it('drops an answer that comes back after a later read was drawn', async () => {
    const turn = readTurns();
    const drawn = [];
    const read = async (held) => {
      const use = turn();
      const answer = await held.promise;
      return use(() => drawn.push(answer));
    };
    const older = heldRead();
    const newer = heldRead();
    const olderDone = read(older);
    const newerDone = read(newer);
    newer.answer('without the deleted camera');
    expect(await newerDone).toBe(true);
    older.answer('with the deleted camera');
    expect(await olderDone).toBe(false);
    expect(drawn).toEqual(['without the deleted camera']);
  });

  it('draws every answer that comes back in the order asked', async () => {
    const turn = readTurns();
    const drawn = [];
    const uses = [turn(), turn(), turn()];
    expect(uses.map((use, i) => use(() => drawn.push(i)))).toEqual([true, true, true]);
    expect(drawn).toEqual([0, 1, 2]);
  });

  it('drops only the answers older than the latest drawn', () => {
    const turn = readTurns();
    const drawn = [];
    const first = turn();
    const second = turn();
    const third = turn();
    expect(second(() => drawn.push('second'))).toBe(true);
    expect(first(() => drawn.push('first'))).toBe(false);
    // The third is still later than the second: it is drawn when it comes.
    expect(third(() => drawn.push('third'))).toBe(true);
    expect(drawn).toEqual(['second', 'third']);
  });

  it('keeps the turns of two screens apart', () => {
    const cameras = readTurns();
    const other = readTurns();
    const drawn = [];
    const camerasUse = cameras();
    other()(() => drawn.push('other'));
    other()(() => drawn.push('other again'));
    expect(camerasUse(() => drawn.push('cameras'))).toBe(true);
    expect(drawn).toEqual(['other', 'other again', 'cameras']);
  });
});
