// Work the server refused for good is set aside, not retried: one bad photo
// or one change the server can never accept must not hold back the rest of
// the outbox (it once did, for ever: a PDF picked as a photo kept 5 changes
// on a phone and its walker could not even log out). Nothing set aside is
// deleted; the walker sees why, and fixes it, drops it or saves it to a file.

// HTTP statuses that say "this item can never be accepted as it is". A 401
// (log in again), 403/404 (not the caller's group) and 5xx/429/0 (try later)
// are not about one item, so they never set anything aside. Only the camwalk
// server's own answers carry a status here: a captive portal's 400 page is
// no answer at all (api/client.js errorFromResponse), and sets nothing aside.
const REFUSED_FOR_GOOD = new Set([400, 413, 415, 422]);

export function refusedForGood(err) {
  return Boolean(err && REFUSED_FOR_GOOD.has(err.status));
}

export function asideReason(err, now = new Date()) {
  return {
    code: err.code || `http_${err.status}`,
    message: err.message || '',
    at: now.toISOString(),
  };
}

/**
 * The changes of the next request, from the outbox in queue order.
 * - a change set aside does not go, and the later changes of its camera wait
 *   behind it (an update after a refused create would only be refused too);
 * - an attach_photo whose photo was set aside waits with its photo, alone;
 * - an attach_photo whose bytes are not on the server yet waits for them, and the
 *   later changes of its camera behind it (order matters within a camera); the
 *   other cameras go on: a camera's few hundred bytes must not wait for
 *   megabytes of photos on a link that may drop before they are up;
 * - a change another member queued on this phone stays, with the later changes of
 *   its camera (see ownedBy).
 */
export function nextSendable(
  outbox,
  { waitingShas = new Set(), asideShas = new Set(), max, memberId = null },
) {
  const blocked = new Set();
  const batch = [];
  for (const change of outbox) {
    if (change.aside || !ownedBy(change, memberId) || blocked.has(change.observation_id)) {
      blocked.add(change.observation_id);
      continue;
    }
    if (change.op === 'attach_photo' && asideShas.has(change.photo.sha256)) continue;
    if (change.op === 'attach_photo' && waitingShas.has(change.photo.sha256)) {
      blocked.add(change.observation_id);
      continue;
    }
    batch.push(change);
    if (batch.length >= max) break;
  }
  return batch;
}

// Observation ids with something set aside (a change or a photo): their
// marker says "refused" and their sheet says why. Only `memberId`'s when given:
// what she is asked to fix is her own (see ownedBy).
export function asideObservations(outbox, photos, memberId = null) {
  const refused = (row) => row.aside && ownedBy(row, memberId);
  const ids = new Set(outbox.filter(refused).map((c) => c.observation_id));
  for (const p of photos) if (refused(p)) ids.add(p.observation_id);
  return ids;
}

// Observation ids with work another member queued on this phone (not `memberId`'s):
// hers until it goes. The member signed in sees the camera is not on the server
// yet, but it is not hers to send, fix, drop or change (db/index.js recordChanges).
export function heldObservations(outbox, photos, memberId) {
  const theirs = (row) => !ownedBy(row, memberId);
  const ids = new Set(outbox.filter(theirs).map((c) => c.observation_id));
  for (const p of photos) if (!p.uploaded && theirs(p)) ids.add(p.observation_id);
  return ids;
}

// Whether queued work (an outbox change or a photo) may go with the session of
// member `memberId`. Work names the member who logged it (db/index.js workOwner):
// a walker signed out who joins again under another pseudonym must not send it
// as the new one. It stays on the phone, whole, until its owner signs in again
// (a sign-in link from her organiser) or it is saved to a walker file. Work with
// no owner was queued with no session at all: whoever signs in sends it.
export function ownedBy(row, memberId) {
  return !row.owner || memberId == null || row.owner.member_id === memberId;
}

// Observation ids with changes queued (only `memberId`'s when given): the
// cameras not yet on the server as she counts them.
export function pendingObservations(outbox, memberId = null) {
  return new Set(outbox.filter((c) => ownedBy(c, memberId)).map((c) => c.observation_id));
}

// What waits to go (only `memberId`'s when given): the cameras with work of
// their own queued (a new camera and its photos are one camera to send), and
// apart, the attach_photo changes of cameras already on the server, of which
// only photos wait.
function queuedWork(outbox, memberId) {
  const mine = outbox.filter((c) => ownedBy(c, memberId));
  const cameras = new Set(mine.filter((c) => c.op !== 'attach_photo').map((c) => c.observation_id));
  const photos = mine.filter((c) => c.op === 'attach_photo' && !cameras.has(c.observation_id));
  return { cameras, photos };
}

// What the sync chip counts as waiting to go: cameras, and photos whose camera
// is already on the server. Counted as cameras, such a photo read "1 camera
// not yet sent" of a camera the server had.
export function waitingToSend(outbox, memberId = null) {
  const { cameras, photos } = queuedWork(outbox, memberId);
  return { cameras: cameras.size, photos: photos.length };
}

// Observation ids whose only queued work is photos: the camera is on the
// server and its marker says so, with its photo waiting, as the chip counts it.
export function photoOnlyObservations(outbox, memberId = null) {
  return new Set(queuedWork(outbox, memberId).photos.map((c) => c.observation_id));
}

// Work not yet on the server as she counts it: cameras (whatever number of
// changes each) and photos not uploaded; only `memberId`'s when given.
export function unsentWork(outbox, photos, memberId = null) {
  const mine = (row) => ownedBy(row, memberId);
  return {
    cameras: pendingObservations(outbox, memberId).size,
    photos: photos.filter((p) => !p.uploaded && mine(p)).length,
  };
}

// The members, other than `memberId`, whose work waits on this phone, with how
// many changes, cameras and photos of theirs: [{owner, changes, cameras, photos}]
// (cameras: what she would count; changes: what the wire carries).
export function othersWork(outbox, photos, memberId) {
  const byMember = new Map();
  const entry = (owner) => {
    if (!byMember.has(owner.member_id))
      byMember.set(owner.member_id, { owner, changes: 0, cameras: new Set(), photos: 0 });
    return byMember.get(owner.member_id);
  };
  for (const change of outbox) {
    if (ownedBy(change, memberId)) continue;
    const work = entry(change.owner);
    work.changes += 1;
    work.cameras.add(change.observation_id);
  }
  for (const photo of photos) {
    if (!photo.uploaded && !ownedBy(photo, memberId)) entry(photo.owner).photos += 1;
  }
  return [...byMember.values()].map((work) => ({ ...work, cameras: work.cameras.size }));
}
