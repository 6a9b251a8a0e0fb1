import { describe, expect, it } from 'vitest';
import SENTENCES from '../../src/i18n/errors.json';
import { setLanguage } from '../../src/i18n/index.js';
import { errorMessage } from '../../src/i18n/errors.js';
import { errorText } from '../../src/ui/screens/common.js';

describe('an error code told to a walker or an organiser', () => {
  it('has a sentence for the same codes in French and English', () => {
    expect(Object.keys(SENTENCES.en).sort()).toEqual(Object.keys(SENTENCES.fr).sort());
  });

  it('is a sentence in her language, never the bare code', () => {
    const err = { status: 410, code: 'invite_invalid', message: 'This invite is unknown.' };
    setLanguage('fr', false);
    expect(errorMessage(err)).toMatch(/lien d’invitation n’est pas valable/);
    expect(errorText(err)).not.toMatch(/invite_invalid/);
    setLanguage('en', false);
    expect(errorMessage(err)).toMatch(/invite link is not valid/);
  });

  it('says the network is missing when nothing answered', () => {
    setLanguage('fr', false);
    expect(errorMessage({ status: 0, code: 'network' })).toMatch(/Pas de réseau/);
  });

  it('lets a screen word a code its own way', () => {
    setLanguage('en', false);
    const err = { status: 422, code: 'invalid_input' };
    expect(errorText(err, { invalid_input: 'join.pseudonymInvalid' })).toMatch(/pseudonym/);
  });

  it('keeps the code of one it does not know yet, as a clue for support', () => {
    setLanguage('fr', false);
    expect(errorMessage({ status: 418, code: 'teapot' })).toMatch(/teapot/);
  });

  it('does not take inherited names for codes', () => {
    setLanguage('en', false);
    expect(errorMessage({ status: 400, code: 'constructor' })).toMatch(/constructor/);
  });
});
