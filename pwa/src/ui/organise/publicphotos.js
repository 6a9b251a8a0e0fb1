// Which photos of the walk's approved cameras go on the public map. Nothing is
// public until an organiser has looked at the photo, hidden what must be
// hidden (faces, plates, windows) and said so; the public sees the server's
// blurred copy without any metadata, and this screen shows that copy back.
// This is the controller; what it looks like is in publicphotoviews.js.
import { h, mount, toast } from '../dom.js';
import { t, tp } from '../../i18n/index.js';
import { act, failed, loading } from './util.js';
import { photoBag } from './photos.js';
import { blurEditor } from './blur.js';
import {
  cameraHeading,
  cameraList,
  editorPanel,
  photoCard,
  publicCopy,
} from './publicphotoviews.js';

// What a decision made from camera camId's card asks the server: publish the
// photo, or keep it private, beside that camera alone. Named, a camera a walker
// linked it to, which she has not looked at, is not published; and kept
// private, the photo leaves this camera, not another where it is rightly shown.
// camId null: kept private beside every camera (a face that matters wherever
// the photo shows).
export function decisionBody(camId, published, boxes) {
  const body = { public: published, blur: boxes };
  return camId == null ? body : { ...body, observation_id: camId };
}

// Whether the photo shows beside another camera of the list than camId: the
// editor then offers to keep it private beside every camera at once.
export function showsElsewhere(cameras, camId, sha256) {
  return cameras.some((c) => c.id !== camId && c.photos.some((p) => p.sha256 === sha256));
}

// The photo's cards once the server answered a decision made from camera camId's
// card (`published`: what she asked): the boxes are the photo's, on every card;
// it is public beside that camera as she asked, beside the others as before,
// and beside none once the server says it is private (kept private beside the
// last camera it was published with).
export function applyDecision(cameras, camId, published, answer) {
  for (const cam of cameras) {
    for (const photo of cam.photos.filter((p) => p.sha256 === answer.sha256)) {
      photo.blur = answer.blur || [];
      photo.public = answer.public && (cam.id === camId ? published : photo.public);
    }
  }
}

// What the toast says once the server answered.
export function decisionNote(published, answer) {
  if (published) return t('pp.published');
  return answer.public ? t('pp.withdrawnHere') : t('pp.withdrawn');
}

export function publicPhotos(api, groupId, walk) {
  const host = h(
    'section',
    { class: 'org-card pub-photos' },
    h('h2', {}, t('pp.title')),
    loading(),
  );
  const photos = photoBag(api);
  if (!walk) {
    mount(host, h('h2', {}, t('pp.title')), h('p', { class: 'muted' }, t('sum.pickWalk')));
    return { el: host, release() {} };
  }
  const editor = h('div', { class: 'pp-editor', 'aria-live': 'polite' });
  let cameras = [];

  const card = (cam, photo) =>
    photoCard(cam, photo, {
      photos,
      onCheck: (button) => act(button, () => openEditor(cam, photo)),
    });

  function draw() {
    photos.release();
    mount(host, ...cameraList(cameras, card), editor);
  }

  async function openEditor(cam, photo) {
    const [blob, state] = await Promise.all([
      api.photoDisplay(photo.sha256),
      api.photoPublicationState(photo.sha256),
    ]);
    // Until she has once published or kept it private, the editor starts from
    // what the server found; after that, from her own boxes.
    const proposed = state.decided ? [] : (state.proposed_blur || []).map((b) => [...b]);
    const boxes = state.decided ? (state.blur || []).map((b) => [...b]) : [...proposed];
    const save = h('button', { type: 'button', class: 'btn btn-approve', id: 'pp-publish' });
    const label = () => mount(save, tp('pp.publish', boxes.length));
    label();
    const result = h('div', { class: 'pp-result' });
    // `camId`: the camera decided for, null for every camera.
    async function decide(published, button, camId = cam.id) {
      await act(button, async () => {
        const body = decisionBody(camId, published, boxes);
        const answer = await api.photoPublication(photo.sha256, body);
        applyDecision(cameras, camId, published, answer);
        toast(decisionNote(published, answer));
        // Kept private here, what the public still sees beside another camera is not this
        // card's to show.
        mount(result, published ? publicCopy(answer) : null);
        const keep = editor.firstChild;
        draw();
        mount(editor, keep);
      });
    }
    mount(
      editor,
      editorPanel(photo.sha256, {
        boxEditor: blurEditor(blob, boxes, label, proposed),
        found: state.decided ? null : state.proposed_blur,
        save,
        result,
        camera: cameraHeading(cam),
        onWithdraw: (button) => decide(false, button),
        onWithdrawEverywhere: showsElsewhere(cameras, cam.id, photo.sha256)
          ? (button) => decide(false, button, null)
          : null,
        onClose: () => mount(editor),
      }),
    );
    save.addEventListener('click', (e) => decide(true, e.currentTarget));
    editor.scrollIntoView({ block: 'start' });
  }

  api
    .reviewQueue(groupId, { status: 'approved', walkId: walk.id })
    .then((items) => {
      cameras = items;
      draw();
    })
    .catch((err) => {
      failed(err);
      mount(host, h('h2', {}, t('pp.title')));
    });

  return {
    el: host,
    release() {
      photos.release();
    },
  };
}
