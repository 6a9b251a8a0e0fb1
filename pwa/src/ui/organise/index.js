// The organisers' space: one shell (walk picker + tabs) around the screens.
// Loaded with import() only when an organiser opens it, so walkers never
// download any of it. The server refuses every call to a walker anyway.
import './i18n.js';
import './organise.css';
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { loading } from './util.js';
import { organiseHash } from '../route.js';
import { loadPart, partMissing } from '../part.js';
import { formatDate } from '../../shared/format.js';

const TABS = {
  review: () => import('./review.js'),
  conflicts: () => import('./conflicts.js'),
  summary: () => import('./summary.js'),
  exports: () => import('./exports.js'),
  signage: () => import('./signage.js'),
  public: () => import('./public.js'),
  walks: () => import('./walks.js'),
  people: () => import('./people.js'),
  account: () => import('./account.js'),
};

export function isOrganiser(session) {
  return Boolean(session && session.member && session.member.role === 'organiser');
}

export async function renderOrganise(ctx, params = {}) {
  if (!isOrganiser(ctx.session)) {
    ctx.go('walks');
    return;
  }
  const visit = ctx.visit();
  const groupId = ctx.session.group.id;
  let walks = ctx.organiseWalks || [];
  try {
    walks = await ctx.api.walks(groupId);
    ctx.organiseWalks = walks;
  } catch {
    // Offline: the last list (or none) still lets the screens explain themselves.
  }
  if (visit !== ctx.visit()) return;
  // A new group has nothing to review yet: its first job is to create a walk.
  const fallback = walks.length ? 'review' : 'walks';
  const tab = TABS[params.tab] ? params.tab : fallback;
  const wanted = params.walkId ?? ctx.organiseWalkId;
  // A walk from an old link may be gone: the newest one stands in.
  const walk = walks.find((w) => w.id === wanted) || walks[0] || null;
  const walkId = walk ? walk.id : null;
  ctx.organiseWalkId = walkId;
  // Each tab and walk has its address: a new step is pushed, one read from
  // the address bar (reload, back, a shared link) only corrects it.
  const address = `/${organiseHash({ tab, walkId })}`;
  if (`${window.location.pathname}${window.location.hash}` !== address) {
    history[params.fromAddress ? 'replaceState' : 'pushState'](null, '', address);
  }

  const body = h('div', { class: 'org-body' }, loading());
  const picker = h(
    'select',
    {
      id: 'org-walk',
      onchange: (e) => ctx.go('organise', { tab, walkId: Number(e.target.value) }),
    },
    walks.map((w) =>
      h(
        'option',
        { value: String(w.id), selected: w.id === walkId },
        w.date ? `${w.name} · ${formatDate(w.date)}` : w.name,
      ),
    ),
  );
  const nav = h(
    'nav',
    { class: 'org-tabs', 'aria-label': t('org.title') },
    Object.keys(TABS).map((name) =>
      h(
        'button',
        {
          type: 'button',
          class: `org-tab${name === tab ? ' is-current' : ''}`,
          'aria-current': name === tab ? 'page' : null,
          dataset: { tab: name },
          onclick: () => ctx.go('organise', { tab: name, walkId }),
        },
        t(`org.tab.${name}`),
      ),
    ),
  );
  mount(
    ctx.root,
    h(
      'main',
      { class: 'org' },
      h(
        'header',
        { class: 'org-head' },
        h('span', { class: 'brand' }, 'camwalk'),
        h('span', { class: 'org-group' }, ctx.session.group.name),
        // No walk yet: an empty selector would only puzzle; the Walks tab says what to do.
        walks.length
          ? h(
              'label',
              { class: 'org-walk-pick' },
              h('span', { class: 'visually-hidden' }, t('org.walk')),
              picker,
            )
          : null,
        h(
          'button',
          { type: 'button', class: 'btn btn-small org-back', onclick: () => ctx.go('walks') },
          t('org.back'),
        ),
      ),
      nav,
      body,
    ),
  );
  // On a phone the tabs scroll sideways: keep the open one in sight.
  const current = nav.querySelector('.is-current');
  if (current) current.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const screen = await loadPart(TABS[tab], () => {
    if (visit === ctx.visit())
      mount(
        body,
        partMissing(() => ctx.go('organise', { tab, walkId })),
      );
  });
  if (!screen || visit !== ctx.visit()) return;
  // The group's "no third-party tiles" rides on each of its walks (the same value on all).
  const ownTilesOnly = walks.some((w) => w.own_tiles_only);
  const octx = { ctx, api: ctx.api, groupId, walk, walks, params, ownTilesOnly };
  const cleanup = await screen.render(body, octx);
  if (ctx.keep(visit, typeof cleanup === 'function' ? cleanup : null)) body.dataset.ready = tab;
}
