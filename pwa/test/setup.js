// Every test starts as a fresh page would: an empty in-memory IndexedDB (so no
// test sees another's outbox), French, and the globals a test stubbed put back.
// The files share their modules (vite.config.js: `isolate: false`), so what one
// file leaves behind must not reach the next.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { closeDb } from '../src/db/index.js';
import { setLanguage } from '../src/i18n/index.js';

beforeEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
  setLanguage('fr', false);
});
