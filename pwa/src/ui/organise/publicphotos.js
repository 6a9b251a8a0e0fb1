// Which photos of the walk's approved cameras go on the public map. Nothing is
// public until an organiser has looked at the photo, hidden what must be
// hidden (faces, plates, windows) and said so; the public sees the server's
// blurred copy without any metadata, and this screen shows that copy back.
import { h, mount, toast } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { act, failed, loading, show } from './util.js';
import { photoBag } from './photos.js';
import { blurEditor } from './blur.js';

export function publicPhotos(api, groupId, walk) {
  const host = h(
    'section',
    { class: 'org-card pub-photos' },
    h('h2', {}, t('pp.title')),
    loading(),
  );
  const photos = photoBag(api);
  const editorUrls = [];
  if (!walk) {
    mount(host, h('h2', {}, t('pp.title')), h('p', { class: 'muted' }, t('sum.pickWalk')));
    return { el: host, release() {} };
  }
  const editor = h('div', { class: 'pp-editor', 'aria-live': 'polite' });
  let cameras = [];

  function draw() {
    photos.release();
    const withPhotos = cameras.filter((c) => c.photos.length);
    const published = withPhotos.flatMap((c) => c.photos).filter((p) => p.public).length;
    mount(
      host,
      h('h2', {}, t('pp.title')),
      h('p', { class: 'muted' }, t('pp.what')),
      h(
        'p',
        { role: 'status' },
        t('pp.count', { n: published, of: withPhotos.flatMap((c) => c.photos).length }),
      ),
      withPhotos.length
        ? h(
            'ul',
            { class: 'plain pp-list' },
            withPhotos.map((cam) =>
              h(
                'li',
                { class: 'pp-camera', dataset: { id: cam.id } },
                h(
                  'p',
                  { class: 'pp-camera-head' },
                  `${tv('kind', cam.kind)} · ${show(cam.operator)}`,
                ),
                h(
                  'div',
                  { class: 'pp-photos' },
                  cam.photos.map((p) => photoCard(cam, p)),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('pp.none')),
      editor,
    );
  }

  function photoCard(cam, photo) {
    const n = (photo.blur || []).length;
    return h(
      'div',
      { class: `pp-photo${photo.public ? ' is-public' : ''}`, dataset: { sha: photo.sha256 } },
      photos.image(photo.sha256, { alt: tv('kind', cam.kind) }),
      h(
        'span',
        { class: `badge${photo.public ? ' badge-public' : ''}` },
        photo.public ? t('pp.isPublic', { n }) : t('pp.notPublic'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-small pp-check',
          onclick: (e) => act(e.currentTarget, () => openEditor(photo)),
        },
        t('pp.check'),
      ),
    );
  }

  async function openEditor(photo) {
    const blob = await api.photoDisplay(photo.sha256);
    const url = URL.createObjectURL(blob);
    editorUrls.push(url);
    const boxes = (photo.blur || []).map((b) => [...b]);
    const save = h('button', { type: 'button', class: 'btn btn-approve', id: 'pp-publish' });
    const label = () => mount(save, t('pp.publish', { n: boxes.length }));
    label();
    const result = h('div', { class: 'pp-result' });
    const showResult = (answer) =>
      mount(
        result,
        answer.public && answer.public_url
          ? h(
              'figure',
              {},
              h('img', { src: answer.public_url, alt: t('pp.publicCopy'), class: 'pp-public-img' }),
              h('figcaption', { class: 'muted' }, t('pp.publicCopy')),
            )
          : null,
      );
    async function decide(body, button) {
      await act(button, async () => {
        const answer = await api.photoPublication(photo.sha256, body);
        Object.assign(photo, { public: answer.public, blur: answer.blur || [] });
        toast(answer.public ? t('pp.published') : t('pp.withdrawn'));
        showResult(answer);
        const keep = editor.firstChild;
        draw();
        mount(editor, keep);
      });
    }
    mount(
      editor,
      h(
        'div',
        { class: 'pp-edit', dataset: { sha: photo.sha256 } },
        h('h3', {}, t('pp.editTitle')),
        h('p', { class: 'muted' }, t('pp.howTo')),
        blurEditor(url, boxes, label),
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
              onclick: (e) => decide({ public: false, blur: boxes }, e.currentTarget),
            },
            t('pp.keepPrivate'),
          ),
          h(
            'button',
            { type: 'button', class: 'btn', onclick: () => mount(editor) },
            t('pp.close'),
          ),
        ),
        result,
      ),
    );
    save.addEventListener('click', (e) => decide({ public: true, blur: boxes }, e.currentTarget));
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
      editorUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    },
  };
}
