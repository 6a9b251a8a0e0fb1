// What the log form holds before it is stored: what she typed or chose
// (`read`, the form's inputs) and her answer to the "already in OSM?" banner.
// Kept apart from the DOM so that what the back button asks about is tested.
import { notThisOne } from '../../geo/nearby.js';

export function logDraft(read) {
  // The camera she answered "it is another one" about, if any: her answer is
  // saved with the camera she logs.
  let another = null;
  // What the form says before she touches it: a choice, a note, a moved pin or a
  // direction all change it; photos are counted apart.
  const untouched = JSON.stringify(read());
  return {
    fields: () => notThisOne(read(), another),
    answerAnother: (candidate) => {
      another = candidate;
    },
    // Whether leaving now would lose something she typed or chose (photos: the
    // form's photo section). Her "it is another one" alone is not such a thing:
    // leaving logs no camera either way, and the banner asks again next time.
    touched: (photos) =>
      photos.photos().length > 0 ||
      photos.removed().length > 0 ||
      photos.busy() ||
      JSON.stringify(read()) !== untouched,
  };
}
