import { describe, expect, it } from 'vitest';
import { tagDiff } from '../../src/ui/organise/changelist.js';

describe('the tags a modify changes', () => {
  it('lists changed, added and removed keys, sorted, and nothing that stays', () => {
    const before = { man_made: 'surveillance', operator: 'Ville', 'camera:mount': 'wall', a: '1' };
    const after = { man_made: 'surveillance', operator: 'Police', survey: 'yes', a: '1' };
    expect(tagDiff(before, after)).toEqual([
      { key: 'camera:mount', before: 'wall', after: null },
      { key: 'operator', before: 'Ville', after: 'Police' },
      { key: 'survey', before: null, after: 'yes' },
    ]);
  });

  it.each([
    [null, { a: '1' }, [{ key: 'a', before: null, after: '1' }]],
    [{ a: '1' }, { a: '1' }, []],
    [undefined, undefined, []],
  ])('copes with %o → %o', (before, after, diff) => {
    expect(tagDiff(before, after)).toEqual(diff);
  });
});
