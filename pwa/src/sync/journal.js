// Turns what the walker did in the log form into stored changes: a new
// camera (create + one attach_photo per photo), an edit (one update with
// only the changed fields) or more photos on an existing camera.
import { listOutboxFor, listPhotos, recordChanges, walkerFixes } from '../db/index.js';
import { uuid } from '../util/uuid.js';
import { localDate } from '../shared/dates.js';
import {
  attachPhotoChange,
  createChange,
  deleteChange,
  detachPhotoChange,
  newRecord,
  updateChange,
  withUpdate,
} from './changes.js';

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

// What taking photos off a camera takes: a photo whose attach_photo is still
// queued is simply forgotten (the server never heard of it); one the server
// holds needs a detach_photo.
async function photoRemoval(record, shas, now) {
  const wanted = new Set(shas);
  const [queued, local] = await Promise.all([listOutboxFor(record.id), listPhotos(record.id)]);
  const queuedAttach = queued.filter((c) => c.op === 'attach_photo' && wanted.has(c.photo.sha256));
  const stillQueued = new Set(queuedAttach.map((c) => c.photo.sha256));
  const onServer = (record.photos || []).filter(
    (p) => wanted.has(p.sha256) && !stillQueued.has(p.sha256),
  );
  const localPhotos = local.filter((p) => wanted.has(p.sha256));
  return {
    dropChangeIds: queuedAttach.map((c) => c.change_id),
    dropPhotoIds: localPhotos.map((p) => p.id),
    detaches: onServer.map((p) =>
      detachPhotoChange({ observationId: record.id, sha256: p.sha256, role: p.role, now }),
    ),
  };
}

// null when the walker changed nothing, added no photo and removed none.
export async function editCamera({
  record,
  after,
  photos = [],
  removePhotos = [],
  now = new Date(),
}) {
  const update = updateChange({ record, after, now });
  const known = new Set([...(record.photos || []).map((p) => p.sha256)]);
  const pics = photoRecords(
    record.id,
    photos.filter((p) => !known.has(p.sha256)),
    now,
  );
  const removal = await photoRemoval(record, removePhotos, now);
  const removed = removal.dropChangeIds.length + removal.detaches.length;
  if (!update && pics.length === 0 && removed === 0) return null;
  const revised = update ? await fixedDays(record.id, update) : [];
  const gone = new Set(removal.dropPhotoIds);
  const goneShas = new Set(removePhotos);
  // The change is what she did to the camera as she saw it (`record`); the
  // copy stored is the one a sync may have stored since (db.recordChanges).
  const observation = (stored = record) => ({
    ...(update ? withUpdate(stored, update) : stored),
    photos: (stored.photos || []).filter((p) => !goneShas.has(p.sha256)),
    local_photo_ids: [
      ...(stored.local_photo_ids || []).filter((id) => !gone.has(id)),
      ...pics.map((p) => p.id),
    ],
  });
  const changes = [
    ...(update ? [update] : []),
    ...removal.detaches,
    ...attachments(record.id, pics, now),
  ];
  return recordChanges({
    observation,
    observationId: record.id,
    changes,
    photos: pics,
    dropChangeIds: removal.dropChangeIds,
    dropPhotoIds: removal.dropPhotoIds,
    reviseChanges: revised,
  });
}

// The server refused a survey day that had not come yet or could not be
// (`future_day`, `past_day`: db/index.js walkerFixes): the changes it refused
// wait, set aside, until she gives the camera another day; then they carry
// that day and go again, in their turn.
async function fixedDays(observationId, update) {
  const day = update.fields.surveyed_on;
  if (!day) return [];
  const queued = await listOutboxFor(observationId);
  return queued
    .filter((c) => walkerFixes(c.aside) && c.fields && c.fields.surveyed_on)
    .map((c) => {
      const surveyed = c.op === 'update' ? { ...c.fields.surveyed_on, new: day.new } : day.new;
      return { ...c, fields: { ...c.fields, surveyed_on: surveyed } };
    });
}

// The walker takes back a camera. The server keeps a tombstone with what it
// was sent, so healthy photos still go; a photo the server refused goes no
// further (with its attach_photo), so nothing of a deleted camera stays
// stuck. A camera whose create was set aside never reached the server: all
// its queued work goes, and no delete is sent.
// The walker finds a camera of the group's no longer there (last week's, or
// one in OSM the group answered about): the record says so, surveyed today.
// Not a delete: the camera was there, and an organiser reviews the change
// (the export deletes the OSM node it is linked to).
export async function markCameraGone({ record, now = new Date() }) {
  const after = { ...record.fields, presence: 'gone', surveyed_on: localDate(now) };
  return editCamera({ record, after, now });
}

export async function deleteCamera({ record, now = new Date() }) {
  const [queued, local] = await Promise.all([listOutboxFor(record.id), listPhotos(record.id)]);
  const refused = local.filter((p) => !p.uploaded && p.aside);
  const refusedShas = new Set(refused.map((p) => p.sha256));
  const neverSent = queued.some((c) => c.op === 'create' && c.aside);
  const drop = neverSent
    ? queued
    : queued.filter((c) => c.op === 'attach_photo' && refusedShas.has(c.photo.sha256));
  return recordChanges({
    observation: (stored = record) => ({ ...stored, deleted: true }),
    observationId: record.id,
    changes: neverSent ? [] : [deleteChange({ record, now })],
    dropChangeIds: drop.map((c) => c.change_id),
    dropPhotoIds: (neverSent ? local : refused).map((p) => p.id),
  });
}

// The walker drops one thing the server refused for good: a photo (with its
// attach_photo) or a change (with the later changes of that camera, which
// waited behind it and would only be refused in turn).
export async function dropAside({ record, photo = null, changeId = null }) {
  const queued = await listOutboxFor(record.id);
  let dropChangeIds;
  let dropPhotoIds = [];
  if (photo) {
    dropChangeIds = queued
      .filter((c) => c.op === 'attach_photo' && c.photo.sha256 === photo.sha256)
      .map((c) => c.change_id);
    dropPhotoIds = [photo.id];
  } else {
    const from = queued.findIndex((c) => c.change_id === changeId);
    dropChangeIds = from === -1 ? [] : queued.slice(from).map((c) => c.change_id);
  }
  const dropsAll = queued.every((c) => dropChangeIds.includes(c.change_id));
  return recordChanges({
    observation: (stored = record) => ({
      ...stored,
      // Nothing of it will reach the server: it leaves the map too. Whether the
      // server has it is read from the copy stored now: a sync may have taken
      // its create since she opened it.
      deleted: (dropsAll && !stored.server) || stored.deleted,
      local_photo_ids: (stored.local_photo_ids || []).filter((id) => !dropPhotoIds.includes(id)),
    }),
    observationId: record.id,
    changes: [],
    dropChangeIds,
    dropPhotoIds,
  });
}
