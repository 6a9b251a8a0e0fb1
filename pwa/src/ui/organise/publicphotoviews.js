// What the public-photos section shows, built from plain data: the list of
// approved cameras with their photos, one photo's card, the blur editor's
// panel and the public copy. No state and no API calls: the controller
// (publicphotos.js) passes values and callbacks in.
import { h } from '../dom.js';
import { t, tp, tv } from '../../i18n/index.js';
import { cameraName } from './skips.js';

// Which camera a row of photos belongs to, as its review card names it: its
// type, operator, walker and day. "Caméra · —" (kind and operator alone) left
// two rows alike and no way to tell which camera a photo showed.
export function cameraHeading(cam) {
  return cameraName(cam.id, cam);
}

export function photoCard(cam, photo, { photos, onCheck }) {
  const n = (photo.blur || []).length;
  return h(
    'div',
    { class: `pp-photo${photo.public ? ' is-public' : ''}`, dataset: { sha: photo.sha256 } },
    photos.image(photo.sha256, { alt: tv('kind', cam.kind) }),
    h(
      'span',
      { class: `badge${photo.public ? ' badge-public' : ''}` },
      photo.public ? tp('pp.isPublic', n) : t('pp.notPublic'),
    ),
    h(
      'button',
      { type: 'button', class: 'btn btn-small pp-check', onclick: (e) => onCheck(e.currentTarget) },
      t('pp.check'),
    ),
  );
}

// The section's text and list; card(cam, photo) draws each photo.
export function cameraList(cameras, card) {
  const withPhotos = cameras.filter((c) => c.photos.length);
  const all = withPhotos.flatMap((c) => c.photos);
  return [
    h('h2', {}, t('pp.title')),
    h('p', { class: 'muted' }, t('pp.what')),
    h(
      'p',
      { role: 'status' },
      tp('pp.count', all.filter((p) => p.public).length, { of: all.length }),
    ),
    withPhotos.length
      ? h(
          'ul',
          { class: 'plain pp-list' },
          withPhotos.map((cam) =>
            h(
              'li',
              { class: 'pp-camera', dataset: { id: cam.id } },
              h('p', { class: 'pp-camera-head' }, cameraHeading(cam)),
              h(
                'div',
                { class: 'pp-photos' },
                cam.photos.map((p) => card(cam, p)),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('pp.none')),
  ];
}

// What the public will see, once the server made the blurred copy.
export function publicCopy(answer) {
  if (!answer.public || !answer.public_url) return null;
  return h(
    'figure',
    {},
    h('img', { src: answer.public_url, alt: t('pp.publicCopy'), class: 'pp-public-img' }),
    h('figcaption', { class: 'muted' }, t('pp.publicCopy')),
  );
}

// What the server found before she looks: null when it has not looked (or she
// already decided), else the proposed boxes.
function foundNote(found) {
  if (found == null) return null;
  return h(
    'p',
    { class: 'pp-found', role: 'status' },
    found.length ? tp('pp.found', found.length) : t('pp.foundNone'),
  );
}

// `camera`: the heading of the camera she opened the photo from. Publish and
// keep private decide for that camera alone: the panel says so, as it sits
// below the list. `onWithdrawEverywhere` (null when the photo shows beside no
// other camera) keeps it private beside every camera.
export function editorPanel(
  sha,
  { boxEditor, found, save, result, camera, onWithdraw, onWithdrawEverywhere, onClose },
) {
  return h(
    'div',
    { class: 'pp-edit', dataset: { sha } },
    h('h3', {}, t('pp.editTitle')),
    h('p', { class: 'pp-beside' }, t('pp.beside', { camera })),
    h('p', { class: 'muted' }, t('pp.howTo')),
    foundNote(found),
    boxEditor,
    h(
      'div',
      { class: 'actions' },
      save,
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-warn',
          id: 'pp-withdraw',
          onclick: (e) => onWithdraw(e.currentTarget),
        },
        t('pp.keepPrivate'),
      ),
      onWithdrawEverywhere
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-warn',
              id: 'pp-withdraw-all',
              onclick: (e) => onWithdrawEverywhere(e.currentTarget),
            },
            t('pp.keepPrivateEverywhere'),
          )
        : null,
      h('button', { type: 'button', class: 'btn', onclick: onClose }, t('pp.close')),
    ),
    result,
  );
}
