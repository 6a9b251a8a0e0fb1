// Every test file gets an in-memory IndexedDB; helpers below give each test a
// fresh one so no test sees another's outbox.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { closeDb } from '../src/db/index.js';

beforeEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});
