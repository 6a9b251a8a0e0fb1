// Over a long campaign her photos filled the phone: every one stayed full size
// after it reached the server, and "phone full" left her nothing to do. A
// photo's full-size bytes give way to a small copy, enough for her sheet to
// show her own photo offline (db/index.js freeSentPhotos), once all of these
// hold:
// - the server stored its bytes (`uploaded`: its receipt came) and it is not
//   set aside;
// - no queued change names it, hers or another member's on a shared phone, set
//   aside or not: an attach_photo still to go, or one sent again after a
//   restore, may need its bytes uploaded again;
// - the server's copy of its camera lists it: the attach_photo was
//   acknowledged and applied (a refused one leaves it off);
// - its camera is not being given back after a server restore (`resync`);
// - the server has held it for PHOTO_BYTES_KEPT_DAYS: a server restored from
//   a backup taken before it lost its bytes, and the phone gives them back
//   (README, Backups: "take backups often during a day of walks"). A week of
//   photos is what the phone holds at most, not the whole campaign;
// - and, read last over the network (sync/engine.js keptByServer), its receipt
//   says the server made its copies, or could never from bytes it holds: a
//   server that lost the file before making them is sent the bytes again.
// Freed photos keep `freed: {at, bytes}` (when, and the size of the bytes that
// went): their bytes can never go up again.
export const PHOTO_BYTES_KEPT_DAYS = 7;
const KEPT_MS = PHOTO_BYTES_KEPT_DAYS * 24 * 3600 * 1000;

// At most this many photos are freed in one run, the rest on the next: the
// first run on a phone that walked a whole campaign would otherwise decode
// hundreds of photos inside the sync.
export const MAX_FREED_PER_RUN = 50;

// When the server took it. A photo uploaded before `uploaded_at` was kept has
// no such time: its creation time could be weeks before a restore still
// needing it, so it counts from now (db/schema.js stamps it, version 5).
const heldSince = (p, now) => (p.uploaded_at ? Date.parse(p.uploaded_at) || now : now);

// The latest `uploaded_at` a photo may have and give back its room at `now`:
// the phone's store looks its candidates up by this bound (db/index.js
// freeSentPhotos) instead of reading every photo, blobs and all, at each sync.
export const heldLongEnoughBefore = (now) => new Date(now - KEPT_MS).toISOString();

// What the rule asks of a photo's own record, blob and all, beyond `mayFree`.
const whole = (p) => p.uploaded && !p.aside && !p.freed && p.blob;

// The rest of the rule: what its key fields say (sha256, observation_id,
// uploaded_at), the queued changes' photos (`named`) and its camera. The
// phone's store checks this first on keys alone, and reads only the photos
// that pass.
export function mayFree(p, named, observations, now = Date.now()) {
  if (p.freed || named.has(p.sha256) || now - heldSince(p, now) < KEPT_MS) return false;
  const record = observations.get(p.observation_id);
  if (!record || record.resync || !record.server) return false;
  return (record.server.photos || []).some((s) => s.sha256 === p.sha256);
}

export const namedPhotos = (outbox) =>
  new Set(outbox.filter((c) => c.photo).map((c) => c.photo.sha256));

export function freeablePhotos(photos, outbox, observations, now = Date.now()) {
  const named = namedPhotos(outbox);
  return photos.filter((p) => whole(p) && mayFree(p, named, observations, now));
}
