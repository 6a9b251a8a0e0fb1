// Builds the changes of docs/sync-protocol.md from what the walker did, and
// the local observation record that goes with them. Pure: ids and clock are
// handed in so tests can pin them.
import { applyChange, diffFields } from '../model/observation.js';
import { localTimestamp } from '../shared/dates.js';
import { uuid } from '../util/uuid.js';

export function createChange({ observationId, walkId, fields, now = new Date(), id = uuid() }) {
  return {
    change_id: id,
    observation_id: observationId,
    op: 'create',
    walk_id: walkId,
    made_at: localTimestamp(now),
    fields,
  };
}

// null when nothing changed: an empty update would only clutter the history.
export function updateChange({ record, after, now = new Date(), id = uuid() }) {
  const fields = diffFields(record.fields, after);
  if (Object.keys(fields).length === 0) return null;
  return {
    change_id: id,
    observation_id: record.id,
    op: 'update',
    // The version this phone last saw from the server; for an observation
    // whose create is still queued, the version that create will produce.
    base_version: record.version || 1,
    made_at: localTimestamp(now),
    fields,
  };
}

export function attachPhotoChange({ observationId, sha256, role, now = new Date(), id = uuid() }) {
  return {
    change_id: id,
    observation_id: observationId,
    op: 'attach_photo',
    made_at: localTimestamp(now),
    photo: { sha256, role },
  };
}

// The walker takes a photo the server already holds off her camera.
export function detachPhotoChange({ observationId, sha256, role, now = new Date(), id = uuid() }) {
  return { ...attachPhotoChange({ observationId, sha256, role, now, id }), op: 'detach_photo' };
}

// The walker takes back a camera she logged (a mistake, a double tap). The
// server keeps it as a tombstone; a stale delete becomes a conflict there.
export function deleteChange({ record, now = new Date(), id = uuid() }) {
  return {
    change_id: id,
    observation_id: record.id,
    op: 'delete',
    base_version: record.version || 1,
    made_at: localTimestamp(now),
  };
}

// A brand-new local observation, before the server has seen it.
export function newRecord({ observationId, walkId, createdBy, change }) {
  return {
    id: observationId,
    walk_id: walkId,
    fields: applyChange({}, change),
    server: null,
    version: 0,
    deleted: false,
    merged_into: null,
    created_by: createdBy,
    photos: [],
    local_photo_ids: [],
    sync: {},
  };
}

export function withUpdate(record, change) {
  return { ...record, fields: applyChange(record.fields, change) };
}
