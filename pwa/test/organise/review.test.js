import { describe, expect, it } from 'vitest';
import { approvalChanges } from '../../src/ui/organise/reviewviews.js';
import { setLanguage } from '../../src/i18n/index.js';

describe('what changed since an organiser approved a camera', () => {
  it('is nothing to say for a camera never approved', () => {
    expect(approvalChanges({ changed_since_approval: null })).toBeNull();
    expect(approvalChanges({})).toBeNull();
  });

  it('gives each field with its label and both values, in the form order', () => {
    setLanguage('fr', false);
    const rows = approvalChanges({
      changed_since_approval: {
        height_m: { approved: 3, now: null },
        operator: { approved: 'Police municipale', now: 'RTM' },
        mount: { approved: 'pole', now: 'wall' },
      },
    });
    expect(rows.map((r) => r.field)).toEqual(['mount', 'operator', 'height_m']);
    expect(rows[1]).toEqual({
      field: 'operator',
      label: 'Exploitant',
      approved: 'Police municipale',
      now: 'RTM',
    });
    expect(rows[0].label).toBe('Fixée sur');
    expect(rows[0].approved).not.toBe('pole'); // the walker's words, not the stored value
    expect(rows[2]).toMatchObject({ approved: '3 m', now: '—' });
  });

  it('speaks English to an English-speaking organiser', () => {
    setLanguage('en', false);
    const [row] = approvalChanges({
      changed_since_approval: { operator: { approved: 'A', now: 'B' } },
    });
    expect(row.label).toBe('Operator');
    setLanguage('fr', false);
  });

  it('says an approved camera whose values came back changes nothing', () => {
    expect(approvalChanges({ changed_since_approval: {} })).toEqual([]);
  });
});
