import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/i18n/index.js';
import { cameraName, osmCameraFields } from '../../../src/ui/map/names.js';

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
      'Plate reader · Police municipale · Reported gone · safe on server · logged on another walk',
    );
  });

  it('is only the kind and state when nothing else was surveyed', () => {
    expect(cameraName({ kind: 'camera' }, 'pending')).toBe('Caméra · pas encore envoyée');
  });

  it("reads an OSM camera's tags", () => {
    setLanguage('en', false);
    const node = { id: 7, tags: { 'camera:type': 'fixed', 'camera:direction': '45' } };
    expect(cameraName(osmCameraFields(node), 'safe')).toMatch(/^Camera, fixed · facing 45°/);
  });
});
