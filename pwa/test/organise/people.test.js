import { describe, expect, it } from 'vitest';
import { inviteState } from '../../src/ui/organise/people.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const base = { revoked: false, expires_at: '2026-12-01T00:00:00Z', max_uses: 5, uses: 2 };

describe('what an invite can still do', () => {
  it.each([
    ['active', {}],
    ['revoked', { revoked: true }],
    ['revoked', { revoked: true, uses: 5 }],
    ['expired', { expires_at: '2026-11-22T11:59:59Z' }],
    ['expired', { expires_at: '2026-11-22T12:00:00Z', uses: 5 }],
    ['used', { uses: 5 }],
    ['active', { max_uses: null, uses: 400 }],
    ['active', { expires_at: null }],
  ])('is %s with %o', (state, change) => {
    expect(inviteState({ ...base, ...change }, NOW)).toBe(state);
  });
});
