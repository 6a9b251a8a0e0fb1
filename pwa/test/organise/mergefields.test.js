// The compare screen shows a camera type and a mount as the review card does:
// for a kind that films (cameraFields), and said not to apply to a guard or a
// gunshot detector that still holds one from before.
import { afterEach, describe, expect, it } from 'vitest';
import { fieldTexts } from '../../src/ui/organise/mergeviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const camera = {
  position: { lat: 43.2965, lon: 5.3698, accuracy_m: 6 },
  kind: 'camera',
  camera_type: 'dome',
  mount: 'pole',
  operator: 'RTM',
};
const texts = (sides) => Object.fromEntries(fieldTexts(sides).map((r) => [r.field, r.texts]));

afterEach(() => setLanguage('fr', false));

describe('the camera fields on the compare screen', () => {
  it('name the type and mount of two cameras', () => {
    setLanguage('en', false);
    expect(texts([camera, { ...camera, camera_type: 'fixed' }])).toMatchObject({
      camera_type: ['Dome', 'Fixed'],
      mount: ['Pole', 'Pole'],
    });
  });

  it.each(['guard', 'gunshot_detector'])('are not rows for two %ss that hold none', (kind) => {
    const device = { ...camera, kind, camera_type: null, mount: null };
    const rows = texts([device, { ...device }]);
    expect(rows).not.toHaveProperty('camera_type');
    expect(rows).not.toHaveProperty('mount');
    expect(rows).toHaveProperty('operator');
  });

  it('say a guard’s type and mount held from before do not apply, in French and English', () => {
    const guard = { ...camera, kind: 'guard' };
    setLanguage('fr', false);
    const fr = texts([camera, guard]);
    expect(fr.camera_type[0]).toBe('Dôme');
    expect(fr.camera_type[1]).toMatch(/^Dôme \(sans objet pour ce dispositif/);
    expect(fr.mount[1]).toMatch(/^Poteau \(sans objet pour ce dispositif/);
    setLanguage('en', false);
    expect(texts([camera, guard]).mount[1]).toMatch(/^Pole \(does not apply to this device/);
    // Beside a camera, a guard holding none is only blank.
    expect(texts([camera, { ...guard, camera_type: null }]).camera_type[1]).toBe('—');
  });
});
