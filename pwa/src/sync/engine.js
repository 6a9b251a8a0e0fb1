// One sync run: photo bytes first, then the outbox oldest first in batches,
// pulling the group's observations in the same round trips until the server
// says there is no more. A change leaves the outbox only inside the
// transaction that stores its result (see db.applySyncAnswer).
import * as store from '../db/index.js';
import { ApiError } from '../api/client.js';
import { withRetry } from './retry.js';

export const MAX_CHANGES_PER_REQUEST = 500; // protocol limit
export const PULL_LIMIT = 200;

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
  };
}

async function uploadPhotos(api, progress, report, retry) {
  const photos = await store.listPhotosToUpload();
  progress.photosTotal += photos.length;
  progress.bytesTotal += photos.reduce((sum, p) => sum + p.blob.size, 0);
  report();
  for (const photo of photos) {
    progress.sendingPhotos.add(photo.id);
    report();
    await withRetry(() => api.putPhoto(photo.sha256, photo.blob), retry);
    await store.markPhotoUploaded(photo.id);
    progress.sendingPhotos.delete(photo.id);
    progress.photosDone += 1;
    progress.bytesDone += photo.blob.size;
    report();
  }
}

// An attach_photo must not reach the server before its bytes did: cut the
// batch there (order matters, so later changes wait too).
async function nextBatch() {
  const changes = await store.listOutbox(MAX_CHANGES_PER_REQUEST);
  const waiting = new Set((await store.listPhotosToUpload()).map((p) => p.sha256));
  const cut = changes.findIndex((c) => c.op === 'attach_photo' && waiting.has(c.photo.sha256));
  return cut === -1 ? changes : changes.slice(0, cut);
}

// The outbox row carries its local queue position (seq); the server
// refuses unknown keys, so only the protocol's own go on the wire.
function toWire({ seq, ...change }) {
  return change;
}

function checkAnswer(changes, answer) {
  const results = answer && Array.isArray(answer.results) ? answer.results : null;
  // Without any result nothing would ever leave the outbox: the next round
  // would resend the same batch forever.
  if (!results || (changes.length > 0 && results.length === 0)) {
    throw new ApiError({ status: 0, code: 'bad_answer', message: 'sync answer without results' });
  }
}

/**
 * @param {object} opts
 * @param {object} opts.api       the API client (createApiClient)
 * @param {number} opts.groupId
 * @param {(p: object) => void} [opts.onProgress]
 * @param {object} [opts.retry]   options for withRetry (attempts, sleep, random)
 * @returns {Promise<{sent: number, pulled: number, conflicts: number, rejected: number}>}
 */
export async function runSync({ api, groupId, onProgress, retry = {} }) {
  const progress = emptyProgress();
  const report = () => onProgress && onProgress(progress);
  const summary = { sent: 0, pulled: 0, conflicts: 0, rejected: 0 };
  progress.changesTotal = await store.countOutbox();
  report();

  for (let round = 0; ; round++) {
    await uploadPhotos(api, progress, report, retry);
    const changes = await nextBatch();
    const cursor = await store.getCursor(groupId);
    progress.sendingObservations = new Set(changes.map((c) => c.observation_id));
    report();
    const payload = { cursor, limit: PULL_LIMIT, changes: changes.map(toWire) };
    const answer = await withRetry(() => api.sync(groupId, payload), retry);
    checkAnswer(changes, answer);
    await store.applySyncAnswer(groupId, changes, answer);

    for (const r of answer.results) {
      if (r.status === 'conflict') summary.conflicts += 1;
      if (r.status === 'rejected') summary.rejected += 1;
    }
    summary.sent += answer.results.length;
    summary.pulled += (answer.observations || []).length;
    progress.changesDone += answer.results.length;
    progress.sendingObservations = new Set();
    report();

    const left = await store.countOutbox();
    // New changes logged during the run are welcome in the same run.
    progress.changesTotal = Math.max(progress.changesTotal, progress.changesDone + left);
    if (!answer.more && (left === 0 || changes.length === 0)) break;
  }
  return summary;
}
