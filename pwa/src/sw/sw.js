// The service worker's listeners. Strategies live in strategies.js.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoutes } from './strategies.js';
import { OUTBOX_SYNC_TAG, syncNow } from '../sync/runner.js';

// Filled in by the build with every shell file and its revision hash.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoutes();

// Take control of the page on the very first visit, so the app works
// offline after one visit online. A later version still waits (no
// skipWaiting here): the page asks the walker first.
clientsClaim();

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

// Background Sync, where the browser has it: a bonus, never relied on; the
// page syncs on open, on "online" and on the button anyway.
self.addEventListener('sync', (event) => {
  if (event.tag !== OUTBOX_SYNC_TAG) return;
  event.waitUntil(
    syncNow({ wait: false }).catch((err) => {
      // Rethrow retryable failures so the browser schedules another try.
      if (err && err.retryable) throw err;
    }),
  );
});
