// Turns what the walker did in the log form into stored changes: a new
// camera (create + one attach_photo per photo), an edit (one update with
// only the changed fields) or more photos on an existing camera.
import { recordChanges } from '../db/index.js';
import { uuid } from '../util/uuid.js';
import { attachPhotoChange, createChange, newRecord, updateChange, withUpdate } from './changes.js';

function photoRecords(observationId, photos, now) {
  return photos.map((p) => ({
    id: uuid(),
    observation_id: observationId,
    role: p.role,
    sha256: p.sha256,
    blob: p.blob,
    size: p.blob.size,
    type: p.blob.type,
    uploaded: false,
    created_at: now.toISOString(),
  }));
}

function attachments(observationId, records, now) {
  return records.map((p) =>
    attachPhotoChange({ observationId, sha256: p.sha256, role: p.role, now }),
  );
}

// Resolves with the stored observation once a read-back found everything.
export async function logNewCamera({ walkId, createdBy, fields, photos = [], now = new Date() }) {
  const observationId = uuid();
  const create = createChange({ observationId, walkId, fields, now });
  const pics = photoRecords(observationId, photos, now);
  const observation = newRecord({ observationId, walkId, createdBy, change: create });
  observation.local_photo_ids = pics.map((p) => p.id);
  const changes = [create, ...attachments(observationId, pics, now)];
  return recordChanges({ observation, changes, photos: pics });
}

// null when the walker changed nothing and added no photo.
export async function editCamera({ record, after, photos = [], now = new Date() }) {
  const update = updateChange({ record, after, now });
  const known = new Set([...(record.photos || []).map((p) => p.sha256)]);
  const pics = photoRecords(
    record.id,
    photos.filter((p) => !known.has(p.sha256)),
    now,
  );
  if (!update && pics.length === 0) return null;
  const observation = {
    ...(update ? withUpdate(record, update) : record),
    local_photo_ids: [...(record.local_photo_ids || []), ...pics.map((p) => p.id)],
  };
  const changes = [...(update ? [update] : []), ...attachments(record.id, pics, now)];
  return recordChanges({ observation, changes, photos: pics });
}
