import { same } from './observation.js';
import {
  asideObservations,
  heldObservations,
  pendingObservations,
  photoOnlyObservations,
} from '../sync/aside.js';

// The badge a walker sees on each camera and photo.
//   pending  – stored on the phone, not yet acknowledged by the server
//   photoPending – the camera is on the server, only a photo of it waits
//              (its attach_photo, sync/aside.js photoOnlyObservations)
//   sending  – in the request going out right now
//   safe     – the server acknowledged it
//   conflict – the server holds a conflict on it, waiting for an organiser
//   rejected – the server refused a change (kept in its history), or refused
//              a change or photo for good and it waits, set aside, for the walker
//   lost     – a photo whose full-size bytes this phone freed and a server
//              restored from a backup never had: only its small copy remains;
//              on a camera, when such photos are all the server refused. Lost
//              is not refused: nothing was wrong with it, she can take it again
//   held     – another member who used this phone has work on it waiting for
//              her session (sync/aside.js heldObservations): not the walker's
//              to send or fix, and not counted as hers

// What observationState is told of the phone's queued work, for member `memberId`:
// hers only, as the chip counts it; another member's cameras are "held".
export function queuedStates(outbox, photos, memberId) {
  return {
    pending: pendingObservations(outbox, memberId),
    photoPending: photoOnlyObservations(outbox, memberId),
    aside: asideObservations(outbox, photos, memberId),
    held: heldObservations(outbox, photos, memberId),
  };
}

export function observationState(
  record,
  {
    pending = new Set(),
    photoPending = new Set(),
    sending = new Set(),
    aside = new Set(),
    held = new Set(),
  } = {},
) {
  if (sending.has(record.id)) return 'sending';
  if (aside.has(record.id)) return 'rejected';
  if (held.has(record.id)) return 'held';
  if (!record.server) return 'pending';
  if (photoPending.has(record.id)) return 'photoPending';
  if (pending.has(record.id)) return 'pending';
  const sync = record.sync || {};
  if ((sync.conflicts && sync.conflicts.length) || (record.server.conflicts || []).length) {
    return 'conflict';
  }
  if (sync.rejected && sync.rejected.length) {
    return sync.rejected.every(photoLost) ? 'lost' : 'rejected';
  }
  return 'safe';
}

// A refusal that says a freed photo's bytes are gone: a restored server lacks
// them (db/index.js freedPhotoLost), or the server lost its file before making
// its copies (db/index.js noteFreedReceipt).
const LOST_CODES = new Set(['photo_lost', 'photo_lost_by_server']);

export const photoLost = (rejected) =>
  rejected.op === 'attach_photo' && Boolean(rejected.error) && LOST_CODES.has(rejected.error.code);

export function photoState(photo, sendingPhotos = new Set()) {
  if (photo.aside) return 'rejected';
  if (photo.lost) return 'lost';
  if (sendingPhotos.has(photo.id)) return 'sending';
  return photo.uploaded ? 'safe' : 'pending';
}

// Field-by-field view of a conflict: what the walker sent, what the other side
// sent, what both started from, and which of the two the server holds until an
// organiser decides ('mine', 'theirs' or null): either may be, and the sheet
// said "on the server" of the other side's value while the server held hers.
export function conflictRows(record) {
  const rows = [];
  for (const entry of (record.sync && record.sync.conflicts) || []) {
    for (const [field, v] of Object.entries(entry.fields)) {
      const theirs = otherValue(record, field, v.mine);
      const held = record.server ? record.server[field] : undefined;
      const inPlace = !record.server
        ? null
        : same(held, v.mine)
          ? 'mine'
          : same(held, theirs)
            ? 'theirs'
            : null;
      rows.push({ field, base: v.base, mine: v.mine, theirs, inPlace });
    }
  }
  return rows;
}

// The server's current value may be the walker's own (when it is the provisional
// winner), so the other side's value comes from the conflict's recorded values.
function otherValue(record, field, mine) {
  const server = record.server || {};
  const detail = (server.conflict_details || []).find((d) => d.field === field);
  const other = detail && detail.values.find((v) => !same(v.value, mine));
  if (other) return other.value;
  return record.server ? record.server[field] : null;
}
