// The single owner of IndexedDB. Other modules call these functions and never
// open a transaction themselves.
import { openCamwalkDb, DB_NAME } from './schema.js';
import { applyChange, SURVEYED_FIELDS } from '../model/observation.js';
import { randomKey, uuid } from '../util/uuid.js';
import { sha256HexOfText } from '../util/digest.js';
import { localTimestamp } from '../shared/dates.js';
import { heldObservations, ownedBy, unsentWork } from '../sync/aside.js';
import {
  MAX_FREED_PER_RUN,
  freeablePhotos,
  heldLongEnoughBefore,
  mayFree,
  namedPhotos,
} from '../photos/freeing.js';

export { DB_NAME, DB_VERSION, PRECIOUS_STORES } from './schema.js';

let dbPromise = null;

export function db() {
  if (!dbPromise) dbPromise = openCamwalkDb(DB_NAME);
  return dbPromise;
}

// Tests and "reset this device" start from a fresh connection.
export async function closeDb() {
  if (dbPromise) (await dbPromise).close();
  dbPromise = null;
}

// --- small key-value pairs -------------------------------------------------

export async function getMeta(key) {
  return (await db()).get('meta', key);
}

export async function setMeta(key, value) {
  return (await db()).put('meta', value, key);
}

export const getSession = () => getMeta('session');
export const setSession = (session) => setMeta('session', session);

// Who queued work belongs to, stamped on each outbox change and photo when it is
// recorded: a walker signed out (401) who then joins under another pseudonym must not
// send it under the new name (sync/aside.js ownedBy). Null without a session.
export function workOwner(session) {
  if (!session || !session.member || !session.group) return null;
  return {
    member_id: session.member.id,
    pseudonym: session.member.pseudonym,
    group_id: session.group.id,
  };
}

// Within `tx` (which includes `meta`): a row queued now, stamped with the
// signed-in member who queued it, unless it names one already.
async function ownerStamp(tx) {
  const owner = workOwner(await tx.objectStore('meta').get('session'));
  return (row) => (owner && !row.owner ? { ...row, owner } : row);
}

// A 401 drops the token only: observations, outbox and photos stay.
export const forgetToken = (token) => dropToken({}, token);

// What proves her walker files once her token is gone (sync/walkerfile.js proof):
// the token's SHA-256, which the server keeps of every token, revoked ones
// included. Kept per member, so that a file saved after a 401, or saved for
// her by the next member signed in on this phone, is still proven hers.
export async function proofKey(memberId) {
  return (await getMeta(`proof_key:${memberId}`)) || null;
}

// `token`, when given: the one the server refused. A session holding another
// (a member who signed in on this phone since that request left) is not hers.
async function dropToken(extra, token) {
  const session = await getSession();
  if (!session || (token !== undefined && session.token !== token)) return;
  const memberId = session.member && session.member.id;
  const key = memberId != null ? await sha256HexOfText(session.token) : null;
  if (key) await setMeta(`proof_key:${memberId}`, key);
  await setSession({ ...session, token: null, ...extra });
}

// The key a join is sent with (docs/contract.md, Joining), kept before the
// first try: a try whose answer was lost is sent again as the same join, and
// the server gives back the member it made instead of "pseudonym taken" or
// "invite used up". Kept for one invite at a time, until an answer arrives.
export async function joinKey(inviteCode) {
  const kept = await getMeta('join_attempt');
  if (kept && kept.invite_code === inviteCode) return kept.key;
  const key = randomKey();
  await setMeta('join_attempt', { invite_code: inviteCode, key });
  return key;
}

export async function forgetJoinKey() {
  return (await db()).delete('meta', 'join_attempt');
}

// The organisers removed her (401 member_removed): the token goes as on any
// 401, and the session remembers why, so that a reload says so again.
export const markRemoved = (token) => dropToken({ removed: true }, token);

// What a 401 leaves on the phone, whoever met it: the page or the service
// worker's Background Sync, which has no screen to show. The next load reads
// the session and shows "removed" (her unsent work to a file) or the log-in.
// Met twice (the page after the run it shares with the worker), it is kept:
// the second call has no token left to hash over the first one's proof key.
// `token`: the one refused, when the caller knows it (see dropToken).
// A token the server's database never issued (`token_unknown`: restored from a
// backup made before she joined) is marked so: her screen says to join again
// under her pseudonym, and the join gives her back her work here (adoptWork).
export function tokenRefused(err, token) {
  if (err && err.code === 'member_removed') return markRemoved(token);
  if (err && err.code === 'token_unknown') return dropToken({ unknown: true }, token);
  return forgetToken(token);
}

// A session whose token the server's database never issued (tokenRefused): who
// she was, to join again as (screens/login.js, screens/join.js, ui/app.js).
export const forgottenByServer = (session) =>
  Boolean(session && !session.token && session.unknown && session.member && session.group);

