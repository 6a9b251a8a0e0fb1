import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/i18n/index.js';
import { cameraName, osmCameraFields, osmMarker } from '../../../src/ui/map/names.js';

const pole = [90, 180, 270].map((deg) => ({
  kind: 'camera',
  camera_type: 'dome',
  mount: 'pole',
  direction: [deg],
  operator: null,
}));

describe("a camera marker's name", () => {
  afterEach(() => setLanguage('fr', false));

  it('tells apart the three cameras of one pole, in English and French', () => {
    setLanguage('en', false);
    const names = pole.map((fields) => cameraName(fields, 'pending'));
    expect(names[0]).toBe('Camera, dome · facing 90° · not yet sent');
    expect(new Set(names).size).toBe(3);
    setLanguage('fr', false);
    expect(cameraName(pole[2], 'safe')).toBe(
      'Caméra, dôme · orientée à 270° · en sécurité sur le serveur',
    );
  });

  it('says the operator, a camera reported gone and one of another walk', () => {
    setLanguage('en', false);
    const fields = { kind: 'ALPR', operator: 'Police municipale', presence: 'gone' };
    expect(cameraName(fields, 'safe', { earlier: true })).toBe(
      'Plate reader · \u2068Police municipale\u2069 · Reported gone · safe on server · logged on another walk',
    );
  });

  it.each(['guard', 'gunshot_detector'])(
    'names no camera type on a %s that holds one from before',
    (kind) => {
      setLanguage('en', false);
      const held = { kind, camera_type: 'dome', mount: 'pole', direction: [90] };
      expect(cameraName(held, 'safe')).toMatch(/^(Guard|Gunshot detector) · facing 90° · safe/);
      expect(cameraName(held, 'safe')).not.toMatch(/dome/i);
    },
  );

  it('is only the kind and state when nothing else was surveyed', () => {
    expect(cameraName({ kind: 'camera' }, 'pending')).toBe('Caméra · pas encore envoyée');
  });

  it("reads an OSM camera's tags", () => {
    setLanguage('en', false);
    const node = { id: 7, tags: { 'camera:type': 'fixed', 'camera:direction': '45' } };
    expect(cameraName(osmCameraFields(node), 'safe')).toMatch(/^Camera, fixed · facing 45°/);
  });
});

describe('an OSM camera on the map', () => {
  afterEach(() => setLanguage('fr', false));

  it('is drawn apart and named so when a mapper marked it out of use', () => {
    setLanguage('en', false);
    const idle = { id: 601, tags: { man_made: 'surveillance', disused: 'yes' } };
    expect(osmMarker({ ...idle, out_of_use: ['disused'] })).toEqual({
      dot: 'osm-dot out-of-use',
      name: 'OpenStreetMap node 601, marked out of use',
      badge: { cls: 'osm out-of-use', text: 'Out of use in OpenStreetMap' },
    });
    expect(osmMarker({ ...idle, id: 602, out_of_use: [] })).toEqual({
      dot: 'osm-dot',
      name: 'OpenStreetMap node 602',
      badge: { cls: 'osm', text: 'Already in OpenStreetMap' },
    });
    setLanguage('fr', false);
    expect(osmMarker({ ...idle, out_of_use: ['disused'] }).name).toBe(
      'Nœud OpenStreetMap 601, marqué hors service',
    );
  });
});
