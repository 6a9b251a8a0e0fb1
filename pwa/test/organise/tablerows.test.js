// A GeoJSON or CSV file holds every device the walk logged, guards and gunshot
// detectors beside the cameras (the server counts its rows, all kinds): the
// export report says what it counts. The summary's map shows every device too.
import { afterEach, describe, expect, it } from 'vitest';
import { rowsText } from '../../src/ui/organise/exportsviews.js';
import { mapTitle } from '../../src/ui/organise/sumlines.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

afterEach(() => setLanguage('fr', false));

const report = (format, rows, approved = false) => ({ format, counts: { rows, approved } });

describe('the rows of a GeoJSON or CSV file', () => {
  it('are counted as devices, not cameras, in French', () => {
    setLanguage('fr', false);
    expect(rowsText(report('geojson', 1))).toEqual([
      '1 dispositif relevé dans le fichier, caméras et autres ensemble.',
      'Tous les dispositifs, tels qu’ils sont (à valider et refusés compris).',
    ]);
    expect(rowsText(report('csv', 3, true))).toEqual([
      '3 lignes dans le fichier, une par dispositif relevé (caméras et autres).',
      'Dispositifs validés seulement, tels que validés.',
    ]);
  });

  it('and in English, each count in its own form', () => {
    setLanguage('en', false);
    expect(rowsText(report('geojson', 2))[0]).toBe(
      '2 devices logged in the file, cameras and others together.',
    );
    expect(rowsText(report('csv', 1, true))).toEqual([
      '1 row in the file, one per device logged (cameras and others).',
      'Approved devices only, as approved.',
    ]);
  });
});

describe('the title of the summary’s map', () => {
  const summary = (...kinds) => ({ cameras: kinds.map((kind) => ({ kind })) });

  it('says cameras when it shows only devices that film', () => {
    setLanguage('fr', false);
    expect(mapTitle(summary('camera', 'ALPR'))).toBe('Carte des caméras');
  });

  it('names the other devices when it shows a guard or a gunshot detector', () => {
    setLanguage('fr', false);
    expect(mapTitle(summary('camera', 'guard'))).toBe('Carte des caméras et autres dispositifs');
    setLanguage('en', false);
    expect(mapTitle(summary('gunshot_detector'))).toBe('Map of the cameras and other devices');
    // A kind not given is not a camera by the server's rule (sync.fields.is_camera).
    expect(mapTitle(summary('camera', null))).toBe('Map of the cameras and other devices');
  });
});
