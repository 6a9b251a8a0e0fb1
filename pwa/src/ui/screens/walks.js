// Pick the walk of the day. The list is kept on the phone for offline starts.
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { errorText, langSwitch, page } from './common.js';
import { showWalkMaps, storagePanel } from '../status/storage.js';
import { othersWorkPanel } from '../status/others.js';
import { ownWorkLine } from '../status/ownwork.js';
import { refreshBasemaps } from '../../sync/basemaps.js';
import { refreshCoverages } from '../../sync/coverage.js';
import { formatDate } from '../../shared/format.js';
import { noticingSlow } from '../../util/slow.js';
import { noConnection } from '../../api/client.js';

// How long the list is waited for before she is told the link is slow and
// offered Retry (ms). The request goes on until the API client's own 30 s
// timeout; a newcomer on a bad link must not stare at "Loading" that long.
export const WALKS_SLOW_MS = 5000;

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
  const visit = ctx.visit();
  const groupId = ctx.session.group.id;
  const list = h('ul', { class: 'walks' });
  const status = h('p', { class: 'muted walks-status', role: 'status' });
  const storage = storagePanel();
  // "No walk yet" only once the server said so: while it is asked, or when it
  // could not answer, the list is unknown, not empty.
  const emptyText = () =>
    // An organiser is the one who creates walks: asking "the organisers" would send her to herself.
    t(ctx.session.member.role === 'organiser' ? 'walks.emptyOrganiser' : 'walks.empty');
  const show = (walks, whenNone = emptyText()) =>
    mount(
      list,
      walks.length
        ? walks.map((w) => walkButton(ctx, w))
        : whenNone
          ? h('li', { class: 'muted' }, whenNone)
          : null,
    );
  const retry = h(
    'button',
    { type: 'button', class: 'btn walks-retry', hidden: true, onclick: () => load() },
    t('walks.retry'),
  );

  // Each load is numbered: one started by the network's return or a retry
  // supersedes one still hanging on the old connection.
  let loads = 0;
  async function load() {
    const mine = ++loads;
    const current = () => mine === loads && ctx.visit() === visit;
    retry.hidden = true;
    const kept = await store.listWalks(groupId);
    if (!current()) return;
    status.textContent = t('walks.loading');
    show(kept, kept.length ? emptyText() : null);
    let walks;
    try {
      walks = await noticingSlow(ctx.api.walks(groupId), WALKS_SLOW_MS, () => {
        if (!current()) return;
        status.textContent = t('walks.slow');
        retry.hidden = false;
      });
    } catch (err) {
      if (!current()) return;
      if (err.status === 401) {
        await ctx.authLost(err); // records stay; only the token is dropped
        return;
      }
      status.textContent = walksFailed(err, kept.length > 0);
      retry.hidden = false;
      return;
    }
    await store.putWalks(groupId, walks);
    if (!current()) return;
    status.textContent = '';
    retry.hidden = true; // offered while it was slow
    show(await store.listWalks(groupId));
    // Every walk's map, so that one never opened online still shows offline
    // (each failure there is silent: the copy held stays).
    if (await refreshBasemaps(ctx.api, store, walks)) await showWalkMaps(storage);
    // Then what the cameras see on each of those maps, also kept for offline.
    await refreshCoverages(ctx.api, store, walks);
  }
  const onOnline = () => load();
  window.addEventListener('online', onOnline);
  const own = ownWorkLine(ctx);
  const stop = () => {
    window.removeEventListener('online', onOnline);
    own.stop();
  };

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
      own.line,
      othersWorkPanel(ctx),
      list,
      status,
      retry,
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
      langSwitch(() => {
        stop();
        renderWalks(ctx);
      }),
    ),
  );
  if (!ctx.keep(visit, stop)) return;
  await load();
}

// Why the list did not come. With a list kept on the phone, no answer is told
// as offline is, whatever the phone says of its network (a captive portal, a
// dead link: api/client.js noConnection): she walks from the list she has.
// With none, "offline" only when the phone says so: a newcomer whose first
// list timed out on a slow link is online, and offered Retry.
function walksFailed(err, kept) {
  if (noConnection(err) && (kept || navigator.onLine === false))
    return t(kept ? 'walks.offline' : 'walks.offlineNone');
  const why = err.status === 0 ? t('walks.failed') : `${t('walks.failed')} ${errorText(err)}`;
  return kept ? `${why} ${t('walks.kept')}` : why;
}