// She joined again as herself after the server forgot her member (a restore):
// the rows this phone queued as that member, unsent changes, photos and the
// changes kept for a restore, are hers again as `owner`, the member the join
// made, so her session sends them (sync/aside.js ownedBy). Without it they
// waited for a member no database holds, photos and attaches for good.
export async function adoptWork(formerMemberId, owner) {
  const names = ['outbox', 'photos', 'sent'];
  const tx = (await db()).transaction(names, 'readwrite');
  for (const name of names) {
    let cursor = await tx.objectStore(name).openCursor();
    while (cursor) {
      const row = cursor.value;
      if (row.owner && row.owner.member_id === formerMemberId)
        await cursor.update({ ...row, owner });
      cursor = await cursor.continue();
    }
  }
  await tx.done;
}

export async function getCursor(groupId) {
  return (await getMeta(`cursor:${groupId}`)) || 0;
}

// Which copy of the server's database the cursor came from (docs/sync-protocol.md,
// Epochs); null before the first answer that named one.
export async function getEpoch(groupId) {
  return (await getMeta(`epoch:${groupId}`)) || null;
}

export async function isResyncing(groupId) {
  return Boolean(await getMeta(`resync:${groupId}`));
}

// --- walks and OSM cameras (server copies, safe to replace) -----------------

export async function putWalks(groupId, walks) {
  const tx = (await db()).transaction('walks', 'readwrite');
  const known = await tx.store.index('group_id').getAllKeys(groupId);
  const keep = new Set(walks.map((w) => w.id));
  await Promise.all([
    ...known.filter((id) => !keep.has(id)).map((id) => tx.store.delete(id)),
    ...walks.map((walk) => tx.store.put({ ...walk, group_id: groupId })),
    tx.done,
  ]);
}

export async function listWalks(groupId) {
  const walks = await (await db()).getAllFromIndex('walks', 'group_id', groupId);
  return walks.sort((a, b) => String(b.date).localeCompare(String(a.date)));
}

export async function getWalk(id) {
  return (await db()).get('walks', id);
}

export async function putOsmNodes(walkId, nodes) {
  await (await db()).put('osm_nodes', { walk_id: walkId, nodes, fetched_at: Date.now() });
}

export async function getOsmNodes(walkId) {
  const rec = await (await db()).get('osm_nodes', walkId);
  return rec ? rec.nodes : [];
}

// The walk map as downloaded: {etag, doc, bytes}; `bytes` is its size as text,
// what the storage panel counts.
export async function putBasemap(walkId, { etag, doc, bytes }) {
  await (await db()).put('basemaps', { walk_id: walkId, etag, doc, bytes, fetched_at: Date.now() });
}

export async function getBasemap(walkId) {
  return (await db()).get('basemaps', walkId);
}

export async function deleteBasemap(walkId) {
  await (await db()).delete('basemaps', walkId);
}

// How many walk maps this phone holds, and their size in bytes.
export async function basemapUsage() {
  const all = await (await db()).getAll('basemaps');
  return { count: all.length, bytes: all.reduce((sum, rec) => sum + (rec.bytes || 0), 0) };
}

// --- observations, outbox, photos ------------------------------------------

export async function getObservation(id) {
  return (await db()).get('observations', id);
}

const live = (o) => !o.deleted && !o.merged_into;

export async function listObservations(walkId) {
  const all = await (await db()).getAllFromIndex('observations', 'walk_id', walkId);
  return all.filter(live);
}

// The group's live cameras logged on its other walks: last week's walk of the
// same streets, shown on today's map so that a walker confirms a camera there
// rather than logging it a second time.
export async function listOtherWalksObservations(groupId, walkId) {
  const d = await db();
  const walkIds = await d.getAllKeysFromIndex('walks', 'group_id', groupId);
  const index = d.transaction('observations').store.index('walk_id');
  const lists = await Promise.all(
    walkIds.filter((id) => id !== walkId).map((id) => index.getAll(id)),
  );
  return lists.flat().filter(live);
}

export async function listOutbox(limit) {
  return (await db()).getAll('outbox', undefined, limit);
}

export async function countOutbox() {
  return (await db()).count('outbox');
}

export async function listPhotos(observationId) {
  return (await db()).getAllFromIndex('photos', 'observation_id', observationId);
}

export async function listAllPhotos() {
  return (await db()).getAll('photos');
}

// The photos whose bytes the server has not taken, set aside or not: what
// the sync, the map's badges and the counts of unsent work read, after every
// sync and save. Read whole (blob and all) are only these: an uploaded photo
// is in the `held_since` index (its `uploaded_at`, schema.js version 5), so
// the others are told apart on keys, not by reading hundreds of megabytes of
// photos the server already has.
export async function listPhotosNotUploaded() {
  const store = (await db()).transaction('photos').store;
  const [ids, uploadedIds] = await Promise.all([
    store.getAllKeys(),
    store.index('held_since').getAllKeys(),
  ]);
  const uploaded = new Set(uploadedIds);
  const rows = await Promise.all(ids.filter((id) => !uploaded.has(id)).map((id) => store.get(id)));
  return rows.filter((p) => p && !p.uploaded);
}

// Her cameras and photos not yet on the server, as every screen that warns
// her counts them (sync/aside.js unsentWork).
export async function unsentWorkOf(memberId) {
  const [outbox, photos] = await Promise.all([listOutbox(), listPhotosNotUploaded()]);
  return unsentWork(outbox, photos, memberId);
}

