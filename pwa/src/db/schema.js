// The one versioned schema of the phone's IndexedDB. Each step only adds:
// a store that may hold unsynced work (observations, outbox, photos) is never
// deleted or cleared by an upgrade. A later version adds a step below and
// copies data forward inside the same versionchange transaction.
import { openDB } from 'idb';

export const DB_NAME = 'camwalk';
export const DB_VERSION = 5;

// Stores holding the walker's own work (`sent`: what she gives back after a
// server restore): an upgrade must keep them.
export const PRECIOUS_STORES = ['observations', 'outbox', 'photos', 'sent'];

const STEPS = [
  // version 1
  (db) => {
    // Small key-value pairs: session, sync cursor per group, server config.
    db.createObjectStore('meta');
    const walks = db.createObjectStore('walks', { keyPath: 'id' });
    walks.createIndex('group_id', 'group_id');
    const obs = db.createObjectStore('observations', { keyPath: 'id' });
    obs.createIndex('walk_id', 'walk_id');
    // autoIncrement seq gives "oldest first" for free when replaying.
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('change_id', 'change_id', { unique: true });
    outbox.createIndex('observation_id', 'observation_id');
    const photos = db.createObjectStore('photos', { keyPath: 'id' });
    photos.createIndex('observation_id', 'observation_id');
    // OSM cameras of a walk, one record per walk, refreshed when online.
    db.createObjectStore('osm_nodes', { keyPath: 'walk_id' });
  },
  // version 2
  (db) => {
    // The walk map of each walk (shared/basemap.js), a server copy kept for offline.
    db.createObjectStore('basemaps', { keyPath: 'walk_id' });
  },
  // version 3
  (db, tx) => stampOwners(tx),
  // version 4
  (db) => {
    // Changes the server acknowledged, kept a while (db/index.js, `sent`): what the
    // phone gives back if the server is restored from a backup taken before them.
    const sent = db.createObjectStore('sent', { keyPath: 'seq', autoIncrement: true });
    sent.createIndex('change_id', 'change_id', { unique: true });
    sent.createIndex('observation_id', 'observation_id');
    sent.createIndex('acked_at', 'acked_at');
  },
  // version 5
  (db, tx) => {
    // What decides whether a photo gives back its room (photos/freeing.js), as
    // keys: a sync finds the few photos held long enough without reading the
    // blob of every photo on the phone (db/index.js freeSentPhotos). A photo
    // lacking one of these fields (not uploaded yet) is in neither index.
    const photos = tx.objectStore('photos');
    photos.createIndex('held_since', ['uploaded_at', 'observation_id', 'sha256']);
    photos.createIndex('freed_at', 'freed.at');
    return stampUploadTimes(tx);
  },
];

// Queued work now names its owner (db/index.js workOwner): the member who logged it, so
// that someone else signing in on this phone never sends it as hers. Work queued before
// belongs to the member whose session the phone holds. Only adds a field.
async function stampOwners(tx) {
  const session = await tx.objectStore('meta').get('session');
  if (!session || !session.member || !session.group) return;
  const owner = {
    member_id: session.member.id,
    pseudonym: session.member.pseudonym,
    group_id: session.group.id,
  };
  for (const name of ['outbox', 'photos']) {
    let cursor = await tx.objectStore(name).openCursor();
    while (cursor) {
      if (!cursor.value.owner) await cursor.update({ ...cursor.value, owner });
      cursor = await cursor.continue();
    }
  }
}

// From this version on, a photo has an `uploaded_at` exactly when the server
// holds its bytes: the `held_since` index is how the phone tells uploaded
// photos apart without reading them (db/index.js listPhotosNotUploaded).
// Photos uploaded before `uploaded_at` was kept count their week from this
// upgrade, the first run of a version that looks them up by it
// (photos/freeing.js). A photo to send again after a server restore kept its
// old `uploaded_at` before this version: it loses it here, or the index
// would hide it from every upload.
async function stampUploadTimes(tx) {
  const now = new Date().toISOString();
  let cursor = await tx.objectStore('photos').openCursor();
  while (cursor) {
    const photo = cursor.value;
    if (photo.uploaded && !photo.uploaded_at) await cursor.update({ ...photo, uploaded_at: now });
    else if (!photo.uploaded && photo.uploaded_at) {
      const { uploaded_at: _, ...toSend } = photo;
      await cursor.update(toSend);
    }
    cursor = await cursor.continue();
  }
}

export function upgrade(db, oldVersion, newVersion, tx) {
  for (let v = oldVersion; v < STEPS.length && v < (newVersion ?? DB_VERSION); v++) {
    STEPS[v](db, tx);
  }
}

export function openCamwalkDb(name = DB_NAME) {
  return openDB(name, DB_VERSION, {
    upgrade,
    // A newer version of the app opened in another tab wants to upgrade:
    // let it, this tab reloads on its next write instead of blocking it.
    blocking(currentVersion, blockedVersion, event) {
      event.target.close();
    },
  });
}
