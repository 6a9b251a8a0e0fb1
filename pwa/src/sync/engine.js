// One sync run: the outbox oldest first in batches, pulling the group's
// observations in the same round trips until the server says there is no
// more, and the photo bytes between rounds. Cameras go before photos: on a
// link that drops after a few megabytes, the cameras (a few hundred bytes
// each) are on the server, and only the photos and their attach_photo
// changes wait for the next run (sync/aside.js nextSendable). A change leaves
// the outbox only inside the transaction that stores its result (see
// db.applySyncAnswer).
import * as store from '../db/index.js';
import { noConnection, unreadableAnswer, unreadableAnswerError } from '../api/client.js';
import { withRetry } from './retry.js';
import { asideReason, nextSendable, ownedBy, refusedForGood } from './aside.js';
import { smallCopy } from '../photos/process.js';

export const MAX_CHANGES_PER_REQUEST = 500; // protocol limit
// The protocol's largest page: a phone joining a group of 20,000 cameras makes 21
// requests, not 101, the same 1.1 MB gzipped; over a street's 3G (300 ms a round
// trip) 200 a page meant 30 s of round trips alone (bench/pull_pages_bench.py).
export const PULL_LIMIT = 1000;

function emptyProgress() {
  return {
    changesTotal: 0,
    changesDone: 0,
    photosTotal: 0,
    photosDone: 0,
    bytesTotal: 0,
    bytesDone: 0,
    sendingObservations: new Set(),
    sendingPhotos: new Set(),
    photosAside: 0,
    changesAside: 0,
    countedPhotos: new Set(),
    // What the walker reads: cameras, not changes (a new camera and its two
    // photos are three changes but one camera). Every camera with work queued
    // during the run is counted; it is done once none of its work is left but
    // its photos, which the same line counts apart: a camera on the server
    // whose photos are still going up is sent, and the bar says so.
    camerasTotal: 0,
    camerasDone: 0,
    countedCameras: new Set(),
    // Whether the server answers: null until a request of this run ends, false
    // while one that got no answer (status 0) waits to be tried again, true
    // once one is answered. Unanswered, the chip says offline and no camera
    // says "sending" (sync/scheduler.js waitingForNetwork).
    connected: null,
  };
}

// The retry options of a run: each request that goes unanswered tells the
// progress so before its next try.
function watchingConnection(retry, progress, report) {
  return {
    ...retry,
    onRetry: (err, delay) => {
      if (noConnection(err) && progress.connected !== false) {
        progress.connected = false;
        report();
      }
      if (retry.onRetry) retry.onRetry(err, delay);
    },
  };
}

function answered(progress) {
  progress.connected = true;
}

function countCameras(progress, queued) {
  const cameraWork = queued.filter((c) => c.op !== 'attach_photo');
  const left = new Set(cameraWork.map((c) => c.observation_id));
  for (const id of left) progress.countedCameras.add(id);
  progress.camerasTotal = progress.countedCameras.size;
  progress.camerasDone = [...progress.countedCameras].filter((id) => !left.has(id)).length;
}

// Adds to the totals the photos not counted yet: the bar says from its first
// report how many photos wait, and a photo listed again in a later round (its
// upload failed and is retried) is not counted twice. Returns how many were new.
function countPhotos(progress, photos) {
  let added = 0;
  for (const photo of photos) {
    if (progress.countedPhotos.has(photo.id)) continue;
    progress.countedPhotos.add(photo.id);
    progress.photosTotal += 1;
    progress.bytesTotal += photo.blob.size;
    added += 1;
  }
  return added;
}

// A photo's receipt names the photo by its hash: the upload's answer, and the
// one read before its room is given back. Anything else (a relay that swallowed
// the bytes and said "ok") is no proof the server holds them: null, and the
// photo stays whole and waiting.
export const receiptOf = (photo, answer) =>
  answer && typeof answer === 'object' && answer.sha256 === photo.sha256 ? answer : null;

async function sentAs(photo, answer) {
  const receipt = receiptOf(photo, await answer);
  if (!receipt) throw unreadableAnswerError('photo upload answered without its receipt');
  return receipt;
}

