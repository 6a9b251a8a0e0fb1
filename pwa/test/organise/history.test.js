import { afterEach, describe, expect, it } from 'vitest';
import { fieldWords, statusWords } from '../../src/ui/organise/history.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

// What a create and an update carry, as the server's history sends them.
const CREATED = { camera_type: 'dome', presence: 'present', surveillance: 'public', sign: 'none' };
const EDITED = { mount: { old: 'pole', new: 'wall' } };

afterEach(() => setLanguage('fr', false));

const words = (fields) => Object.entries(fields).map(fieldWords);

describe('a change in the organiser’s history panel', () => {
  it('names each field and value in French, with the walker’s words', () => {
    setLanguage('fr', false);
    expect(words(CREATED)).toEqual([
      { label: 'Forme', value: 'Dôme' },
      { label: 'Présence', value: 'présente' },
      { label: 'Ce qu’elle filme', value: 'Espace public' },
      { label: 'Panneau', value: 'Aucun' },
    ]);
    expect(words(EDITED)).toEqual([{ label: 'Fixée sur', old: 'Poteau', value: 'Mur' }]);
    expect(statusWords('conflict')).toBe('en conflit');
  });

  it('and in English', () => {
    setLanguage('en', false);
    expect(words(CREATED)[0]).toEqual({ label: 'Shape', value: 'Dome' });
    expect(words(EDITED)).toEqual([{ label: 'Mounted on', old: 'Pole', value: 'Wall' }]);
    expect(statusWords('rejected')).toBe('not applied');
  });

  it('says a status newer than this app as the server sent it', () => {
    expect(statusWords('quarantined')).toBe('quarantined');
  });
});
