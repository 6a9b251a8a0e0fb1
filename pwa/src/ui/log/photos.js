// The photo part of the log form: two buttons (close-up, wide) that open the
// camera, thumbnails, and an offer to use the photo's own GPS or direction
// when it has them.
import { h, mount, toast } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { preparePhoto } from '../../photos/process.js';
import { ICONS } from '../icons.js';

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

export function photoSection({ maxBytes, onExif }) {
  const photos = [];
  const thumbs = h('ul', { class: 'thumbs', 'aria-live': 'polite' });
  const busy = h('p', { class: 'muted', hidden: true }, '…');

  function redraw() {
    mount(
      thumbs,
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
    busy.hidden = false;
    for (const file of files) {
      try {
        const p = await preparePhoto(file, role, maxBytes);
        if (photos.some((q) => q.sha256 === p.sha256)) continue;
        p.url = URL.createObjectURL(p.blob);
        photos.push(p);
        if (p.exif) onExif(p.exif);
      } catch {
        toast(t('log.photoError'), { kind: 'error' });
      }
    }
    busy.hidden = true;
    redraw();
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
    ),
    busy,
    thumbs,
  );
  return {
    element,
    photos: () => photos.slice(),
    busy: () => !busy.hidden,
    dispose: () => photos.forEach((p) => URL.revokeObjectURL(p.url)),
  };
}
