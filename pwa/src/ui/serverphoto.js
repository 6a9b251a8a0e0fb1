// A photo of a camera that is on the server but not on this phone (another
// walker's, or hers from another phone), shown from its thumbnail. While the
// server still makes its copies the thumbnail says so and is asked for again
// until it exists or the screen showing it goes away; a photo the server
// could not read says that. Offline or refused, it simply shows no picture.
import { h, showBlob } from './dom.js';
import { t } from '../i18n/index.js';
import { loadPrepared } from '../photos/prepared.js';

// load(sha256) resolves to the thumbnail's Blob and rejects with the API's
// error. Returns the image and the note over it, for the caller's list item.
export function serverThumb(sha256, load, alt) {
  const img = h('img', { alt });
  const note = h('span', { class: 'photo-note', hidden: true });
  const say = (key) => {
    note.textContent = t(key);
    note.hidden = false;
  };
  loadPrepared(load, sha256, {
    onPreparing: () => say('obs.photoPreparing'),
    stillWanted: () => img.isConnected,
  }).then(
    (blob) => {
      showBlob(img, blob);
      note.hidden = true;
    },
    (err) => {
      if (err?.code === 'photo_preparation_failed') say('obs.photoUnreadable');
      else note.hidden = true;
    },
  );
  return [img, note];
}
