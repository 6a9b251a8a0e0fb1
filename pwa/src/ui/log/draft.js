// What the log form holds before it is stored: what she typed or chose
// (`read`, the form's inputs) and her answer to the "already in OSM?" banner.
// Kept apart from the DOM so that what the back button asks about is tested.
import { notThisOne } from '../../geo/nearby.js';

export function logDraft(read) {
  // The camera she answered "it is another one" about, if any: her answer is
  // saved with the camera she logs.
  let another = null;
  const fields = () => notThisOne(read(), another);
  // What the form says before she touches it: a choice, a note, a moved pin or a
  // direction all change it; photos are counted apart.
  const untouched = JSON.stringify(fields());
  return {
    fields,
    answerAnother: (candidate) => {
      another = candidate;
    },
    // photos: the form's photo section (photos(), removed(), busy()).
    touched: (photos) =>
      photos.photos().length > 0 ||
      photos.removed().length > 0 ||
      photos.busy() ||
      JSON.stringify(fields()) !== untouched,
  };
}
