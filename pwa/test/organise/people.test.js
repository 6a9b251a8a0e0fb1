import { describe, expect, it } from 'vitest';
import { inviteState } from '../../src/ui/organise/people.js';
import { inviteToOffer } from '../../src/ui/organise/peopleviews.js';

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

describe('the invite offered for revocation with a member', () => {
  const invites = [
    { id: 1, revoked: false },
    { id: 2, revoked: true },
  ];
  it.each([
    ['her live invite', { invite_id: 1 }, 1],
    ['nothing for an invite revoked already', { invite_id: 2 }, null],
    ['nothing for a member made without an invite', { invite_id: null }, null],
    ['nothing for an invite not listed', { invite_id: 7 }, null],
  ])('is %s', (_, member, id) => {
    const offered = inviteToOffer(member, invites);
    expect(offered ? offered.id : null).toBe(id);
  });
});
