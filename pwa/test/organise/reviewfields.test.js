// The review card shows a camera type and a mount as the walker's form asks
// them: for a kind that films (cameraFields). A guard logged before the phone
// followed that rule may still hold one: the card says it does not apply.
import { afterEach, describe, expect, it } from 'vitest';
import { cardTitle, fieldRows } from '../../src/ui/organise/reviewviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const camera = {
  kind: 'camera',
  presence: 'present',
  camera_type: 'dome',
  mount: 'pole',
  operator: 'SNCF',
};
const rows = (item) => Object.fromEntries(fieldRows(item));

describe('the camera fields on the review card', () => {
  afterEach(() => setLanguage('fr', false));

  it('are shown for a camera and a plate reader, given or not', () => {
    setLanguage('en', false);
    expect(cardTitle(camera)).toBe('Camera · Dome');
    expect(rows(camera)).toMatchObject({ Shape: 'Dome', 'Mounted on': 'Pole' });
    const blank = { ...camera, kind: 'ALPR', camera_type: null, mount: null };
    expect(rows(blank)).toMatchObject({ Shape: '—', 'Mounted on': '—' });
  });

  it.each(['guard', 'gunshot_detector'])('are not asked of a %s that holds none', (kind) => {
    setLanguage('en', false);
    const device = { ...camera, kind, camera_type: null, mount: null };
    expect(cardTitle(device)).toBe(kind === 'guard' ? 'Guard' : 'Gunshot detector');
    expect(Object.keys(rows(device))).not.toContain('Shape');
    expect(Object.keys(rows(device))).not.toContain('Mounted on');
    expect(rows(device)).toMatchObject({ Operator: 'SNCF' });
  });

  it('are said not to apply to a guard that still holds them, in English and French', () => {
    const guard = { ...camera, kind: 'guard' };
    setLanguage('en', false);
    expect(cardTitle(guard)).toBe('Guard');
    const en = rows(guard);
    expect(en['Shape']).toMatch(/^Dome \(does not apply to this device/);
    expect(en['Mounted on']).toMatch(/^Pole \(does not apply to this device/);
    setLanguage('fr', false);
    expect(cardTitle(guard)).toBe('Vigile');
    expect(rows(guard)['Forme']).toMatch(/^Dôme \(sans objet pour ce dispositif/);
  });
});
