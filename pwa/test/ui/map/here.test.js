// The list a tap on a spot holding several cameras opens: two walkers' cameras
// on one corner read alike there ("Caméra, dôme · en sécurité sur le
// serveur"), and a possible duplicate showed only once each was opened.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/i18n/index.js';
import { recordNote } from '../../../src/ui/map/here.js';

const camera = (extra = {}) => ({
  id: 'o1',
  walk_id: 7,
  created_by: 'lea',
  fields: { kind: 'camera', camera_type: 'dome' },
  server: { duplicate_hints: [] },
  ...extra,
});
const where = { walkId: 7, pseudonym: 'lea' };

describe('a camera in the list of those on one spot', () => {
  afterEach(() => setLanguage('fr', false));

  it('says which one she logged and which may be a duplicate', () => {
    setLanguage('fr', false);
    const hers = camera({ server: { duplicate_hints: [{ observation_id: 'o2' }] } });
    const other = camera({ id: 'o2', created_by: 'karim' });
    expect(recordNote(hers, where)).toBe('relevée par vous · doublon possible');
    expect(recordNote(other, where)).toBe(null);
    setLanguage('en', false);
    expect(recordNote(hers, where)).toBe('logged by you · possible duplicate');
  });

  it('still says a camera of another walk, first', () => {
    setLanguage('en', false);
    expect(recordNote(camera({ walk_id: 3 }), where)).toBe(
      'logged on another walk · logged by you',
    );
    expect(recordNote(camera({ server: undefined }), { walkId: 7, pseudonym: null })).toBe(null);
  });
});
