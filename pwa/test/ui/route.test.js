import { describe, expect, it } from 'vitest';
import {
  inviteFromLocation,
  inviteFromText,
  organiseFromLocation,
  organiseHash,
  osmReturnFromLocation,
  signInFromLocation,
  signInFromText,
} from '../../src/ui/route.js';

describe('invite links', () => {
  it.each([
    ['https://camwalk.example/join/Xy7-ab_12', 'Xy7-ab_12'],
    ['https://camwalk.example/join/Xy7ab12/', 'Xy7ab12'],
    ['https://camwalk.example/?code=Q1w2e3', 'Q1w2e3'],
    ['https://camwalk.example/walks', null],
  ])('reads %s', (link, code) => {
    expect(inviteFromLocation(new URL(link))).toBe(code);
  });

  it('accepts a pasted link or a bare code, and nothing else', () => {
    expect(inviteFromText('  https://x.org/join/abcd1234 ')).toBe('abcd1234');
    expect(inviteFromText('abcd1234')).toBe('abcd1234');
    expect(inviteFromText('not a code!')).toBeNull();
    expect(inviteFromText('')).toBeNull();
  });
});

describe('coming back from OpenStreetMap', () => {
  it.each([
    ['https://c.example/?osm_account=connected', { outcome: 'connected', reason: null }],
    ['https://c.example/?osm_account=declined', { outcome: 'declined', reason: null }],
    [
      'https://c.example/?osm_account=error&reason=state_expired',
      { outcome: 'error', reason: 'state_expired' },
    ],
    ['https://c.example/?osm_account=error', { outcome: 'error', reason: 'failed' }],
    ['https://c.example/?osm_account=hacked', null],
    ['https://c.example/walks', null],
  ])('reads %s', (link, expected) => {
    expect(osmReturnFromLocation(new URL(link))).toEqual(expected);
  });
});

describe('organiser addresses', () => {
  it.each([
    [{ tab: 'summary', walkId: 12 }, '#/organise/summary/12'],
    [{ tab: 'people', walkId: null }, '#/organise/people'],
    [{}, '#/organise'],
  ])('write %j as %s and read it back', (params, hash) => {
    expect(organiseHash(params)).toBe(hash);
    const read = organiseFromLocation({ hash });
    expect(read).toEqual({ tab: params.tab || null, walkId: params.walkId ?? null });
  });

  it.each(['', '#', '#/walks', '#/organise/review/abc', '#/organise/Review'])(
    'ignores %s',
    (hash) => {
      expect(organiseFromLocation({ hash })).toBeNull();
    },
  );
});

describe('sign-in links', () => {
  it('reads the code of /signin/<code>, pasted whole or opened', () => {
    expect(signInFromLocation(new URL('https://cw.example/signin/cw_abc-DEF'))).toBe('cw_abc-DEF');
    expect(signInFromText(' https://cw.example/signin/cw_abc-DEF ')).toBe('cw_abc-DEF');
    expect(signInFromText('https://cw.example/join/abcdef')).toBeNull();
    expect(inviteFromLocation(new URL('https://cw.example/signin/cw_abc'))).toBeNull();
  });
});
