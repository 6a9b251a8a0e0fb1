import { describe, expect, it } from 'vitest';
import { leavesThePublicMap, reviewStatus } from '../../src/ui/organise/mergeviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const record = (review_status, conflicts = []) => ({ review_status, conflicts, photos: [] });

describe('each record of a merge with its review status', () => {
  it.each([
    ['pending', 'fr', 'À valider'],
    ['approved', 'fr', 'Validée'],
    ['rejected', 'fr', 'Refusée'],
    ['pending', 'en', 'To review'],
    ['approved', 'en', 'Approved'],
    ['rejected', 'en', 'Rejected'],
  ])('says %s in %s as “%s”', (status, lang, text) => {
    setLanguage(lang, false);
    expect(reviewStatus(record(status))).toEqual({ status, text, conflicts: 0 });
    setLanguage('fr', false);
  });

  it('counts the open conflicts the merged camera will carry', () => {
    setLanguage('fr', false);
    const { conflicts } = reviewStatus(record('approved', ['x/operator', 'y/deleted']));
    expect(conflicts).toBe(2);
  });

  it('reads a record from before review statuses as waiting for review', () => {
    setLanguage('en', false);
    expect(reviewStatus({ photos: [] })).toMatchObject({ status: 'pending', text: 'To review' });
    setLanguage('fr', false);
  });
});

describe('a merge that takes the camera off the public map', () => {
  const approved = record('approved');
  it.each([
    [
      'keeping a record waiting for review over an approved one',
      [record('pending'), approved],
      0,
      true,
    ],
    ['keeping a rejected record over an approved one', [record('rejected'), approved], 0, true],
    ['keeping the approved record', [record('pending'), approved], 1, false],
    ['keeping one of two approved records', [approved, approved], 0, false],
    ['merging two records nobody approved', [record('pending'), record('rejected')], 1, false],
  ])('%s', (_, sides, keep, leaves) => {
    expect(leavesThePublicMap(sides, keep)).toBe(leaves);
  });
});
