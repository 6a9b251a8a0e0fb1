// Pick the walk of the day. The list is kept on the phone for offline starts.
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { errorText, langSwitch, page } from './common.js';
import { showWalkMaps, storagePanel } from '../status/storage.js';
import { othersWorkPanel } from '../status/others.js';
import { refreshBasemaps } from '../../sync/basemaps.js';
import { refreshCoverages } from '../../sync/coverage.js';
import { formatDate } from '../../shared/format.js';

function walkButton(ctx, walk) {
  return h(
    'li',
    {},
    h(
      'button',
      {
        class: 'walk',
        type: 'button',
        onclick: async () => {
          await store.setMeta('walk_id', walk.id);
          ctx.go('map', { walk });
        },
      },
      h('span', { class: 'walk-name' }, walk.name),
      h('span', { class: 'walk-date' }, walk.date ? formatDate(walk.date) : ''),
    ),
  );
}

export async function renderWalks(ctx) {
  const groupId = ctx.session.group.id;
  const list = h('ul', { class: 'walks' });
  const status = h('p', { class: 'muted', role: 'status' });
  const storage = storagePanel();
  const show = (walks) =>
    mount(
      list,
      walks.length
        ? walks.map((w) => walkButton(ctx, w))
        : h(
            'li',
            { class: 'muted' },
            // An organiser is the one who creates walks: asking "the organisers" would send her to herself.
            t(ctx.session.member.role === 'organiser' ? 'walks.emptyOrganiser' : 'walks.empty'),
          ),
    );

  mount(
    ctx.root,
    page(
      ctx,
      t('walks.title'),
      h(
        'p',
        { class: 'muted' },
        t('menu.signedIn', { who: ctx.session.member.pseudonym, group: ctx.session.group.name }),
      ),
      othersWorkPanel(ctx),
      list,
      status,
      // Organisers only; the screens load on demand so walkers never fetch them.
      ctx.session.member.role === 'organiser'
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-primary org-open',
              onclick: () => ctx.go('organise'),
            },
            t('walks.organise'),
          )
        : null,
      storage,
      langSwitch(() => renderWalks(ctx)),
    ),
  );
  show(await store.listWalks(groupId));
  try {
    const walks = await ctx.api.walks(groupId);
    await store.putWalks(groupId, walks);
    show(await store.listWalks(groupId));
    // Every walk's map, so that one never opened online still shows offline.
    if (await refreshBasemaps(ctx.api, store, walks)) await showWalkMaps(storage);
    // Then what the cameras see on each of those maps, also kept for offline.
    await refreshCoverages(ctx.api, store, walks);
  } catch (err) {
    if (err.status === 401) {
      await store.forgetToken(); // records stay; only the token is dropped
      ctx.go('login', { expired: true });
      return;
    }
    status.textContent = err.status === 0 ? t('walks.offline') : errorText(err);
  }
}