// Returns how many photos went up.
async function uploadPhotos(api, progress, report, retry, memberId, unread) {
  const photos = (await store.listPhotosToUpload()).filter((p) => ownedBy(p, memberId));
  // Only photos logged since the last report change the totals: the run's
  // opening report already told the bar of those waiting when it began.
  if (countPhotos(progress, photos) > 0) report();
  let uploaded = 0;
  for (const photo of photos) {
    progress.sendingPhotos.add(photo.id);
    report();
    try {
      await withRetry(() => sentAs(photo, api.putPhoto(photo.sha256, photo.blob)), retry);
      answered(progress);
      await store.markPhotoUploaded(photo.id);
    } catch (err) {
      if (unreadableAnswer(err)) {
        // Something answered for this photo alone: the photos behind it go on,
        // and the run ends saying so (runSync) once they went.
        unread.error = unread.error || err;
        continue;
      }
      if (!refusedForGood(err)) throw err;
      answered(progress);
      await store.setPhotoAside(photo.id, asideReason(err));
      progress.photosAside += 1;
      continue;
    } finally {
      // A failed upload is not "sending" any more: its badge must not say so.
      progress.sendingPhotos.delete(photo.id);
      report();
    }
    progress.photosDone += 1;
    progress.bytesDone += photo.blob.size;
    uploaded += 1;
    report();
  }
  return uploaded;
}

// What goes next (see sync/aside.js): set-aside work stays home, and an
// attach_photo never reaches the server before its bytes did.
async function nextBatch(max, memberId) {
  const [changes, pending] = await Promise.all([store.listOutbox(), store.listPhotosNotUploaded()]);
  return nextSendable(changes, {
    waitingShas: new Set(pending.filter((p) => !p.aside).map((p) => p.sha256)),
    asideShas: new Set(pending.filter((p) => p.aside).map((p) => p.sha256)),
    max,
    memberId,
  });
}

// The outbox row carries its local queue position (seq), who queued it (owner)
// and maybe why it was set aside; the server refuses unknown keys, so only the protocol's own
// go on the wire.
export function toWire({ seq, aside, owner, ...change }) {
  return change;
}

function checkAnswer(changes, answer) {
  const results = answer && Array.isArray(answer.results) ? answer.results : null;
  // Without any result nothing would ever leave the outbox: the next round
  // would resend the same batch forever. The server did answer: she is told
  // so, not that she is offline, and the run is tried again later.
  if (!results || (changes.length > 0 && results.length === 0)) {
    throw unreadableAnswerError('sync answer without results');
  }
}

// A receipt saying the server lost the photo's file before making its copies:
// the same bytes sent again are taken (docs/sync-protocol.md). Every other
// `failed` code says the bytes themselves cannot be made into copies.
export const owesItsBytes = (receipt) =>
  Boolean(receipt) &&
  receipt.state === 'failed' &&
  Boolean(receipt.failure) &&
  receipt.failure.code === 'photo_file_missing';

// A photo's receipt as the server holds it now, or null when none came: no
// answer (offline, a server restored without it) or one that is not its
// receipt (receiptOf) says nothing of the photo.
async function readReceipt(api, photo) {
  try {
    return receiptOf(photo, await api.photoReceipt(photo.sha256));
  } catch {
    return null;
  }
}

// Which of the photos about to give back their room the server keeps, by their
// receipts: those it prepared, or could never prepare from bytes it holds. One
// still `received` waits for its copies; one whose file the server lost goes
// up again (`again`, its ids); one whose receipt does not come (offline, a
// server restored without it) stays whole.
async function keptByServer(api, photos, again) {
  const kept = new Set();
  for (const photo of photos) {
    const receipt = await readReceipt(api, photo);
    if (!receipt) continue; // kept whole, asked again next run
    if (owesItsBytes(receipt)) {
      await store.sendPhotoAgain(photo.id);
      again.push(photo.id);
    } else if (receipt.state !== 'received') {
      kept.add(photo.id);
    }
  }
  return kept;
}

// Photos freed by a version that read no receipt first: one the server lost
// before preparing it is gone but for its small copy, and her camera says so.
async function readFreedReceipts(api) {
  for (const photo of await store.freedPhotosUnread()) {
    const receipt = await readReceipt(api, photo);
    if (!receipt) continue; // asked again after the next run
    await store.noteFreedReceipt(photo.id, { lost: owesItsBytes(receipt) });
  }
}

// Once the run is over, photos the server holds and shows give back their room
// (photos/freeing.js), once their receipts say the server keeps them. A failure
// here loses nothing and must not fail a sync that succeeded: the photos stay
// whole and the next run tries again. Returns how many photos go up again.
async function freeRoom(api, makeSmall) {
  const again = [];
  try {
    await readFreedReceipts(api);
    const confirm = (photos) => keptByServer(api, photos, again);
    await store.freeSentPhotos(makeSmall, { confirm });
  } catch {
    // Kept whole; tried again after the next run.
  }
  return again.length;
}

/**
 * @param {object} opts
 * @param {object} opts.api       the API client (createApiClient)
 * @param {number} opts.groupId
 * @param {number} [opts.memberId] the signed-in member: only her queued work goes
 * @param {(p: object) => void} [opts.onProgress]
 * @param {object} [opts.retry]   options for withRetry (attempts, sleep, random)
 * @param {string} [opts.pseudonym] the walker's: after a server restore, her
 *   own cameras the server lost are sent again (db.finishResync)
 * @param {(blob: Blob) => Promise<Blob>} [opts.makeSmall] the small copy a
 *   photo keeps once it is on the server (db.freeSentPhotos)
 * @returns {Promise<{sent: number, pulled: number, conflicts: number, rejected: number, aside: number}>}
 */
