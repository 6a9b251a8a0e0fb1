import { describe, expect, it } from 'vitest';
import '../../src/ui/organise/i18n.js';
import { setLanguage } from '../../src/i18n/index.js';
import { failureText } from '../../src/ui/organise/util.js';

describe('a failure told to an organiser', () => {
  it('uses her own words for a code the organiser screens know', () => {
    setLanguage('fr', false);
    const err = { status: 422, code: 'no_area', message: 'This walk has no area.' };
    expect(failureText(err)).toMatch(/dessinez sa zone/);
    setLanguage('en', false);
    expect(failureText(err)).toMatch(/draw its area/);
  });

  it('falls back to the server message for any other code', () => {
    setLanguage('en', false);
    const err = { status: 409, code: 'something_new', message: 'A new kind of trouble.' };
    expect(failureText(err)).toBe('Failed: A new kind of trouble.');
  });

  it('says the network is missing when nothing answered', () => {
    setLanguage('fr', false);
    expect(failureText({ status: 0, code: 'network', message: 'fetch failed' })).toMatch(
      /Pas de réseau/,
    );
  });
});
