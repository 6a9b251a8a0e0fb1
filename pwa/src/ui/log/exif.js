// What a photo's own EXIF may offer the form: its position (when it is near
// the pin and more precise than the phone's fix) and its direction. A photo
// taken far away (an old picture, the wrong file) moves nothing: she is told.
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import { distanceM } from '../../geo/geo.js';
import { offer } from './formview.js';

// A photo's position farther than this from the pin (metres) is not this camera's.
export const PHOTO_NEAR_M = 100;

// 'far' | 'better' | null, for a photo position against the pin and its accuracy.
export function photoPositionAdvice(pin, photoPosition) {
  if (!photoPosition) return null;
  if (distanceM(pin, photoPosition) > PHOTO_NEAR_M) return 'far';
  const device = pin.accuracy_m;
  const own = photoPosition.accuracy_m;
  return own != null && (device == null || own < device) ? 'better' : null;
}

function distanceText(m) {
  return m >= 1000 ? `${Math.round(m / 1000)}\u00a0km` : `${Math.round(m)}\u00a0m`;
}

// The notes and offers for one photo's EXIF; apply.position / apply.direction
// are called when she taps "Use".
export function exifNotes(exif, { pin, hasDirection, apply }) {
  const notes = [];
  const p = exif.position;
  const advice = photoPositionAdvice(pin, p);
  if (advice === 'far') {
    const d = distanceText(distanceM(pin, p));
    notes.push(h('p', { class: 'offer warn', role: 'alert' }, t('log.exifFar', { d })));
  } else if (advice === 'better') {
    const g = pin.accuracy_m == null ? '?' : Math.round(pin.accuracy_m);
    notes.push(
      offer(t('log.exifOffer', { m: Math.round(p.accuracy_m), g }), () => apply.position(p)),
    );
  }
  if (exif.direction != null && !hasDirection) {
    notes.push(
      offer(t('log.exifDirection', { deg: exif.direction }), () => apply.direction(exif.direction)),
    );
  }
  return notes;
}
