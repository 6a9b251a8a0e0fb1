// Compass heading for "faces me". iOS needs a permission asked from a tap;
// Chrome on Android gives absolute headings through deviceorientationabsolute.
import { headingFromOrientation } from '../../geo/geo.js';

export function createCompass() {
  let heading = null;
  let listening = false;
  const onEvent = (e) => {
    const h = headingFromOrientation(e);
    if (h !== null) heading = h;
  };

  function listen() {
    if (listening) return;
    listening = true;
    const absolute = 'ondeviceorientationabsolute' in window;
    window.addEventListener(absolute ? 'deviceorientationabsolute' : 'deviceorientation', onEvent);
  }

  // Called from the tap itself: iOS only grants within a user gesture.
  async function read() {
    const D = window.DeviceOrientationEvent;
    if (D && typeof D.requestPermission === 'function') {
      try {
        if ((await D.requestPermission()) !== 'granted') return null;
      } catch {
        return null;
      }
    }
    listen();
    if (heading !== null) return heading;
    // The first event can take a moment after listening starts.
    await new Promise((r) => setTimeout(r, 800));
    return heading;
  }

  // No permission prompt needed: start early so the tap gets a warm reading.
  if (!(
    window.DeviceOrientationEvent && typeof DeviceOrientationEvent.requestPermission === 'function'
  )) {
    listen();
  }

  return {
    read,
    stop() {
      window.removeEventListener('deviceorientationabsolute', onEvent);
      window.removeEventListener('deviceorientation', onEvent);
    },
  };
}
