// Builders shared by the store and sync tests.
import { createChange, attachPhotoChange, newRecord } from '../src/sync/changes.js';
import { newFields } from '../src/model/observation.js';
import { recordChanges } from '../src/db/index.js';

let counter = 0;
export const nextId = (prefix = 'id') => `${prefix}-${++counter}`;

export function photoRecord(observationId, sha256, bytes = 'jpegbytes', role = 'close_up') {
  return {
    id: nextId('photo'),
    observation_id: observationId,
    role,
    sha256,
    blob: new Blob([bytes], { type: 'image/jpeg' }),
    uploaded: false,
  };
}

// Logs one camera the way the log form does; returns what it stored.
export async function logCamera({ walkId = 3, lat = 43.2961, lon = 5.3812, photos = [] } = {}) {
  const observationId = nextId('obs');
  const fields = newFields({ position: { lat, lon, accuracy_m: 6 }, surveyedOn: '2026-11-21' });
  const create = createChange({ observationId, walkId, fields, id: nextId('chg') });
  const photoRecs = photos.map((sha) => photoRecord(observationId, sha));
  const attaches = photoRecs.map((p) =>
    attachPhotoChange({ observationId, sha256: p.sha256, role: p.role, id: nextId('chg') }),
  );
  const observation = newRecord({ observationId, walkId, createdBy: 'mouette', change: create });
  await recordChanges({ observation, changes: [create, ...attaches], photos: photoRecs });
  return { observationId, create, attaches, photos: photoRecs };
}

// What the server answers for an observation it accepted.
export function serverCopy(change, version = 1, seq = 1, extra = {}) {
  return {
    id: change.observation_id,
    walk_id: change.walk_id ?? 3,
    version,
    seq,
    created_by: 'mouette',
    deleted: false,
    merged_into: null,
    photos: [],
    conflicts: [],
    ...(change.fields || {}),
    ...extra,
  };
}