// Set-aside photos wait for the walker (sync/aside.js), not for the network.
export async function listPhotosToUpload() {
  return (await listPhotosNotUploaded()).filter((p) => !p.aside);
}

export async function setPhotoAside(id, reason) {
  const tx = (await db()).transaction('photos', 'readwrite');
  const photo = await tx.store.get(id);
  if (photo) await tx.store.put({ ...photo, aside: reason });
  await tx.done;
}

export async function setChangeAside(changeId, reason) {
  const tx = (await db()).transaction('outbox', 'readwrite');
  const key = await tx.store.index('change_id').getKey(changeId);
  if (key !== undefined) await tx.store.put({ ...(await tx.store.get(key)), aside: reason });
  await tx.done;
}

// `uploaded_at`: from then the server holds it (photos/freeing.js counts the
// days its full-size bytes are still kept from there).
export async function markPhotoUploaded(id, now = new Date()) {
  const tx = (await db()).transaction('photos', 'readwrite');
  const photo = await tx.store.get(id);
  if (photo) await tx.store.put({ ...photo, uploaded: true, uploaded_at: now.toISOString() });
  await tx.done;
}

// Her photos the server has held and shown on their camera for a while give
// back their room (photos/freeing.js): the full-size bytes go, a small copy made by
// makeSmall(blob) stays for her sheet. The copies are made first (an
// IndexedDB transaction cannot wait for a canvas), then the rule is checked
// again inside the transaction that frees: a change queued or a restore begun
// meanwhile keeps the photo whole. A photo whose copy fails, or comes out no
// smaller, stays as it is. At most MAX_FREED_PER_RUN go in one run. Returns
// how many were freed.
//
// This runs after every sync, on a phone that may hold hundreds of photos of
// megabytes each: it reads no photo record, blob and all, but those it frees.
// The rest is decided on keys (schema.js, version 5): the photos uploaded long
// enough ago and not freed, then the cameras of those only.
//
// `confirm(photos)`, when given, is asked (outside any transaction, like
// makeSmall) which of the photos about to be freed the server says it keeps
// (sync/engine.js reads their receipts); it answers their ids. Those it leaves
// out stay whole.
export async function freeSentPhotos(makeSmall, { now = new Date(), confirm = null } = {}) {
  const handle = await db();
  const stores = ['photos', 'outbox', 'observations'];
  const read = handle.transaction(stores);
  const photos = read.objectStore('photos');
  const [heads, freedIds, outbox] = await Promise.all([
    heldPhotoHeads(photos, now),
    photos.index('freed_at').getAllKeys(),
    read.objectStore('outbox').getAll(),
  ]);
  const freed = new Set(freedIds);
  const named = namedPhotos(outbox);
  const aged = heads.filter((p) => !freed.has(p.id) && !named.has(p.sha256));
  const observations = await cameras(read, aged);
  const ids = aged
    .filter((p) => mayFree(p, named, observations, now.getTime()))
    .slice(0, MAX_FREED_PER_RUN)
    .map((p) => p.id);
  const records = (await Promise.all(ids.map((id) => photos.get(id)))).filter(Boolean);
  let due = freeablePhotos(records, outbox, observations, now.getTime());
  if (confirm && due.length) {
    const kept = await confirm(due);
    due = due.filter((p) => kept.has(p.id));
  }
  const smalls = new Map();
  for (const photo of due) {
    try {
      const small = await makeSmall(photo.blob);
      if (small && small.size < photo.blob.size) smalls.set(photo.id, small);
    } catch {
      // Kept whole: a blob this browser cannot decode still shows as it is.
    }
  }
  if (smalls.size === 0) return 0;
  const tx = handle.transaction(stores, 'readwrite');
  const store = tx.objectStore('photos');
  const again = (await Promise.all([...smalls.keys()].map((id) => store.get(id)))).filter(Boolean);
  const [queued, current] = await Promise.all([
    tx.objectStore('outbox').getAll(),
    cameras(tx, again),
  ]);
  const freeing = freeablePhotos(again, queued, current, now.getTime());
  await Promise.all([
    ...freeing.map((p) => {
      const small = smalls.get(p.id);
      const gone = { at: now.toISOString(), bytes: p.blob.size };
      // Its receipt read before it went (or it needs none): see freedPhotosUnread.
      return store.put({ ...p, blob: small, size: small.size, freed: gone, receipt_read: true });
    }),
    tx.done,
  ]);
  return freeing.length;
}

// The server lost this photo's file before it made its copies (its receipt:
// `failed`, `photo_file_missing`, docs/sync-protocol.md) and takes the same
// bytes again: the phone, which still holds them, uploads it again. Its
// `uploaded_at` goes, so it leaves the index of uploaded ones (as toUploadAgain
// does after a restore); the new receipt starts its week again.
export async function sendPhotoAgain(id) {
  const tx = (await db()).transaction('photos', 'readwrite');
  const photo = await tx.store.get(id);
  if (photo && !photo.freed) {
    const { uploaded_at, ...again } = photo;
    await tx.store.put({ ...again, uploaded: false });
  }
  await tx.done;
}

// Photos freed by a version that read no receipt before freeing: whether the
// server kept them was never asked. At most `limit`, records with their small
// copies. Once none is left, the phone says so in `meta` and no later run reads
// its freed photos again: this one frees only photos whose receipt it read.
const FREED_RECEIPTS_READ = 'freed_receipts_read';

