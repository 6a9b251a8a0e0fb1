// The photo part of the log form: two buttons (close-up, wide) that open the
// camera, thumbnails, and an offer to use the photo's own GPS or direction
// when it has them.
import { h, mount, showBlob, toast } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { preparePhoto } from '../../photos/process.js';
import { ICONS } from '../icons.js';
import { serverThumb } from '../serverphoto.js';

function pickerButton(role, label, onFiles) {
  const input = h('input', {
    type: 'file',
    accept: 'image/*',
    capture: 'environment',
    multiple: true,
    class: 'visually-hidden',
    id: `photo-${role}`,
    'data-role': role,
    onchange: (e) => {
      onFiles([...e.target.files], role);
      e.target.value = ''; // the same file may be picked again
    },
  });
  return h(
    'label',
    { class: 'btn btn-photo', for: `photo-${role}` },
    h('span', { class: 'icon', html: ICONS.photo }),
    label,
    input,
  );
}

// existing: the camera's photos when editing it, [{sha256, role, blob?}]; a
// photo without its bytes on this phone is shown through loadThumb (sha256 →
// the server's thumbnail, rejecting with the API's error).
export function photoSection({ maxBytes, onExif, existing = [], loadThumb }) {
  const photos = [];
  const kept = existing.slice();
  const removed = [];
  const thumbs = h('ul', { class: 'thumbs', 'aria-live': 'polite' });
  // Photos picked and not ready yet, all picks together: two picks run at
  // once (the close-up, then the wide one before the first is shrunk), and
  // the first to finish must not say "ready" for the other.
  let preparing = 0;
  let whenReady = [];
  const busy = h(
    'p',
    { class: 'muted photo-preparing', role: 'status', hidden: true },
    t('log.photoPreparing'),
  );
  // Stays until the next pick: a toast alone is gone before she looks up.
  const refused = h('p', { class: 'warn photo-refused', role: 'alert', hidden: true });

  function existingItem(p, i) {
    const alt = tv('role', p.role);
    return h(
      'li',
      { class: 'existing' },
      p.blob ? showBlob(h('img', { alt }), p.blob) : serverThumb(p.sha256, loadThumb, alt),
      h('span', { class: 'role' }, tv('role', p.role)),
      p.aside ? h('span', { class: 'badge state-rejected' }, t('state.rejected')) : null,
      h(
        'button',
        {
          type: 'button',
          class: 'remove',
          'aria-label': t('log.removePhoto'),
          onclick: () => {
            removed.push(p.sha256);
            kept.splice(i, 1);
            redraw();
          },
        },
        '×',
      ),
    );
  }

  function redraw() {
    mount(
      thumbs,
      kept.map(existingItem),
      photos.map((p, i) =>
        h(
          'li',
          {},
          h('img', { src: p.url, alt: tv('role', p.role) }),
          h('span', { class: 'role' }, tv('role', p.role)),
          h(
            'button',
            {
              type: 'button',
              class: 'remove',
              'aria-label': t('log.removePhoto'),
              onclick: () => {
                URL.revokeObjectURL(p.url);
                photos.splice(i, 1);
                redraw();
              },
            },
            '×',
          ),
        ),
      ),
    );
  }

  async function onFiles(files, role) {
    preparing += files.length;
    busy.hidden = false;
    refused.hidden = true;
    for (const file of files) {
      try {
        const p = await preparePhoto(file, role, maxBytes);
        if (photos.some((q) => q.sha256 === p.sha256)) continue;
        p.url = URL.createObjectURL(p.blob);
        photos.push(p);
        if (p.exif) onExif(p.exif);
      } catch (err) {
        const text = err && err.code === 'not_a_photo' ? t('log.notAPhoto') : t('log.photoError');
        refused.textContent = text;
        refused.hidden = false;
        toast(text, { kind: 'error', ms: 6000 });
      } finally {
        preparing -= 1;
      }
      redraw();
    }
    busy.hidden = preparing === 0;
    if (preparing === 0) {
      const waiting = whenReady;
      whenReady = [];
      waiting.forEach((resolve) => resolve());
    }
  }

  const element = h(
    'fieldset',
    { class: 'group photos' },
    h('legend', {}, t('log.photos')),
    h(
      'div',
      { class: 'row' },
      pickerButton('close_up', t('log.addCloseUp'), onFiles),
      pickerButton('context', t('log.addContext'), onFiles),
      pickerButton('sign', t('log.addSign'), onFiles),
    ),
    busy,
    refused,
    thumbs,
  );
  redraw();
  return {
    element,
    photos: () => photos.slice(),
    // The shas of the camera's photos the walker took off it.
    removed: () => removed.slice(),
    busy: () => preparing > 0,
    // Resolves once every photo picked so far is ready (or refused).
    ready: () =>
      preparing === 0 ? Promise.resolve() : new Promise((resolve) => whenReady.push(resolve)),
    dispose: () => photos.forEach((p) => URL.revokeObjectURL(p.url)),
  };
}
