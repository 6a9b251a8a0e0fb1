// How the service worker answers each kind of request.
//  - app shell: precached, revisioned by the build (see sw.js);
//  - page navigations (/, /join/<code>, ...): the cached index.html, since the
//    app routes on location.pathname itself;
//  - map tiles the walker has looked at: cache first, kept 14 days (the OSM
//    tile policy allows caching viewed tiles; nothing is pre-downloaded);
//  - /api/: no route at all, so it always goes to the network and a stale
//    answer can never hide the server's state.
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createHandlerBoundToURL } from 'workbox-precaching';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';

export const TILE_CACHE = 'camwalk-tiles';
const TILE_MAX_AGE_S = 14 * 24 * 3600;
const TILE_MAX_ENTRIES = 4000; // ~60 MB of 15 KB tiles

// z/x/y with an image extension, optional @2x / query string.
const TILE_PATH = /\/\d{1,2}\/\d+\/\d+(@\dx)?\.(png|jpe?g|webp)$/i;

export function isTileRequest(url, request) {
  return request.destination === 'image' && TILE_PATH.test(url.pathname);
}

export function isApi(url) {
  return url.origin === self.location.origin && url.pathname.startsWith('/api/');
}

export function registerRoutes() {
  registerRoute(
    new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
  );
  registerRoute(
    ({ url, request }) => !isApi(url) && isTileRequest(url, request),
    new CacheFirst({
      cacheName: TILE_CACHE,
      plugins: [
        // Only real 200s: an opaque answer could be an error page and would
        // count megabytes against the quota.
        new CacheableResponsePlugin({ statuses: [200] }),
        new ExpirationPlugin({
          maxAgeSeconds: TILE_MAX_AGE_S,
          maxEntries: TILE_MAX_ENTRIES,
          purgeOnQuotaError: true,
        }),
      ],
    }),
  );
}
