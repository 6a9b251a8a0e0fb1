// Photos need the bearer token, so they cannot be plain <img src> links:
// each one is fetched as a Blob and shown through an object URL, let go as
// soon as the image holds it (showBlob): a summary of a few hundred cameras,
// or a review whose large copies were opened one after the other, would
// otherwise keep every photo's bytes until the organiser left the screen. A
// lazy image never scrolled to never loads: release() lets its URL go.
import { h, showBlob } from '../dom.js';
import { t } from '../../i18n/index.js';
import { loadPrepared } from '../../photos/prepared.js';

function captionFor(err) {
  if (err?.code === 'photo_being_prepared') return t('rev.photoPreparing');
  if (err?.code === 'photo_preparation_failed') return t('rev.photoUnreadable');
  return t('rev.photoFailed');
}

export function photoBag(api) {
  const shown = []; // images given an object URL since the last release()
  let generation = 0; // bumped by release(): the photos asked for before stop retrying
  function image(sha256, { size = 'thumb', alt = '' } = {}) {
    const img = h('img', { class: 'org-photo', alt, loading: 'lazy', decoding: 'async' });
    const box = h('figure', { class: 'org-photo-box', 'aria-busy': 'true' }, img);
    const load = size === 'display' ? api.photoDisplay : api.photoThumb;
    const mine = generation;
    const caption = (text) => h('figcaption', { class: 'muted' }, text);
    loadPrepared(load, sha256, {
      onPreparing: () => {
        box.dataset.state = 'preparing';
        box.replaceChildren(caption(t('rev.photoPreparing')));
      },
      stillWanted: () => generation === mine,
    })
      .then((blob) => {
        if (generation !== mine) return;
        shown.push(showBlob(img, blob));
        delete box.dataset.state;
        box.replaceChildren(img);
        box.removeAttribute('aria-busy');
      })
      .catch((err) => {
        box.replaceChildren(caption(captionFor(err)));
      });
    return box;
  }
  // A thumbnail that opens the larger copy in a new tab-less overlay.
  function thumb(photo, alt) {
    const box = image(photo.sha256, { alt });
    box.tabIndex = 0;
    box.setAttribute('role', 'button');
    const open = () => showLarge(photo.sha256, alt);
    box.addEventListener('click', open);
    box.addEventListener('keydown', (e) => e.key === 'Enter' && open());
    return box;
  }
  function showLarge(sha256, alt) {
    const big = image(sha256, { size: 'display', alt });
    const close = () => overlay.remove();
    const overlay = h(
      'div',
      { class: 'org-lightbox', role: 'dialog', 'aria-label': alt, onclick: close },
      big,
    );
    document.body.append(overlay);
  }
  return {
    image,
    thumb,
    release: () => {
      generation++;
      // Those that loaded have let theirs go already: revoking again does nothing.
      shown.splice(0).forEach((img) => URL.revokeObjectURL(img.src));
    },
  };
}
