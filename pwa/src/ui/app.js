// The app controller: which screen shows, and the few things every screen
// shares (session, server config, API client, sync scheduler).
import { createApiClient } from '../api/client.js';
import * as store from '../db/index.js';
import { createScheduler } from '../sync/scheduler.js';
import { syncNow } from '../sync/runner.js';
import {
  inviteFromLocation,
  organiseFromLocation,
  osmReturnFromLocation,
  signInFromLocation,
} from './route.js';
import { renderWelcome } from './screens/welcome.js';
import { renderJoin } from './screens/join.js';
import { renderLogin } from './screens/login.js';
import { renderSignIn } from './screens/signin.js';
import { renderRemoved } from './screens/removed.js';
import { renderWalks } from './screens/walks.js';
import { renderMapScreen } from './map/screen.js';
import { loadPart, partMissing } from './part.js';
import { h, mount } from './dom.js';
import { t } from '../i18n/index.js';
import { page } from './screens/common.js';

const SCREENS = {
  welcome: renderWelcome,
  join: renderJoin,
  login: renderLogin,
  signin: renderSignIn,
  removed: renderRemoved,
  walks: renderWalks,
  map: renderMapScreen,
  // Lazy: a separate chunk that only organisers download (checked here, before
  // the import, so a walker's browser never fetches it).
  organise: async (ctx, params) => {
    if (ctx.session?.member?.role !== 'organiser') return renderWalks(ctx);
    const part = await lazyScreen(ctx, 'organise', params, () => import('./organise/index.js'));
    return part && part.renderOrganise(ctx, params);
  },
  public: async (ctx, params) => {
    const part = await lazyScreen(ctx, 'public', params, () => import('./public/index.js'));
    return part && part.renderPublicMap(ctx, params);
  },
};

// A screen's chunk, or, when it cannot be had (offline, or gone from an
// upgraded server: ui/part.js), a page saying so in its place. A signed-in
// member gets back to her walks from it: a reload would open it again.
function lazyScreen(ctx, name, params, load) {
  const visit = ctx.visit();
  return loadPart(load, () => {
    if (visit !== ctx.visit()) return;
    const back = ctx.session?.token
      ? h(
          'button',
          { type: 'button', class: 'btn', onclick: () => ctx.go('walks') },
          t('part.back'),
        )
      : null;
    mount(
      ctx.root,
      page(
        ctx,
        t('part.title'),
        partMissing(() => ctx.go(name, params)),
        back,
      ),
    );
  });
}

