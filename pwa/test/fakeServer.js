// A small in-memory stand-in for the camwalk server's sync and photo
// endpoints, faithful to docs/sync-protocol.md where the client depends on
// it: idempotent change_ids, results in request order, seq-ordered pulls, and
// refusals the client can still fix not kept (the same change sent again is
// judged again, not replayed).
import { ApiError } from '../src/api/client.js';

const WIRE_KEYS = new Set([
  'change_id',
  'observation_id',
  'op',
  'walk_id',
  'made_at',
  'fields',
  'base_version',
  'photo',
]);

// Refusals the server answers without keeping them (sync/checks.py `kept=False`).
const NOT_KEPT = new Set(['unknown_observation', 'future_day', 'photo_not_uploaded']);

// A survey day after the server's tomorrow (sync/fields.py survey_day_bound).
function dayToCome(day, today) {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const tomorrow = new Date(`${today}T00:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  return day > tomorrow.toISOString().slice(0, 10);
}

const surveyDay = (change) => {
  const value = change.fields && change.fields.surveyed_on;
  return change.op === 'update' ? value && value.new : value;
};

// `today`: the server's date (YYYY-MM-DD), for the survey days it refuses.
export function createFakeServer({ today = new Date().toISOString().slice(0, 10) } = {}) {
  const observations = new Map();
  const results = new Map(); // change_id -> result (for replays)
  const photos = new Map(); // sha256 -> size
  // sha256 -> what its receipt says once prepared: {state, failure}; `prepared`
  // unless a test says otherwise (its worker is instant).
  const photoStates = new Map();
  let seq = 0;
  let epoch = 'epoch-1'; // made anew by restore()
  const failures = []; // queued faults for the next calls
  const log = { syncCalls: 0, applied: 0, photoPuts: 0, receiptReads: 0 };
  // What this server refuses for good; tests replace these.
  const refuses = { changes: () => false, photo: () => false };

  function nextFault(kind) {
    const i = failures.findIndex((f) => f.on === kind);
    return i === -1 ? null : failures.splice(i, 1)[0];
  }

  function apply(change) {
    if (results.has(change.change_id)) return { ...results.get(change.change_id), replayed: true };
    let obs = observations.get(change.observation_id);
    let result;
    if (change.op !== 'create' && !obs) {
      result = { status: 'rejected', error: { code: 'unknown_observation', message: '?' } };
    } else if (dayToCome(surveyDay(change), today)) {
      const message = `surveyed_on ${surveyDay(change)} is after today (${today})`;
      result = { status: 'rejected', error: { code: 'future_day', message } };
    } else if (change.op === 'create') {
      obs = {
        id: change.observation_id,
        walk_id: change.walk_id,
        created_by: 'mouette',
        ...change.fields,
        photos: [],
      };
      obs.version = 1;
      result = { status: 'applied' };
    } else if (change.op === 'attach_photo') {
      if (!photos.has(change.photo.sha256)) {
        // As the server answers (sync/checks.py).
        const message = 'Upload the photo, then send this change again.';
        result = { status: 'rejected', error: { code: 'photo_not_uploaded', message } };
      } else {
        obs.photos.push(change.photo);
        obs.version += 1;
        result = { status: 'applied' };
      }
    } else if (change.op === 'delete' || change.op === 'detach_photo') {
      if (change.op === 'delete') obs.deleted = true;
      else obs.photos = obs.photos.filter((p) => p.sha256 !== change.photo.sha256);
      obs.version += 1;
      result = { status: 'applied' };
    } else if (change.op === 'update') {
      // As sync/merge.py: a server already holding `new` agrees, no conflict.
      const holds = (k, value) => JSON.stringify(obs[k] ?? null) === JSON.stringify(value);
      const clash = Object.entries(change.fields).filter(
        ([k, pair]) => !holds(k, pair.old) && !holds(k, pair.new),
      );
      for (const [k, pair] of Object.entries(change.fields)) {
        if (!clash.find(([c]) => c === k)) obs[k] = pair.new;
      }
      obs.version += 1;
      result = clash.length
        ? { status: 'conflict', conflict_ids: [obs.version * 100] }
        : { status: 'applied' };
      if (clash.length) obs.conflicts = result.conflict_ids;
    }
    if (result.status !== 'rejected') {
      log.applied += 1;
      obs.seq = ++seq;
      observations.set(obs.id, obs);
    }
    const full = {
      change_id: change.change_id,
      observation_id: change.observation_id,
      version: obs ? obs.version : null,
      replayed: false,
      conflict_ids: [],
      ...result,
    };
    if (!NOT_KEPT.has(full.error && full.error.code)) results.set(change.change_id, full);
    return full;
  }

  function receipt(sha256) {
    const { state = 'prepared', failure = null } = photoStates.get(sha256) || {};
    return { sha256, size: photos.get(sha256), state, failure };
  }

  const api = {
    async putPhoto(sha256, blob) {
      log.photoPuts += 1;
      const fault = nextFault('photo');
      if (fault) throw new ApiError({ status: fault.status ?? 0, code: fault.code ?? 'x' });
      if (refuses.photo(sha256))
        throw new ApiError({ status: 415, code: 'unsupported_photo_type', message: 'not a photo' });
      const existed = photos.has(sha256);
      photos.set(sha256, blob.size);
      // As the server: the same bytes of a photo whose file it lost are taken again.
      const lostFile = photoStates.get(sha256)?.failure?.code === 'photo_file_missing';
      if (lostFile) photoStates.delete(sha256);
      return { ...receipt(sha256), created: !existed, state: lostFile ? 'received' : 'prepared' };
    },
    async photoReceipt(sha256) {
      log.receiptReads += 1;
      const fault = nextFault('receipt');
      if (fault) throw new ApiError({ status: fault.status ?? 0, code: 'x' });
      if (!photos.has(sha256)) throw new ApiError({ status: 404, code: 'not_found' });
      return receipt(sha256);
    },
    async sync(groupId, { cursor, limit, changes, epoch: payloadEpoch }) {
      log.syncCalls += 1;
      // Like the real server: unknown keys in a change are a 422.
      for (const change of changes) {
        const unknown = Object.keys(change).filter((k) => !WIRE_KEYS.has(k));
        if (unknown.length)
          throw new ApiError({ status: 422, code: 'invalid_input', errors: unknown });
      }
      // As the real server's schema: at most 1,000 observations a page.
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new ApiError({ status: 422, code: 'invalid_input', errors: { limit: ['1-1000'] } });
      // A change the real server refuses whole (a 422 for the batch).
      if (changes.some((c) => refuses.changes(c)))
        throw new ApiError({ status: 422, code: 'invalid_input', errors: { changes: {} } });
      // A cursor this database did not give (docs/sync-protocol.md, Epochs).
      if ((payloadEpoch !== undefined && payloadEpoch !== epoch) || cursor > seq)
        throw new ApiError({ status: 409, code: 'epoch_changed', message: 'restored' });
      const fault = nextFault('sync');
      if (fault && !fault.afterApply) throw new ApiError({ status: fault.status ?? 0, code: 'x' });
      const res = changes.map(apply);
      // The connection drops after the server applied the batch.
      if (fault) throw new ApiError({ status: 0, code: 'network' });
      const newer = [...observations.values()]
        .filter((o) => o.seq > cursor)
        .sort((a, b) => a.seq - b.seq);
      const page = newer.slice(0, limit);
      return {
        results: res,
        observations: page.map((o) => structuredClone(o)),
        cursor: page.length ? page[page.length - 1].seq : cursor,
        more: newer.length > limit,
        epoch,
      };
    },
  };

  // What `camwalk backup` keeps; calling the function it returns is `camwalk
  // restore`: the data as it was, seqs going on from the backup's, a new epoch.
  function backup() {
    const saved = {
      observations: structuredClone([...observations]),
      results: structuredClone([...results]),
      photos: [...photos],
      seq,
    };
    return () => {
      observations.clear();
      for (const [k, v] of saved.observations) observations.set(k, v);
      results.clear();
      for (const [k, v] of saved.results) results.set(k, v);
      photos.clear();
      for (const [k, v] of saved.photos) photos.set(k, v);
      seq = saved.seq;
      epoch = `${epoch}+restored`;
    };
  }

  return { api, observations, photos, photoStates, failures, log, refuses, edit: apply, backup };
}
