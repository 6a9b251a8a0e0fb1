import { describe, expect, it } from 'vitest';
import { leavesThePublicMap, mergedText, reviewStatus } from '../../src/ui/organise/mergeviews.js';
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

describe('the merge’s confirmation', () => {
  // As the server answers a merge (docs/contract.md): the survivor, and the
  // "not the same camera" it cleared, or null.
  const merged = (cleared) => ({ id: 'a1', not_duplicate_cleared: cleared });
  const CLEARED = { by: 'Camille', at: '2026-11-28T10:15:00+00:00' };

  it('says whose “not the same camera” the merge cleared, and when', () => {
    setLanguage('en', false);
    expect(mergedText(merged(CLEARED))).toBe(
      'Merged: the photos of both records are kept. Camille had said on Nov 28, 2026 that they were not the same camera: that answer is cleared (the history of both records keeps it).',
    );
    setLanguage('fr', false);
    expect(mergedText(merged(CLEARED))).toContain(
      'Camille avait dit le 28 nov. 2026 que ce n’était pas la même caméra\u00a0: cette réponse est levée',
    );
    expect(mergedText(merged({ ...CLEARED, by: null }))).toContain('— avait dit le');
  });

  it('says only the merge when nobody had said they were two', () => {
    setLanguage('fr', false);
    expect(mergedText(merged(null))).toBe(
      'Fusionnées\u00a0: les photos des deux relevés sont gardées.',
    );
    // A server from before not_duplicate_cleared.
    expect(mergedText({ id: 'a1' })).toBe(mergedText(merged(null)));
  });
});