// /public/<slug>: a campaign's published map, for anyone, signed in or not.
const PUBLIC_PATH = /^\/public\/([^/?#]+)\/?$/;

export async function startApp(root) {
  const listeners = new Set();
  // The walk she was on is read beside the session, not after it: on a cold start
  // offline each IndexedDB round trip waits for a busy page (bench/pwa_cold_start.py).
  const lastWalk = store.getMeta('walk_id').then((id) => (id != null ? store.getWalk(id) : null));
  const [session, config] = await Promise.all([store.getSession(), store.getMeta('config')]);
  const ctx = {
    root,
    session,
    config: config || null,
    api: createApiClient({ getToken: async () => (await store.getSession())?.token }),
    onSyncState: (fn) => listeners.add(fn) && (() => listeners.delete(fn)),
    cleanup: null,
  };

  ctx.scheduler = createScheduler({
    syncNow,
    onState: (s) => listeners.forEach((fn) => fn(s)),
    // The run has dropped the token it was refused, if the session still held
    // it (sync/runner.js): the screen follows the session.
    onAuthRequired: () => followRefusal(),
  });

  // The server no longer takes this phone's token: the records stay, only the
  // token goes. A removed member is told so: logging in cannot bring her back.
  ctx.authLost = async (err) => {
    await store.tokenRefused(err);
    await followRefusal();
  };
  // A session with a token is another member's, who signed in on this phone
  // while the refused request was on the wire: it stays, and so does its screen.
  async function followRefusal() {
    ctx.session = await store.getSession();
    if (ctx.session && ctx.session.token) return;
    ctx.go(ctx.session && ctx.session.removed ? 'removed' : 'login', { expired: true });
  }

  // Each go() is a visit. A screen that awaits before it is drawn checks it is still the
  // current visit, and hands its cleanup to keep(): a visit already left (a second tab
  // clicked while the first loaded) must not draw over the next one nor leave its
  // listeners behind.
  let visits = 0;
  ctx.visit = () => visits;
  ctx.keep = (visit, cleanup) => {
    if (visit === visits) {
      ctx.cleanup = cleanup;
      return true;
    }
    if (cleanup) cleanup();
    return false;
  };

  ctx.go = async (name, params = {}) => {
    visits += 1;
    if (ctx.cleanup) ctx.cleanup();
    ctx.cleanup = null;
    ctx.onBack = null;
    window.scrollTo(0, 0);
    if (name === 'walks' || name === 'map') walkerEntry(name, params.walk);
    // Leaving the organiser space leaves its address too, so a reload stays out.
    else if (name !== 'organise' && organiseFromLocation(window.location)) {
      history.pushState(null, '', window.location.pathname);
    }
    ctx.screen = name;
    await SCREENS[name](ctx, params);
  };

  // Back and forward between organiser tabs, walks, and out of the space; from
  // a walk's map down to the walk list; on the map, a sheet answers first.
  window.addEventListener('popstate', () => {
    const address = organiseFromLocation(window.location);
    const at = history.state || {};
    if (address) ctx.go('organise', { ...address, fromAddress: true });
    else if (ctx.screen === 'organise') ctx.go('walks');
    else if (ctx.screen === 'map' && at.screen === 'walks') ctx.go('walks');
    else if (ctx.screen === 'map' && at.screen === 'map' && ctx.onBack) ctx.onBack();
  });

  // After a join or login: keep the session, leave the invite address.
  // extra: what the screen that signed her in keeps with the session (the join's
  // invite code, to join again with it: screens/login.js).
  ctx.signedIn = async (answer, extra = {}) => {
    const before = await store.getSession();
    ctx.session = { token: answer.token, member: answer.member, group: answer.group, ...extra };
    if (joinedAgainAsHerself(before, ctx.session)) {
      await store.adoptWork(before.member.id, store.workOwner(ctx.session));
    }
    await store.setSession(ctx.session);
    history.replaceState(null, '', '/');
    ctx.go('walks');
    // Pull the group's cameras now, while the walker is surely online.
    ctx.scheduler.request('open');
  };

  window.addEventListener('online', () => {
    refreshConfig(ctx);
    ctx.scheduler.request('online');
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') ctx.scheduler.request('visible');
  });

  await ctx.go(...(await firstScreen(ctx, lastWalk)));
  // After the first screen, not before: starting a request costs a cold page some 20 ms of
  // its main thread (4x slowdown, bench/pwa_cold_start.py), and the screen uses the stored copy.
  refreshConfig(ctx);
  if (ctx.session && ctx.session.token && !PUBLIC_PATH.test(window.location.pathname)) {
    ctx.scheduler.request('open');
  }
  return ctx;
}

// The walker's screens have history entries of their own, one over the other:
// the walk list, a walk's map, a sheet open on it (map/sheets.js). Back then
// goes down them inside the app: an installed PWA on Android closes at its
// first entry. Their address stays the one they had: a reload opens the last
// walk, as before.
function walkerEntry(name, walk) {
  const at = history.state || {};
  const path = window.location.pathname;
  const entry = name === 'map' ? { screen: 'map', walkId: walk.id } : { screen: 'walks' };
  if (name === 'walks' && at.screen === 'map') {
    // Down to the list's own entry, as back would: one pushed would leave the map under it.
    history.go(at.sheet ? -2 : -1);
  } else if (name === 'map' && at.sheet) {
    history.back(); // the map drawn again (in the other language) has no sheet open
  } else if (at.screen === name) {
    history.replaceState(entry, '', path); // a reload, or back and forward
  } else {
    // A new entry when leaving the organiser space, so back returns to it.
    const add = organiseFromLocation(window.location) ? 'pushState' : 'replaceState';
    if (name === 'walks') {
      history[add](entry, '', path);
    } else {
      // A map opened first (the last walk, at start) gets the walk list under it.
      if (at.screen !== 'walks') history[add]({ screen: 'walks' }, '', path);
      history.pushState(entry, '', path);
    }
  }
}

// The server forgot her (token_unknown: a restore from a backup made before she
// joined) and she joined its group again under the same pseudonym: a new member
// for the server, the same walker for this phone's work.
function joinedAgainAsHerself(before, now) {
  return (
    store.forgottenByServer(before) &&
    before.group.id === now.group.id &&
    before.member.pseudonym === now.member.pseudonym &&
    before.member.id !== now.member.id
  );
}

async function firstScreen(ctx, lastWalk) {
  const pub = PUBLIC_PATH.exec(window.location.pathname);
  if (pub) return ['public', { slug: decodeURIComponent(pub[1]) }];
  const signIn = signInFromLocation(window.location);
  if (signIn) return ['signin', { code: signIn }];
  const code = inviteFromLocation(window.location);
  if (code) return ['join', { code }];
  const s = ctx.session;
  const osmReturn = osmReturnFromLocation(window.location);
  if (osmReturn) history.replaceState(null, '', '/'); // a reload must not say it again
  if (!s) return ['welcome'];
  if (!s.token) return [s.removed ? 'removed' : 'login', { expired: true }];
  if (osmReturn && s.member && s.member.role === 'organiser') {
    return ['organise', { tab: 'exports', osmReturn }];
  }
  const address = organiseFromLocation(window.location);
  if (address) return ['organise', { ...address, fromAddress: true }];
  const walk = await lastWalk;
  return walk ? ['map', { walk }] : ['walks'];
}

// The tile URL and limits come from the server; the last copy is kept so the
// map still knows its basemap offline.
async function refreshConfig(ctx) {
  try {
    ctx.config = await ctx.api.config();
    await store.setMeta('config', ctx.config);
  } catch {
    // Offline: the stored copy (or none) will do.
  }
}
