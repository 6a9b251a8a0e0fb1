// What the camera sheet says about work the server refused: a sentence in her
// language, never a bare machine code ("photo_too_large", "http_413", "update").
import { beforeEach, describe, expect, it } from 'vitest';
import { refusalText, rejectedText, stateWords } from '../../../src/ui/sheets/observation.js';
import { setLanguage } from '../../../src/i18n/index.js';

describe('the sheet of a camera with refused work', () => {
  beforeEach(() => setLanguage('fr', false));

  it('words a photo camwalk refused, without its code', () => {
    const note = refusalText({ code: 'photo_too_large', message: 'The photo is larger…' });
    expect(note).toMatch(/^Le serveur refuse cette photo.*Photo trop lourde pour le serveur\.$/);
    expect(note).not.toMatch(/photo_too_large/);
  });

  it.each([
    ['fr', /Trop lourd pour le serveur/],
    ['en', /Too large for the server/],
  ])('words in %s a photo a relay in front of the server refused as too large', (lang, words) => {
    setLanguage(lang, false);
    // A proxy's own 413 page: no camwalk code, only the status (api/client.js).
    const note = refusalText({ code: 'http_413', message: 'Request Entity Too Large' });
    expect(note).toMatch(words);
    expect(note).not.toMatch(/http_413|Request Entity/);
  });

  it('words a set-aside change and its kind, without codes', () => {
    const note = refusalText({ code: 'invalid_change', message: 'Unknown field.' }, 'update');
    expect(note).toMatch(/\(modification\)/);
    expect(note).not.toMatch(/invalid_change|update/);
  });

  it('names a change the server rejected by its kind in her language', () => {
    const line = rejectedText({ op: 'update', error: { code: 'invalid_change' } });
    expect(line).toMatch(/\(modification\)/);
    expect(line).not.toMatch(/update/);
  });

  it('keeps the code of a refusal it has no sentence for, as a clue for support', () => {
    expect(refusalText({ code: 'teapot', message: '' })).toMatch(/teapot/);
  });
});

describe('the title badge of a camera with refused work', () => {
  beforeEach(() => setLanguage('fr', false));
  const onServer = (rejected = []) => ({ id: 'o1', server: { id: 'o1' }, sync: { rejected } });
  const photoAside = { id: 'p1', sha256: 'a', aside: { code: 'photo_too_large' } };

  it.each([
    [
      'a photo set aside, nothing else',
      [{ op: 'attach_photo', photo: { sha256: 'a' } }],
      [photoAside],
      onServer(),
      'photo refusée par le serveur',
    ],
    [
      'an attach_photo the server rejected',
      [],
      [],
      onServer([{ op: 'attach_photo', error: { code: 'photo_not_uploaded' } }]),
      'photo refusée par le serveur',
    ],
    [
      'a change set aside',
      [{ op: 'create', aside: { code: 'future_day' } }],
      [],
      onServer(),
      'refusée par le serveur',
    ],
    [
      'an update the server rejected, no change set aside',
      [],
      [],
      onServer([{ op: 'update', error: { code: 'invalid_value' } }]),
      'refusée par le serveur',
    ],
    [
      'a photo set aside and an update rejected',
      [],
      [photoAside],
      onServer([{ op: 'update', error: { code: 'invalid_value' } }]),
      'refusée par le serveur',
    ],
  ])('%s', (why, queued, photos, record, words) => {
    expect(stateWords('rejected', { queued, photos, record })).toBe(words);
  });

  it('words other states as they are', () => {
    expect(stateWords('safe')).toBe('en sécurité sur le serveur');
  });
});
