// The walker's unsent work as one file she can keep or hand to an organiser
// (docs/sync-protocol.md, "Walker files"): GeoJSON features people can open
// anywhere, and in a foreign member the outbox itself with the photo bytes
// it needs, so the server's import replays her changes exactly.
import * as store from '../db/index.js';
import { localDate, localTimestamp } from '../shared/dates.js';
import { toWire } from './engine.js';
import { ownedBy } from './aside.js';
import { hex, sha256HexOfText } from '../util/digest.js';

export const FORMAT = 'camwalk_walker_file';
export const VERSION = 1;

async function base64Of(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  // In slices: String.fromCharCode(...a 300 KB array) overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

function feature(record, queued, photos) {
  const { position, ...fields } = record.fields;
  return {
    type: 'Feature',
    geometry: position ? { type: 'Point', coordinates: [position.lon, position.lat] } : null,
    properties: {
      observation_id: record.id,
      walk_id: record.walk_id,
      ...fields,
      accuracy_m: position ? position.accuracy_m : null,
      queued_changes: queued.length,
      photos: photos.map((p) => p.sha256),
      set_aside: queued.filter((c) => c.aside).map((c) => ({ op: c.op, ...c.aside })),
    },
  };
}

// The text a file's proof signs: sync/walker_file.py proof_message, line for
// line (who saved it, when, each change by id, op and observation, each photo).
export function proofMessage(work) {
  const text = (v) => (typeof v === 'string' ? v : '');
  return [
    'camwalk walker file 1',
    `group ${work.group_id}`,
    `member ${work.member_id}`,
    `saved ${work.saved_at || ''}`,
    ...work.changes.map(
      (c) => `change ${text(c.change_id)} ${text(c.op)} ${text(c.observation_id)}`,
    ),
    ...work.photos.map((p) => `photo ${p.sha256}`),
  ].join('\n');
}

// HMAC-SHA256 of proofMessage, keyed by `key`: the SHA-256 (hex) of this
// phone's token, which is what the server keeps of it, so the organiser's
// import knows the file came from this phone. Null without a key, or where
// the browser has no WebCrypto (a page not served over https): the organiser
// is then asked to confirm.
async function signed(key, work) {
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!subtle || !key) return null;
  const utf8 = (s) => new TextEncoder().encode(s);
  const hmac = await subtle.importKey('raw', utf8(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return hex(await subtle.sign('HMAC', hmac, utf8(proofMessage(work))));
}

// The proof a phone holding `token` gives `work`.
export async function proof(token, work) {
  return signed(await sha256HexOfText(token), work);
}

// The key that proves `who`'s file: her live token's, or the one kept when
// this phone last dropped her token (db/index.js proofKey).
async function proofKeyOf(session, who) {
  const live = session.token && session.member && session.member.id === who.member_id;
  return live ? sha256HexOfText(session.token) : store.proofKey(who.member_id);
}

// Everything still queued by the signed-in member, or with `owner` (db/index.js
// workOwner) what another member queued on this phone; null when nothing is.
// Another member's file is proven only if this phone kept her token's key when
// it dropped the token; otherwise the organiser's import asks for her word.
export async function buildWalkerFile(session, now = new Date(), { owner = null } = {}) {
  const who = owner || store.workOwner(session);
  const mine = (row) =>
    owner ? row.owner && row.owner.member_id === owner.member_id : ownedBy(row, who.member_id);
  const [outbox, photos] = await Promise.all([
    store.listOutbox().then((rows) => rows.filter(mine)),
    store.listAllPhotos().then((rows) => rows.filter(mine)),
  ]);
  const attachShas = new Set(
    outbox.filter((c) => c.op === 'attach_photo').map((c) => c.photo.sha256),
  );
  // A freed photo's bytes are a small copy, not the photo its SHA-256 names.
  const wanted = photos.filter((p) => !p.freed && (!p.uploaded || attachShas.has(p.sha256)));
  if (!outbox.length && !wanted.length) return null;
  const ids = [...new Set([...outbox, ...wanted].map((x) => x.observation_id))];
  const records = (await Promise.all(ids.map((id) => store.getObservation(id)))).filter(Boolean);
  const features = records.map((r) =>
    feature(
      r,
      outbox.filter((c) => c.observation_id === r.id),
      wanted.filter((p) => p.observation_id === r.id),
    ),
  );
  const seen = new Set();
  const photoEntries = [];
  for (const p of wanted) {
    if (seen.has(p.sha256)) continue; // one photo in two cameras: its bytes once
    seen.add(p.sha256);
    photoEntries.push({
      sha256: p.sha256,
      media_type: p.type || p.blob.type || null,
      data_base64: await base64Of(p.blob),
    });
  }
  const work = {
    version: VERSION,
    group_id: who.group_id,
    member_id: who.member_id,
    pseudonym: who.pseudonym,
    saved_at: localTimestamp(now),
    // The rows as the engine would put them on the wire (see engine.toWire).
    changes: outbox.map(toWire),
    set_aside: outbox.filter((c) => c.aside).map((c) => ({ change_id: c.change_id, ...c.aside })),
    photos: photoEntries,
  };
  const proven = await signed(await proofKeyOf(session, who), work);
  if (proven) work.proof = proven;
  const body = { type: 'FeatureCollection', features, [FORMAT]: work };
  return {
    filename: `camwalk-${who.pseudonym}-${localDate(now)}.geojson`,
    blob: new Blob([JSON.stringify(body)], { type: 'application/geo+json' }),
    changes: outbox.length,
    cameras: features.length,
    photos: photoEntries.length,
  };
}

// Hands the file to the browser's download (or the phone's "save to Files").
export function saveFile({ blob, filename }) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
