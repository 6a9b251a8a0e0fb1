// What the log form holds before it is stored: what she typed or chose
// (`read`, the form's inputs) and her answer to the "already in OSM?" banner.
// Kept apart from the DOM so that what the back button asks about is tested.
import { notThisOne } from '../../geo/nearby.js';

export function logDraft(read) {
  // The camera she answered "it is another one" about, if any: her answer is
  // saved with the camera she logs.
  let another = null;
  // On an edit: she takes back the "it is another one" she gave when she
  // logged the camera (a wrong tap would keep the export from ever matching
  // the camera to that OSM node).
  let takenBack = false;
  // What the form says before she touches it: a choice, a note, a moved pin or a
  // direction all change it; photos are counted apart.
  const untouched = JSON.stringify(read());
  return {
    fields: () => (takenBack ? { ...read(), osm_not_node_id: null } : notThisOne(read(), another)),
    answerAnother: (candidate) => {
      another = candidate;
    },
    takeBackAnother: () => {
      takenBack = true;
    },
    // Whether leaving now would lose something she typed or chose (photos: the
    // form's photo section). Her "it is another one" alone is not such a thing:
    // leaving logs no camera either way, and the banner asks again next time.
    // Taking it back on an edit is: leaving would keep the answer she withdrew.
    touched: (photos) =>
      photos.photos().length > 0 ||
      photos.removed().length > 0 ||
      photos.busy() ||
      takenBack ||
      JSON.stringify(read()) !== untouched,
  };
}