export async function runSync({
  api,
  groupId,
  memberId = null,
  onProgress,
  retry: retryOptions = {},
  pseudonym,
  makeSmall = smallCopy,
}) {
  const progress = emptyProgress();
  const unread = { error: null }; // a photo answered with no receipt (uploadPhotos)
  const report = () => onProgress && onProgress(progress);
  const retry = watchingConnection(retryOptions, progress, report);
  const summary = { sent: 0, pulled: 0, conflicts: 0, rejected: 0, aside: 0 };
  // Her own: another member's work waits on this phone and is not sent (sync/aside.js).
  const countMine = async () => {
    const queued = (await store.listOutbox()).filter((c) => ownedBy(c, memberId));
    countCameras(progress, queued);
    return queued.length;
  };
  progress.changesTotal = await countMine();
  countPhotos(
    progress,
    (await store.listPhotosToUpload()).filter((p) => ownedBy(p, memberId)),
  );
  report();

  // Halved each time the server refuses a whole batch, until the one change
  // it refuses is alone and can be set aside; then back to full batches.
  let batchSize = MAX_CHANGES_PER_REQUEST;
  let restarts = 0;
  for (;;) {
    // After a server restore, nothing is sent until the phone holds the
    // restored server's copy of everything: its outbox may name cameras or
    // versions the server lost, which would be refused and dropped.
    const resyncing = await store.isResyncing(groupId);
    const changes = resyncing ? [] : await nextBatch(batchSize, memberId);
    const cursor = await store.getCursor(groupId);
    const epoch = await store.getEpoch(groupId);
    progress.sendingObservations = new Set(changes.map((c) => c.observation_id));
    report();
    const payload = { cursor, limit: PULL_LIMIT, changes: changes.map(toWire) };
    if (epoch) payload.epoch = epoch;
    let answer;
    try {
      answer = await withRetry(() => api.sync(groupId, payload), retry);
      answered(progress);
    } catch (err) {
      progress.sendingObservations = new Set();
      if (!noConnection(err)) answered(progress);
      if (err && err.code === 'epoch_changed') {
        // A cursor from 0 naming no epoch cannot be refused so; twice in one
        // run is a server fault, not a restore: stop rather than loop.
        if (restarts++ > 0) throw err;
        await store.startResync(groupId);
        continue;
      }
      if (!refusedForGood(err) || changes.length === 0) throw err;
      if (changes.length > 1) {
        batchSize = Math.ceil(changes.length / 2);
      } else {
        await store.setChangeAside(changes[0].change_id, asideReason(err));
        progress.changesAside += 1;
        summary.aside += 1;
        batchSize = MAX_CHANGES_PER_REQUEST;
      }
      report();
      continue;
    }
    checkAnswer(changes, answer);
    await store.applySyncAnswer(groupId, changes, answer);
    if (resyncing && !answer.more) {
      await store.finishResync(groupId, { pseudonym });
      progress.changesTotal = Math.max(progress.changesTotal, await store.countOutbox());
      continue;
    }

    for (const r of answer.results) {
      if (r.status === 'conflict') summary.conflicts += 1;
      if (r.status === 'rejected') summary.rejected += 1;
    }
    summary.sent += answer.results.length;
    summary.pulled += (answer.observations || []).length;
    progress.changesDone += answer.results.length;
    progress.sendingObservations = new Set();
    // One report of the answer, once the cameras left are counted: a report
    // before it would tell the bar of changes done but of no camera done.
    const left = await countMine();
    // New changes logged during the run are welcome in the same run.
    progress.changesTotal = Math.max(progress.changesTotal, progress.changesDone + left);
    report();
    if (answer.more) continue;
    // The cameras sent, the bytes their waiting attach_photo changes name: the
    // next round sends those changes.
    const uploaded = await uploadPhotos(api, progress, report, retry, memberId, unread);
    if (uploaded === 0 && (left === 0 || changes.length === 0)) break;
  }
  // A photo whose file the server lost goes up again in this run: its camera
  // already shows it, only the bytes are owed.
  if ((await freeRoom(api, makeSmall)) > 0) {
    await uploadPhotos(api, progress, report, retry, memberId, unread);
  }
  summary.aside += progress.photosAside;
  // A photo answered with something that is not its receipt is still to go:
  // the run says so (an answer the app cannot read) and is tried again later.
  if (unread.error) throw unread.error;
  return summary;
}
