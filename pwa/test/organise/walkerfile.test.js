import { describe, expect, it } from 'vitest';
import { importOutcome } from '../../src/ui/organise/walkerfile.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const file = {
  type: 'FeatureCollection',
  features: [],
  camwalk_walker_file: {
    changes: [{ change_id: 'a' }, { change_id: 'b' }, { change_id: 'c' }, { change_id: 'd' }],
  },
};

describe('what an imported walker file did', () => {
  it('counts what went in, what was there already, and lists what was left out', () => {
    setLanguage('fr', false);
    const o = importOutcome(file, {
      walker: { id: 7, pseudonym: 'mouette' },
      results: [
        { change_id: 'a', status: 'applied', replayed: false },
        { change_id: 'b', status: 'conflict', replayed: false },
        { change_id: 'd', status: 'applied', replayed: true },
        {
          change_id: 'c',
          status: 'rejected',
          replayed: false,
          error: { code: 'unknown_observation', message: 'x' },
        },
      ],
      skipped: [{ index: 3, change_id: 'e', code: 'photo_missing', message: 'Its photo…' }],
      photos: {
        stored: ['ab'],
        refused: [{ sha256: '99ff00aa11', code: 'no_such_code', message: 'Too big' }],
      },
    });
    expect(o).toMatchObject({ who: 'mouette', applied: 2, conflicts: 1, replayed: 1, photos: 1 });
    expect(o.left.map((l) => l.what)).toEqual([
      'Changement n° 4',
      'Changement n° 3',
      'Photo 99ff00aa',
    ]);
    expect(o.left[0].reason).toMatch(/photo n’est pas sur le serveur/);
    expect(o.left[1].reason).not.toMatch(/unknown_observation/); // the sentence, not the code
    expect(o.left[2].reason).toBe('Échec\u00a0: Too big'); // a code this app does not know yet
  });

  it('has nothing to list when everything went in', () => {
    const o = importOutcome(file, {
      walker: { pseudonym: 'mouette' },
      results: [{ change_id: 'a', status: 'applied', replayed: false }],
      skipped: [],
      photos: { stored: [], refused: [] },
    });
    expect(o).toMatchObject({ applied: 1, replayed: 0, left: [] });
  });
});