export async function freedPhotosUnread(limit = MAX_FREED_PER_RUN) {
  const tx = (await db()).transaction(['photos', 'meta']);
  if (await tx.objectStore('meta').get(FREED_RECEIPTS_READ)) return [];
  const store = tx.objectStore('photos');
  const ids = await store.index('freed_at').getAllKeys();
  const rows = [];
  for (const id of ids) {
    if (rows.length >= limit) break;
    const photo = await store.get(id);
    if (photo && !photo.receipt_read) rows.push(photo);
  }
  if (rows.length === 0) await setMeta(FREED_RECEIPTS_READ, true);
  return rows;
}

// What a freed photo's receipt said. `lost`: the server lost its file before
// making its copies, and the phone holds only its small copy: the photo is
// marked lost and her camera says so, as for a photo a restore lost
// (freedPhotoLost); nothing was wrong with it, she can take it again.
export async function noteFreedReceipt(id, { lost = false, now = new Date() } = {}) {
  const tx = (await db()).transaction(['photos', 'observations', 'meta'], 'readwrite');
  const photos = tx.objectStore('photos');
  const photo = await photos.get(id);
  if (!photo) return tx.done;
  await photos.put(
    lost
      ? { ...photo, receipt_read: true, lost: { at: now.toISOString() } }
      : {
          ...photo,
          receipt_read: true,
        },
  );
  const observations = tx.objectStore('observations');
  const record = lost ? await observations.get(photo.observation_id) : null;
  if (record) {
    const error = { code: 'photo_lost_by_server', message: '' };
    await observations.put(
      noteResult(record, { op: 'attach_photo' }, { status: 'rejected', error }),
    );
    await bumpObservationsRevisions(tx, [record.walk_id]);
  }
  await tx.done;
}

// The photos uploaded long enough ago to give back their room (photos/freeing.js),
// as {id, uploaded_at, observation_id, sha256}, read from the index's keys alone.
async function heldPhotoHeads(photos, now) {
  const bound = IDBKeyRange.upperBound([heldLongEnoughBefore(now.getTime()), []]);
  const heads = [];
  let cursor = await photos.index('held_since').openKeyCursor(bound);
  while (cursor) {
    const [uploaded_at, observation_id, sha256] = cursor.key;
    heads.push({ id: cursor.primaryKey, uploaded_at, observation_id, sha256 });
    cursor = await cursor.continue();
  }
  return heads;
}

// Within `tx`: the stored cameras of these photos, by id.
async function cameras(tx, photos) {
  const ids = [...new Set(photos.map((p) => p.observation_id))];
  const records = await Promise.all(ids.map((id) => tx.objectStore('observations').get(id)));
  return new Map(records.filter(Boolean).map((r) => [r.id, r]));
}

export class NotSavedError extends Error {}

// Refused: the camera holds work another member queued on this phone.
export class HeldWorkError extends NotSavedError {}

// Within `tx`: a camera with work another member queued on this phone is hers
// until it goes (sync/aside.js heldObservations). The member signed in now
// drops and changes none of it: a Drop or a Delete lost her refused work
// without her, and an edit took her queued photos off or queued a change that
// waited behind hers for her session.
async function refuseHeld(tx, observationId) {
  const signedIn = workOwner(await tx.objectStore('meta').get('session'));
  const [queued, photos] = await Promise.all([
    tx.objectStore('outbox').index('observation_id').getAll(observationId),
    tx.objectStore('photos').index('observation_id').getAll(observationId),
  ]);
  if (heldObservations(queued, photos, signedIn ? signedIn.member_id : null).size > 0) {
    throw new HeldWorkError(`camera ${observationId} holds another member's work`);
  }
}

// Per walk, a number that moves with every write to one of its cameras, in
// the same transaction (a sync's in the service worker too): the map holding a
// group's thousands of cameras of other walks reads them again only when one
// of those walks' numbers moved, not after each save of the walk on screen.
const OBSERVATIONS_REVISIONS = 'observations_revisions';

async function bumpObservationsRevisions(tx, walkIds) {
  const meta = tx.objectStore('meta');
  const revisions = { ...((await meta.get(OBSERVATIONS_REVISIONS)) || {}) };
  for (const id of new Set(walkIds)) revisions[id] = (revisions[id] || 0) + 1;
  await meta.put(revisions, OBSERVATIONS_REVISIONS);
}

// The revisions of every walk's cameras but `walkId`'s, as one comparable key.
export async function otherWalksRevision(walkId) {
  const revisions = (await getMeta(OBSERVATIONS_REVISIONS)) || {};
  return Object.entries(revisions)
    .filter(([id]) => Number(id) !== walkId)
    .map(([id, n]) => `${id}:${n}`)
    .sort()
    .join(' ');
}

