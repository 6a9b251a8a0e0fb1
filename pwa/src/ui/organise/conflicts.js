// Open conflicts: both values side by side with who set them and when; one
// tap settles it. The walkers' phones get the settled value on their next
// sync (the server bumps the observation, the pull brings it down).
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act, failed, loading } from './util.js';
import { fieldLabel } from './fields.js';
import { historyPanel } from './history.js';
import { fieldValue, formatDateTime, typed } from '../../shared/format.js';
import { photoBag } from './photos.js';
import { cardTitle } from './reviewviews.js';

export async function render(host, octx) {
  const { api, groupId, walk, walks } = octx;
  const photos = photoBag(api);
  mount(host, loading());
  let conflicts;
  try {
    conflicts = await api.conflicts(groupId, { walkId: walk && walk.id });
  } catch (err) {
    failed(err);
    return null;
  }

  // Which camera: what it is, its operator, its walk and who logged it, and its
  // first photo. Its id alone ("Caméra ede43865") told it from none of the walk's.
  function aboutCamera(camera) {
    if (!camera) return null;
    const itsWalk = !walk && (walks || []).find((w) => w.id === camera.walk_id);
    const words = [
      cardTitle(camera),
      camera.operator ? typed(camera.operator) : null,
      itsWalk ? typed(itsWalk.name) : null,
      camera.created_by ? t('conf.loggedBy', { who: typed(camera.created_by) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const [first] = camera.photos || [];
    return h(
      'div',
      { class: 'conf-camera' },
      first ? photos.thumb(first, words) : null,
      h('p', {}, words),
    );
  }

  function card(c) {
    const title =
      c.kind === 'delete_edit'
        ? t('conf.deleteEdit')
        : t('conf.field', { field: fieldLabel(c.field) });
    const side = (s, i) =>
      h(
        'div',
        { class: `conf-side${i === 0 ? ' is-current' : ''}`, dataset: { side: String(i) } },
        h('p', { class: 'conf-value' }, fieldValue(c.field, s.value)),
        h(
          'p',
          { class: 'conf-who' },
          t('conf.byAt', { who: s.pseudonym || '—', when: formatDateTime(s.made_at) }),
          s.organiser ? h('span', { class: 'badge' }, t('ppl.role.organiser')) : null,
          i === 0 ? h('span', { class: 'badge' }, t('conf.current')) : null,
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary conf-pick',
            onclick: (e) => settle(c, { side: i }, e.currentTarget),
          },
          t('conf.pick', { value: fieldValue(c.field, s.value) }),
        ),
      );
    return h(
      'article',
      { class: 'org-card conf-card', dataset: { key: c.key, observation: c.observation_id } },
      h('h2', {}, title),
      h(
        'p',
        { class: 'muted' },
        t('conf.camera', { id: c.observation_id.slice(0, 8) }),
        ' · ',
        formatDateTime(c.created_at),
        ' · ',
        t('conf.base', { v: fieldValue(c.field, c.base_value) }),
      ),
      aboutCamera(c.camera),
      h('div', { class: 'conf-sides' }, c.sides.map(side)),
      historyPanel(api, c.observation_id),
    );
  }

  async function settle(c, choice, button) {
    const done = await act(button, () => api.resolveConflict(c.key, choice));
    if (!done) return;
    toast(t('conf.resolved'));
    conflicts = conflicts.filter((x) => x !== c);
    draw();
  }

  function draw() {
    mount(
      host,
      h(
        'section',
        { class: 'conflicts' },
        conflicts.length ? conflicts.map(card) : h('p', { class: 'rev-empty' }, t('conf.empty')),
      ),
    );
  }
  draw();
  return () => photos.release();
}
