import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import {
  formatDate,
  formatDateTime,
  formatMetres,
  formatNumber,
  kindWords,
} from '../../src/shared/format.js';

// Intl puts a narrow no-break space where French groups thousands.
const plain = (s) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('numbers and dates in the reader’s language', () => {
  afterEach(() => setLanguage('fr', false));

  it('write French decimals with a comma and group thousands with a space', () => {
    setLanguage('fr', false);
    expect(formatNumber(99.5, 1)).toBe('99,5');
    expect(formatNumber(1.368, 3)).toBe('1,368');
    expect(plain(formatNumber(1368))).toBe('1 368');
    expect(formatNumber(3.0, 1)).toBe('3');
  });

  it('write English decimals with a point', () => {
    setLanguage('en', false);
    expect(formatNumber(99.5, 1)).toBe('99.5');
    expect(formatNumber(1368)).toBe('1,368');
  });

  it('show a dash for a missing number', () => {
    expect(formatNumber(null)).toBe('—');
  });

  it('write a calendar day the same way on every screen, whatever the time zone', () => {
    setLanguage('fr', false);
    expect(formatDate('2026-12-03')).toBe('3 déc. 2026');
    setLanguage('en', false);
    expect(formatDate('2026-12-03')).toBe('Dec 3, 2026');
  });

  it('add the time for a moment', () => {
    setLanguage('fr', false);
    expect(formatDateTime('2026-12-03T10:30:00')).toMatch(/^3 déc\. 2026.*10:30$/);
  });

  it('leave text that is not a date as it is, and show a dash for none', () => {
    expect(formatDate('hier')).toBe('hier');
    expect(formatDate(null)).toBe('—');
  });
});

describe('a device’s kind as the walker and the organiser read it', () => {
  afterEach(() => setLanguage('fr', false));

  it('is in her words for a kind camwalk knows, as the mapper wrote it otherwise', () => {
    setLanguage('fr', false);
    expect(kindWords('ALPR')).toBe('Lecture de plaques');
    expect(kindWords('radar')).toBe('radar');
    setLanguage('en', false);
    expect(kindWords('ALPR')).toBe('Plate reader');
    expect(kindWords('camera')).toBe('Camera');
  });
});

describe('a distance shown to organisers', () => {
  it('is in whole metres on every screen, in the reader’s numbers', () => {
    setLanguage('fr', false);
    const shown = [2.22, 2.5, 1234.4, null].map((m) => plain(formatMetres(m)));
    expect(shown).toEqual(['2', '3', '1 234', '?']);
    setLanguage('en', false);
    expect(formatMetres(1234.4)).toBe('1,234');
    setLanguage('fr', false);
  });
});