// Records what a walker did: the observation as she now sees it, its changes
// for the server, any new photos and what she took back (queued changes and
// photos to drop), in one transaction. Then reads all of it
// back in a second one, because the UI may only say "saved" about data that a
// fresh read returns (a quota error can surface late on some browsers).
//
// `observation` is the record to store, or, for a camera already stored, a
// function making it from the copy stored now (undefined if there is none),
// read in the same transaction: a sync may have stored a newer server copy
// while she had the camera open (another walker's value, an organiser's
// merge), and her change goes on top of it, not of the copy she opened.
// `observationId` names the camera then.
export async function recordChanges({
  observation,
  observationId = observation.id,
  changes,
  photos = [],
  dropChangeIds = [],
  dropPhotoIds = [],
  reviseChanges = [],
}) {
  const handle = await db();
  const tx = handle.transaction(['observations', 'outbox', 'photos', 'meta'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const observations = tx.objectStore('observations');
  await refuseHeld(tx, observationId);
  // Every request's promise is awaited: a failed add must reject this call,
  // not float away as an unhandled rejection.
  const dropKeys = await Promise.all(
    dropChangeIds.map((id) => outbox.index('change_id').getKey(id)),
  );
  const record =
    typeof observation === 'function'
      ? observation(await observations.get(observationId))
      : observation;
  const owned = await ownerStamp(tx);
  // Set-aside changes she has just fixed: in place, so they keep their turn.
  const revised = await Promise.all(
    reviseChanges.map(async (change) => {
      const key = await outbox.index('change_id').getKey(change.change_id);
      if (key === undefined) return null;
      const { aside, ...fixed } = { ...(await outbox.get(key)), ...change };
      return fixed;
    }),
  );
  await Promise.all([
    observations.put(record),
    ...revised.filter(Boolean).map((change) => outbox.put(change)),
    ...dropKeys.filter((k) => k !== undefined).map((k) => outbox.delete(k)),
    ...dropPhotoIds.map((id) => tx.objectStore('photos').delete(id)),
    ...changes.map((change) => outbox.add(owned(change))),
    ...photos.map((p) => tx.objectStore('photos').put(owned(p))),
    bumpObservationsRevisions(tx, [record.walk_id]),
    tx.done,
  ]);

  const check = handle.transaction(['observations', 'outbox', 'photos']);
  const byChangeId = check.objectStore('outbox').index('change_id');
  const savedChanges = await Promise.all(changes.map((c) => byChangeId.get(c.change_id)));
  const leftChanges = await Promise.all(dropChangeIds.map((id) => byChangeId.getKey(id)));
  const savedObs = await check.objectStore('observations').get(observationId);
  const savedPhotos = await Promise.all(photos.map((p) => check.objectStore('photos').get(p.id)));
  const leftPhotos = await Promise.all(
    dropPhotoIds.map((id) => check.objectStore('photos').getKey(id)),
  );
  await check.done;
  const photosOk = savedPhotos.every((p, i) => p && p.blob && p.blob.size === photos[i].blob.size);
  const dropped = [...leftChanges, ...leftPhotos].every((k) => k === undefined);
  if (!savedChanges.every(Boolean) || !savedObs || !photosOk || !dropped) {
    throw new NotSavedError('read-back failed');
  }
  return savedObs;
}

// Refusals the walker can fix in the camera itself (docs/sync-protocol.md,
// not kept by the server): a survey day after the server’s tomorrow, or before
// camwalk could exist (2015), from a phone whose clock is wrong or a slip of
// the finger.
const WALKER_FIXES = new Set(['future_day', 'past_day']);

export function walkerFixes(error) {
  return Boolean(error && WALKER_FIXES.has(error.code));
}

// A change of a camera the server has not got (`unknown_observation`, not kept
// by the server: docs/sync-protocol.md): its create may still come.
const awaitsItsCreate = (change, result) =>
  change.op !== 'create' &&
  result.status === 'rejected' &&
  Boolean(result.error) &&
  result.error.code === 'unknown_observation';

// Within a transaction on the outbox: whether the camera's create is still queued.
async function createQueued(outbox, observationId) {
  const queued = await outbox.index('observation_id').getAll(observationId);
  return queued.some((c) => c.op === 'create');
}

// The queued changes of one camera, oldest first.
export async function listOutboxFor(observationId) {
  const all = await (await db()).getAllFromIndex('outbox', 'observation_id', observationId);
  return all.sort((a, b) => a.seq - b.seq);
}

// Only the fields the server holds a conflict on: a change's other fields
// merged cleanly, and a row with her value on both sides would call them
// contested. Its keys name them, `<change_id>/<field>` (docs/sync-protocol.md);
// keys naming none (a bare conflict number, or `/deleted`: the camera was
// deleted while she edited it, and her whole edit waits) keep every field.
const DELETED_KEY = 'deleted';

function conflictEntry(change, result) {
  const ids = result.conflict_ids || [];
  const contested = new Set(
    ids
      .filter((id) => typeof id === 'string' && id.includes('/'))
      .map((id) => id.slice(id.lastIndexOf('/') + 1))
      .filter((field) => field !== DELETED_KEY),
  );
  const fields = {};
  for (const [key, pair] of Object.entries(change.fields || {})) {
    if (contested.size && !contested.has(key)) continue;
    fields[key] = { base: pair.old ?? null, mine: pair.new ?? pair };
  }
  return { change_id: change.change_id, conflict_ids: result.conflict_ids || [], fields };
}

// A freed photo's attach refused `photo_not_uploaded`: the server (restored
// from a backup) lacks its bytes and the phone no longer has them, so it will
// never go (photos/freeing.js). The photo is marked `lost`, not shown as safe,
// and the refusal says the full photo is gone, not that it goes with the next
// sync. Returns the result to note on the camera.
async function freedPhotoLost(tx, change, result, now) {
  const code = result.error && result.error.code;
  if (change.op !== 'attach_photo' || code !== 'photo_not_uploaded') return result;
  const store = tx.objectStore('photos');
  const photos = await store.index('observation_id').getAll(change.observation_id);
  const freed = photos.filter((p) => p.freed && p.sha256 === change.photo.sha256);
  if (!freed.length) return result;
  const lost = { at: new Date(now).toISOString() };
  for (const photo of freed) await store.put({ ...photo, lost });
  return { ...result, error: { ...result.error, code: 'photo_lost' } };
}

// What one result says about its observation's local record.
function noteResult(record, change, result) {
  const sync = { ...(record.sync || {}) };
  if (result.status === 'conflict') {
    sync.conflicts = [...(sync.conflicts || []), conflictEntry(change, result)];
  } else if (result.status === 'rejected') {
    sync.rejected = [...(sync.rejected || []), { op: change.op, error: result.error || null }];
  }
  if (typeof result.version === 'number') sync.acked_version = result.version;
  return { ...record, sync };
}

// The server copy wins; changes still in the outbox are laid on top again so
// the walker keeps seeing her own unsent edits.
function mergeServerCopy(record, server, pending) {
  let fields = {};
  for (const key of Object.keys(server)) fields[key] = server[key];
  // A create still queued (its answer was lost) must not blank what the
  // server already holds; later edits still show.
  for (const change of pending) if (change.op !== 'create') fields = applyChange(fields, change);
  const sync = { ...(record?.sync || {}) };
  // The organiser resolved it: the local flag goes too.
  if (!server.conflicts || server.conflicts.length === 0) delete sync.conflicts;
  return {
    id: server.id,
    walk_id: server.walk_id,
    fields,
    server,
    version: server.version,
    // A delete still waiting to be sent keeps the camera hidden, whatever the server says now.
    deleted: Boolean(server.deleted) || pending.some((change) => change.op === 'delete'),
    merged_into: server.merged_into || null,
    created_by: server.created_by,
    photos: server.photos || [],
    local_photo_ids: record?.local_photo_ids || [],
    sync,
  };
}

// Stores one sync answer atomically: acknowledged changes leave the outbox,
// results and server copies land on the observations, and the cursor moves
// in the same transaction, so a crash cannot store a cursor without its data.
export async function applySyncAnswer(groupId, sentChanges, answer, { now = Date.now() } = {}) {
  const handle = await db();
  const tx = handle.transaction(['observations', 'outbox', 'sent', 'meta', 'photos'], 'readwrite');
  const obsStore = tx.objectStore('observations');
  const outbox = tx.objectStore('outbox');
  const byId = new Map(sentChanges.map((c) => [c.change_id, c]));
  const written = [];
  const put = async (record) => {
    written.push(record.walk_id);
    await obsStore.put(record);
  };
  for (const result of answer.results || []) {
    const change = byId.get(result.change_id);
    if (!change) continue;
    const key = await outbox.index('change_id').getKey(result.change_id);
    // A refusal the walker fixes on the camera: the change stays, set aside,
    // and goes again once she has (reviseAside), or she drops it.
    const fixable = result.status === 'rejected' && walkerFixes(result.error);
    if (key !== undefined && fixable) {
      const aside = { ...result.error, at: new Date(now).toISOString() };
      await outbox.put({ ...(await outbox.get(key)), aside });
      continue;
    }
    // Sent behind a create the server did not take (set aside for its day, just
    // now or before): the server keeps no answer for it, and it waits behind that
    // create, in its turn, to go again after it (sync/aside.js nextSendable).
    // With no create left to wait for, it is set aside for her to see, never
    // dropped without her.
    if (key !== undefined && awaitsItsCreate(change, result)) {
      if (await createQueued(outbox, change.observation_id)) continue;
      const aside = { ...result.error, at: new Date(now).toISOString() };
      await outbox.put({ ...(await outbox.get(key)), aside });
      continue;
    }
    if (key !== undefined) await outbox.delete(key);
    await keepSent(tx.objectStore('sent'), change, result, now);
    const record = await obsStore.get(change.observation_id);
    if (!record) continue;
    let noted = noteResult(record, change, await freedPhotoLost(tx, change, result, now));
    // A change the server had already (a retry, or one sent again after a restore)
    // brings no new copy: what the phone shows is the copy it holds, with what is
    // still queued on top, not this change laid on it again.
    if (result.replayed && record.server) {
      const pending = await outbox.index('observation_id').getAll(record.id);
      noted = mergeServerCopy(noted, record.server, pending);
    }
    await put(noted);
  }
  for (const server of answer.observations || []) {
    const record = await obsStore.get(server.id);
    // A late answer (to a request retried after a time-out) may carry an
    // older copy than the one already stored: only a greater seq replaces it.
    // A copy kept from before a restore (`resync`) has a seq of the old epoch: any copy
    // of the new one replaces it.
    if (record && record.server && !record.resync && record.server.seq >= server.seq) continue;
    const pending = await outbox.index('observation_id').getAll(server.id);
    await put(mergeServerCopy(record, server, pending));
  }
  await bumpObservationsRevisions(tx, written);
  const meta = tx.objectStore('meta');
  const key = `cursor:${groupId}`;
  const stored = (await meta.get(key)) || 0;
  // Never backwards, for the same reason.
  if (typeof answer.cursor === 'number' && answer.cursor > stored)
    await meta.put(answer.cursor, key);
  if (typeof answer.epoch === 'string') await meta.put(answer.epoch, `epoch:${groupId}`);
  await forgetOldSent(tx.objectStore('sent'), now);
  await tx.done;
}

// --- acknowledged changes, kept for a restore -------------------------------
//
// A server restored from a backup has lost what phones sent after it. The
// phone holds the current values of its cameras, but not who set them; so it
// keeps for SENT_KEPT_DAYS each field edit, delete and photo removal of its
// walker that the server stored (`applied` or `conflict`), as sent, change id
// and all. After a restore it sends them again (finishResync): the server
// answers those it still knows as the replays they are, and merges the ones
// it lost like any late edit. Creates and photos are given back otherwise (a
// lost camera goes again whole, with its photos).
export const SENT_KEPT_DAYS = 30;
const KEPT_MS = SENT_KEPT_DAYS * 24 * 3600 * 1000;
const SENT_AGAIN_OPS = new Set(['update', 'delete', 'detach_photo']);

async function keepSent(sent, change, result, now) {
  if (!SENT_AGAIN_OPS.has(change.op)) return;
  if (result.status !== 'applied' && result.status !== 'conflict') return;
  if ((await sent.index('change_id').getKey(change.change_id)) !== undefined) return;
  const { seq, aside, ...kept } = change;
  await sent.add({ ...kept, acked_at: now });
}

async function forgetOldSent(sent, now) {
  let cursor = await sent.index('acked_at').openCursor(IDBKeyRange.upperBound(now - KEPT_MS, true));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
}

export async function listSent() {
  return (await db()).getAll('sent');
}

// --- a server restored from a backup (docs/sync-protocol.md, Epochs) --------
//
// The server answered `epoch_changed`: its database is a restored copy that
// may lack what this phone sent after the backup, and its seqs start again
// below this phone's cursor. In one transaction: the cursor goes back to 0,
// the epoch is forgotten, and every server copy held is marked `resync`, so
// that the pull from 0 replaces it whatever its seq. A crash in the middle
// leaves the `resync` flag set and the next run goes on where it stopped.
export async function startResync(groupId) {
  const tx = (await db()).transaction(['observations', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const observations = tx.objectStore('observations');
  for (const record of await observations.getAll()) {
    if (record.server) await observations.put({ ...record, resync: true });
  }
  await meta.put(0, `cursor:${groupId}`);
  await meta.delete(`epoch:${groupId}`);
  await meta.put(true, `resync:${groupId}`);
  await tx.done;
}

// A photo given back is uploaded again, unless its full-size bytes were freed
// (photos/freeing.js): its small copy is not the photo its SHA-256 names. Its
// attach_photo goes all the same; the server applies it if it kept the bytes,
// and otherwise refuses it (photo_not_uploaded) and her sheet says so.
// Its `uploaded_at` goes too: the restored server takes it anew, and the
// photo leaves the index of uploaded ones (listPhotosNotUploaded).
const toUploadAgain = (p) => {
  if (p.freed) return p;
  const { uploaded_at, ...again } = p;
  return { ...again, uploaded: false };
};

// After the pull from 0: a record still marked `resync` is one the server no
// longer has. The phone holds its fields and its walker's photos, so what it
// can give back goes back, as the new changes of one create:
// - her own cameras, and any camera with changes of hers still queued (their
//   updates would be refused `unknown_observation` and lost), are queued again
//   as a create with their current values and an attach_photo per photo (the
//   queued changes of that camera, now in its values, are dropped); her photos
//   of it are sent again;
// - a lost camera with changes queued by another member who used this phone,
//   and none of hers, is queued again the same way as that member's;
// - somebody else's lost camera is only a copy of what that walker's own phone
//   holds and sends again: it is dropped here, as the server no longer shows it;
// - each photo given back is attached by the member who took it;
// - a queued change based on a version the restored server never made is
//   based on the server's version instead, so it is merged (or raises a
//   conflict) rather than being refused `unknown_base_version`;
// - a photo of hers on a camera the server kept but whose copy lacks it (the
//   attach came after the backup) is sent and attached again;
// - her field edits, deletes and photo removals of a camera the server kept,
//   acknowledged in the last SENT_KEPT_DAYS (`sent`), are queued again with
//   their change ids, before her changes still queued: the server merges those
//   it lost and answers the others as replays.
export async function finishResync(groupId, { pseudonym, now = new Date() } = {}) {
  const stores = ['observations', 'outbox', 'photos', 'sent', 'meta'];
  const tx = (await db()).transaction(stores, 'readwrite');
  const observations = tx.objectStore('observations');
  const outbox = tx.objectStore('outbox');
  const photoStore = tx.objectStore('photos');
  const sent = tx.objectStore('sent');
  const queued = await outbox.getAll();
  // Each camera's acknowledged changes, in the order they were sent; taken out of
  // `sent` whatever becomes of them (queued again, or in a create's values).
  const sentFor = async (id) => {
    const rows = await sent.index('observation_id').getAll(id);
    for (const row of rows) await sent.delete(row.seq);
    return rows.sort((a, b) => a.seq - b.seq);
  };
  const photos = await photoStore.getAll();
  const madeAt = localTimestamp(now);
  // The changes made again are the signed-in walker's, like any she queues,
  // unless they are given back for another member (`as`, an outbox owner).
  const owned = await ownerStamp(tx);
  const ownedAs = (as) => (row) => owned(as ? { ...row, owner: as } : row);
  const signedIn = workOwner(await tx.objectStore('meta').get('session'));
  const memberId = signedIn ? signedIn.member_id : null;
  const written = [];
  let recreated = 0;
  for (const record of await observations.getAll()) {
    if (!record.resync) continue;
    const pending = queued.filter((c) => c.observation_id === record.id);
    // Hers: she logged it, or changes of hers wait on it. Otherwise the first
    // member whose changes wait on it (one who used this phone) has it back:
    // queued as hers, it goes when she signs in again, never under another name.
    const hers = record.created_by === pseudonym || pending.some((c) => ownedBy(c, memberId));
    written.push(record.walk_id);
    if (!hers && pending.length === 0) {
      await observations.delete(record.id);
      continue;
    }
    const owner = hers ? null : pending[0].owner;
    for (const change of pending) await outbox.delete(change.seq);
    await sentFor(record.id); // in the values the create carries
    const fields = {};
    for (const key of SURVEYED_FIELDS) {
      const value = record.fields[key];
      if (value !== undefined && value !== null) fields[key] = value;
    }
    const change = (op, extra, as = owner) =>
      ownedAs(as)({ change_id: uuid(), observation_id: record.id, op, made_at: madeAt, ...extra });
    await outbox.add(change('create', { walk_id: record.walk_id, fields }));
    const shas = new Map((record.fields.photos || record.photos || []).map((p) => [p.sha256, p]));
    for (const p of photos) if (p.observation_id === record.id) shas.set(p.sha256, p);
    // A photo on this phone is attached by whoever took it: only her sync
    // uploads its bytes, and an attach waiting for bytes holds up the outbox.
    for (const p of shas.values()) {
      const photo = { sha256: p.sha256, role: p.role };
      await outbox.add(change('attach_photo', { photo }, p.owner || owner));
    }
    for (const p of photos) {
      if (p.observation_id === record.id) await photoStore.put(toUploadAgain(p));
    }
    const { resync, ...kept } = record;
    await observations.put({ ...kept, server: null, version: 0, deleted: false });
    recreated += 1;
  }
  // Changes of cameras the server kept: those acknowledged since the backup
  // sent again before those still queued, all rebased, and lost photos
  // attached again.
  for (const record of await observations.getAll()) {
    if (!record.server || record.resync) continue;
    const onServer = new Set((record.server.photos || []).map((p) => p.sha256));
    const pending = queued.filter((c) => c.observation_id === record.id);
    const rebased = (c) =>
      typeof c.base_version === 'number' && c.base_version > record.server.version
        ? { ...c, base_version: record.server.version }
        : c;
    const again = await sentFor(record.id);
    if (again.length > 0) {
      // Queued after them, in their order: the outbox sends oldest first.
      for (const c of pending) await outbox.delete(c.seq);
      for (const { seq, acked_at, ...c } of again) await outbox.add(rebased(c));
      for (const { seq, ...c } of pending) await outbox.add(rebased(c));
      // And shown: the pulled copy is the backup's.
      await observations.put(mergeServerCopy(record, record.server, [...again, ...pending]));
      written.push(record.walk_id);
    } else {
      for (const c of pending) if (rebased(c) !== c) await outbox.put(rebased(c));
    }
    const named = new Set(pending.filter((c) => c.photo).map((c) => c.photo.sha256));
    for (const p of photos) {
      if (p.observation_id !== record.id || onServer.has(p.sha256) || named.has(p.sha256)) continue;
      await photoStore.put(toUploadAgain(p));
      // Attached by whoever took it, as above.
      await outbox.add(
        ownedAs(p.owner)({
          change_id: uuid(),
          observation_id: record.id,
          op: 'attach_photo',
          made_at: madeAt,
          photo: { sha256: p.sha256, role: p.role },
        }),
      );
    }
  }
  await bumpObservationsRevisions(tx, written);
  await tx.objectStore('meta').delete(`resync:${groupId}`);
  await tx.done;
  return { recreated };
}

// Whether a write failed because the phone (or the browser's share of it) is
// full: trying again as it is cannot work, so the walker is told to make room
// rather than to "try again". IndexedDB says so by the DOMException's name.
export function storageFull(err) {
  return Boolean(err) && err.name === 'QuotaExceededError';
}

// How much room this origin uses and may use (bytes), when the browser says.
export async function storageEstimate() {
  if (!navigator.storage || !navigator.storage.estimate) return null;
  return navigator.storage.estimate();
}
