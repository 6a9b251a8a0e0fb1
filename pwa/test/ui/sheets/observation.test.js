// A camera's sheet says what its walker answered about OpenStreetMap.
import { beforeEach, describe, expect, it } from 'vitest';
import { heldText, osmAnswers, shownFields } from '../../../src/ui/sheets/observation.js';
import { osmMarker } from '../../../src/ui/map/names.js';
import { setLanguage } from '../../../src/i18n/index.js';
import { newFields } from '../../../src/model/observation.js';

const fields = (over) => ({
  ...newFields({ position: { lat: 43.2961, lon: 5.3812, accuracy_m: 6 } }),
  ...over,
});

describe("the camera sheet's OpenStreetMap answer", () => {
  beforeEach(() => setLanguage('en', false));

  it('says nothing of a camera she gave no answer about', () => {
    expect(osmAnswers(fields())).toEqual([]);
  });

  it('names the OSM camera she said it is ("still there")', () => {
    expect(osmAnswers(fields({ osm_node_id: 501 }))).toEqual(['OpenStreetMap node 501']);
  });

  it.each([
    ['en', 'Not OpenStreetMap node 501 (another camera)'],
    ['fr', 'Pas le nœud OpenStreetMap 501 (une autre caméra)'],
  ])('names the OSM camera she said it is not ("it is another one"), in %s', (lang, line) => {
    setLanguage(lang, false);
    expect(osmAnswers(fields({ osm_not_node_id: 501 }))).toEqual([line]);
  });

  it.each(['fr', 'en'])('names a node marked out of use as its marker does, in %s', (lang) => {
    setLanguage(lang, false);
    const node = {
      id: 9102,
      lat: 43.2951,
      lon: 5.3802,
      tags: {},
      out_of_use: ['disused:man_made'],
    };
    const [line] = osmAnswers(fields({ osm_node_id: 9102 }), node);
    expect(line).toBe(osmMarker(node).name);
    expect(line).toBe(
      lang === 'fr'
        ? 'Nœud OpenStreetMap 9102, marqué hors service'
        : 'OpenStreetMap node 9102, marked out of use',
    );
  });

  it('names the node plainly when the phone holds another or none', () => {
    const other = { id: 7, tags: {}, out_of_use: ['disused:man_made'] };
    expect(osmAnswers(fields({ osm_node_id: 501 }), other)).toEqual(['OpenStreetMap node 501']);
  });
});

describe("the sheet's note on another member's work held on the phone", () => {
  it.each([
    ['en', ['Léa'], 'when Léa signs in here again'],
    ['en', ['Léa', 'Sam'], 'when each of them signs in here again'],
    ['fr', ['Léa'], 'quand Léa se reconnectera ici'],
    ['fr', ['Léa', 'Sam'], 'quand chacun·e se reconnectera ici'],
  ])('in %s, for %j, says who signs in again in words that fit', (lang, who, words) => {
    setLanguage(lang, false);
    const text = heldText(who);
    expect(text).toContain(who.join(', '));
    expect(text).toContain(words);
  });
});

describe('the fields a camera sheet lists', () => {
  it("are a camera's and a plate reader's, with their camera type and mount", () => {
    for (const kind of ['camera', 'ALPR']) {
      expect(shownFields(fields({ kind }))).toEqual(
        expect.arrayContaining(['camera_type', 'mount']),
      );
    }
  });

  it.each(['guard', 'gunshot_detector'])(
    'leave out the camera type and mount a %s holds from before, and nothing else',
    (kind) => {
      const held = fields({ kind, camera_type: 'dome', mount: 'pole' });
      const camera = shownFields(fields({ kind: 'camera' }));
      expect(shownFields(held)).toEqual(
        camera.filter((name) => !['camera_type', 'mount'].includes(name)),
      );
    },
  );
});
