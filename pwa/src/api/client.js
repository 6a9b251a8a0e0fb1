// The only module that talks to the camwalk server (/api/v1). Everything it
// returns is plain JSON; every failure becomes an ApiError so that callers
// decide on `retryable` / `status`, never on message strings.

const DEFAULT_TIMEOUT_MS = 30_000;
// Photos go over weak links: give them longer before calling it a timeout.
const PHOTO_TIMEOUT_MS = 120_000;

export class ApiError extends Error {
  constructor({ status, code, message, errors }) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status; // 0 when no answer came back from the camwalk server
    this.code = code;
    this.errors = errors;
  }

  // Worth trying again later: the request may not have reached the server, or
  // reached it cut short (408; a photo's bytes not those of its hash), the
  // server said it was temporarily unable to answer, or its answer could not
  // be read (unreadableAnswer). A photo still arriving damaged after the
  // retries is set aside (its 422, sync/aside.js): her phone's own copy may be.
  get retryable() {
    return (
      this.status === 0 ||
      this.status === 408 ||
      this.status === 429 ||
      this.status >= 500 ||
      this.code === 'hash_mismatch' ||
      unreadableAnswer(this)
    );
  }
}

// No answer from the camwalk server: no network, a link that carries nothing,
// a time-out, or a captive portal's page instead of the server's JSON. The
// phone may say it is online all along; she is told what offline tells her.
export const noConnection = (err) => Boolean(err) && err.status === 0;

// The server answered, but not what the app asked for (a sync answer with no
// results: a server older or newer than the app, or a proxy that rewrote it).
// Not "offline": she has signal and the server is there. Nothing in it can take
// work off the phone, and the next run asks again (sync/engine.js checkAnswer).
const UNREADABLE = 'bad_answer';
export const unreadableAnswer = (err) => Boolean(err) && err.code === UNREADABLE;

export const unreadableAnswerError = (message) =>
  new ApiError({ status: 200, code: UNREADABLE, message });

// camwalk's own error answer (docs/contract.md, Errors): a JSON object with a
// machine `code` and a sentence in `message`, whatever the status.
const camwalkError = (body) =>
  Boolean(body) &&
  typeof body === 'object' &&
  typeof body.code === 'string' &&
  body.code !== '' &&
  typeof body.message === 'string';

// Only camwalk's own error answer refuses anything. A captive portal's login
// page or a proxy's error page comes with any status, 400 and 422 among them;
// read as the server's, it set her changes and photos aside (and a 401 dropped
// her token). So any other body is what it is: no camwalk server reached,
// status 0, kept and tried again. `httpStatus` keeps what the page said.
// One exception: a relay's own 413 (nginx's client_max_body_size). "Too large"
// is said of the very bytes sent, and the same bytes will never pass that relay:
// retried, the photo would hold every photo behind it for ever. It keeps its
// status and is worded as a relay's (i18n/errors.json http_413). And a 5xx
// page (the reverse proxy's 502 or 504 while the server restarts or works on
// a long upload) keeps its status too: it sets nothing aside, drops no token
// and is tried again, and she is told the server is busy, not that she is
// offline while she has signal.
const RELAY_TOO_LARGE = 413;
const keepsItsStatus = (status) => status === RELAY_TOO_LARGE || status >= 500;

async function errorFromResponse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // An HTML page, or no body at all.
  }
  if (camwalkError(body)) {
    return new ApiError({
      status: response.status,
      code: body.code,
      message: body.message,
      errors: body.errors,
    });
  }
  const { status, statusText } = response;
  if (keepsItsStatus(status))
    return new ApiError({ status, code: `http_${status}`, message: statusText });
  const err = new ApiError({
    status: 0,
    code: 'not_camwalk',
    message: `HTTP ${status} ${statusText || ''}: not an answer of the camwalk server`,
  });
  err.httpStatus = status;
  return err;
}

// The query of a GeoJSON or CSV export: its ticked options, as ?name=1.
export function exportOptions(options) {
  const on = Object.keys(options).filter((name) => options[name]);
  return on.length ? `?${on.map((name) => `${name}=1`).join('&')}` : '';
}

// A file to save: the name the server suggests and the export it recorded.
function downloadOf(response, blob) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const m = /filename="?([^";]+)"?/.exec(disposition);
  return {
    blob,
    filename: m ? m[1] : 'camwalk-export',
    exportId: Number(response.headers.get('X-Camwalk-Export-Id')) || null,
  };
}

export function createApiClient({ fetchImpl, getToken, base = '/api/v1' } = {}) {
  const doFetch = fetchImpl || ((...args) => globalThis.fetch(...args));

  async function request(
    method,
    path,
    { json, body, contentType, timeoutMs, auth = true, asBlob = false, etag, withEtag } = {},
  ) {
    const headers = { Accept: 'application/json' };
    // The page's own If-None-Match makes the browser hand it the 304 itself.
    if (etag) headers['If-None-Match'] = etag;
    const token = auth && getToken ? await getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (contentType) {
      headers['Content-Type'] = contentType;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs || DEFAULT_TIMEOUT_MS);
    let response;
    try {
      response = await doFetch(base + path, { method, headers, body, signal: controller.signal });
    } catch (err) {
      const code = controller.signal.aborted ? 'timeout' : 'network';
      throw new ApiError({ status: 0, code, message: String(err && err.message) });
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 304) return { notModified: true };
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return null;
    try {
      if (withEtag) {
        const text = await response.text();
        return { etag: response.headers.get('ETag'), doc: JSON.parse(text), bytes: text.length };
      }
      if (asBlob === 'download') return downloadOf(response, await response.blob());
      return asBlob ? await response.blob() : await response.json();
    } catch (err) {
      // A cut connection can deliver headers and lose the body: same as no answer.
      throw new ApiError({ status: 0, code: 'network', message: String(err && err.message) });
    }
  }

  return {
    config: () => request('GET', '/config', { auth: false }),
    invitePreview: (inviteCode) =>
      request('GET', `/invites/${encodeURIComponent(inviteCode)}`, { auth: false }),
    // joinKey: the same for every try of one join (db joinKey), so a retry
    // whose first answer was lost gets the member that try made.
    join: (inviteCode, pseudonym, deviceLabel, joinKey = null) =>
      request('POST', '/join', {
        auth: false,
        json: {
          invite_code: inviteCode,
          pseudonym,
          device_label: deviceLabel,
          ...(joinKey ? { join_key: joinKey } : {}),
        },
      }),
    login: (group, pseudonym, password, deviceLabel) =>
      request('POST', '/login', {
        auth: false,
        json: { group, pseudonym, password, device_label: deviceLabel },
      }),
    // An organiser's one-use sign-in link (/signin/<code>): this phone signs in as her.
    signIn: (code, deviceLabel) =>
      request('POST', '/sign-in', { auth: false, json: { code, device_label: deviceLabel } }),
    me: () => request('GET', '/me'),
    // Revokes this device's token on the server, so a copy of it stops working too.
    logOut: () => request('POST', '/logout', { timeoutMs: 10_000 }),
    // currentPassword: needed to change a password that is set (me().password_set).
    setPassword: (password, currentPassword = null) =>
      request('PUT', '/me/password', {
        json: currentPassword ? { password, current_password: currentPassword } : { password },
      }),
    // My devices that can still sign in; `current` marks this one.
    myDevices: () => request('GET', '/me/devices'),
    revokeMyDevice: (id) => request('DELETE', `/me/devices/${id}`),
    walks: (groupId) => request('GET', `/groups/${groupId}/walks`),
    walk: (walkId) => request('GET', `/walks/${walkId}`),
    osmNodes: (walkId) => request('GET', `/walks/${walkId}/osm-nodes`),
    // The walk map: {etag, doc, bytes}, or {notModified: true} when `etag` is current.
    basemap: (walkId, etag) =>
      request('GET', `/walks/${walkId}/basemap`, { etag, withEtag: true, timeoutMs: 120_000 }),
    sync: (groupId, payload) => request('POST', `/groups/${groupId}/sync`, { json: payload }),
    // Organisers: replay the unsent work a walker saved to a file (sync/walkerfile.js).
    // `unproven`: import it although nothing proves her phone saved it.
    importWalkerFile: (groupId, file, { unproven = false } = {}) =>
      request('POST', `/groups/${groupId}/walker-files${unproven ? '?unproven=accept' : ''}`, {
        json: file,
        timeoutMs: 120_000,
      }),
    // Small metadata-free copy of a photo someone else took (needs the token,
    // so it cannot be a plain <img src>).
    photoThumb: (sha256) => request('GET', `/photos/${sha256}/thumb`, { asBlob: true }),
    photoDisplay: (sha256) => request('GET', `/photos/${sha256}/display`, { asBlob: true }),
    // Organisers: the photo's public state, and the faces and plates the server
    // proposes to blur (it may look for them now: a slow answer for an old photo).
    photoPublicationState: (sha256) =>
      request('GET', `/photos/${sha256}/publication`, { timeoutMs: 60_000 }),
    // Organisers: may this photo go on the public map, with which boxes blurred.
    photoPublication: (sha256, body) =>
      request('PUT', `/photos/${sha256}/publication`, { json: body, timeoutMs: 60_000 }),
    // Organisers (the server refuses walkers with 403 whatever the screen shows).
    // `ids`: only those cards, those of them still in the queue (at most 100).
    reviewQueue: (groupId, { status = 'pending', walkId, ids } = {}) =>
      request(
        'GET',
        `/groups/${groupId}/review?status=${status}${walkId ? `&walk_id=${walkId}` : ''}${
          ids ? `&ids=${ids.join(',')}` : ''
        }`,
      ),
    // `version`: the one the organiser decided on (the card's); the server
    // answers 409 changed_since_shown if someone else changed it since.
    // `keepApproved` (with 'approved'): the edits since approval are undone in
    // the same decision, so the camera stays published as it was approved.
    review: (uuid, status, note, version, { keepApproved = false } = {}) =>
      request('POST', `/observations/${uuid}/review`, {
        json: {
          status,
          ...(note === undefined ? {} : { note }),
          ...(version === undefined ? {} : { version }),
          ...(keepApproved ? { keep_approved: true } : {}),
        },
      }),
    // Organisers: the OSM node this camera changes ({osm_node_id}) or {new_camera: true}.
    chooseOsmNode: (uuid, choice) =>
      request('POST', `/observations/${uuid}/osm-node`, { json: choice }),
    merge: (uuid, other, take = []) =>
      request('POST', `/observations/${uuid}/merge`, { json: { other, take } }),
    // Organisers: a possible duplicate is another camera (the pair is flagged no
    // more), or may be the same after all (flagged again).
    notDuplicate: (uuid, other) =>
      request('POST', `/observations/${uuid}/not-duplicate`, { json: { other } }),
    maybeDuplicate: (uuid, other) =>
      request('POST', `/observations/${uuid}/maybe-duplicate`, { json: { other } }),
    history: (uuid) => request('GET', `/observations/${uuid}/history`),
    conflicts: (groupId, { status = 'open', walkId } = {}) =>
      request(
        'GET',
        `/groups/${groupId}/conflicts?status=${status}${walkId ? `&walk_id=${walkId}` : ''}`,
      ),
    resolveConflict: (key, choice) =>
      request('POST', `/conflicts/${encodeURIComponent(key)}/resolve`, { json: choice }),
    duplicates: (groupId) => request('GET', `/groups/${groupId}/duplicates`),
    walkSummary: (walkId) => request('GET', `/walks/${walkId}/summary`),
    createWalk: (groupId, walk) => request('POST', `/groups/${groupId}/walks`, { json: walk }),
    // Asks the server to fetch the OSM cameras around the walk (Overpass can be slow).
    osmFetch: (walkId) =>
      request('POST', `/walks/${walkId}/osm-fetch`, { json: {}, timeoutMs: 120_000 }),
    settings: (groupId) => request('GET', `/groups/${groupId}/settings`),
    patchSettings: (groupId, patch) =>
      request('PATCH', `/groups/${groupId}/settings`, { json: patch }),
    publicCameras: (slug) =>
      request('GET', `/public/${encodeURIComponent(slug)}/cameras.geojson`, { auth: false }),
    invites: (groupId) => request('GET', `/groups/${groupId}/invites`),
    createInvite: (groupId, invite) =>
      request('POST', `/groups/${groupId}/invites`, { json: invite }),
    revokeInvite: (groupId, id) => request('DELETE', `/groups/${groupId}/invites/${id}`),
    inviteQr: (groupId, id) =>
      request('GET', `/groups/${groupId}/invites/${id}/qr.svg`, { asBlob: true }),
    members: (groupId) => request('GET', `/groups/${groupId}/members`),
    // revokeInvite: also close the invite she joined with, so she cannot rejoin with it.
    removeMember: (groupId, id, { revokeInvite = false } = {}) =>
      request(
        'DELETE',
        `/groups/${groupId}/members/${id}${revokeInvite ? '?revoke_invite=true' : ''}`,
      ),
    memberDevices: (groupId, memberId) =>
      request('GET', `/groups/${groupId}/members/${memberId}/devices`),
    revokeMemberDevice: (groupId, memberId, deviceId) =>
      request('DELETE', `/groups/${groupId}/members/${memberId}/devices/${deviceId}`),
    // A one-use link that signs a phone in as the member: {id, url, expires_at}.
    createSignInLink: (groupId, memberId) =>
      request('POST', `/groups/${groupId}/members/${memberId}/sign-in-link`),
    signInLinkQr: (groupId, memberId) =>
      request('GET', `/groups/${groupId}/members/${memberId}/sign-in-link/qr.svg`, {
        asBlob: true,
      }),
    revokeSignInLink: (groupId, memberId) =>
      request('DELETE', `/groups/${groupId}/members/${memberId}/sign-in-link`),
    // Originals stored with their EXIF: {keep_originals, count, size_bytes}.
    originals: (groupId) => request('GET', `/groups/${groupId}/originals`),
    deleteOriginals: (groupId) => request('DELETE', `/groups/${groupId}/originals`),
    // kind: 'osc' | 'geojson' | 'csv' → {blob, filename, exportId}; the signage
    // survey's fields come only when asked for (they are private by default).
    // signage, approved: options of GeoJSON and CSV (the osmChange is approved cameras anyway);
    // spreadsheet: the CSV for Excel or LibreOffice rather than for data tools.
    exportWalk: (walkId, kind, { signage = false, approved = false, spreadsheet = false } = {}) => {
      const csv = kind === 'csv' ? { spreadsheet } : {};
      const options = kind === 'osc' ? '' : exportOptions({ signage, approved, ...csv });
      return request('GET', `/walks/${walkId}/export.${kind}${options}`, {
        asBlob: 'download',
        timeoutMs: 120_000,
      });
    },
    exportReport: (id) => request('GET', `/exports/${id}`),
    // The commune's signage file: JSON for the print view, 'pdf' | 'csv' files,
    // and the blurred published photos of its table.
    signage: (walkId) => request('GET', `/walks/${walkId}/signage`),
    // spreadsheet: the CSV for Excel or LibreOffice rather than for data tools.
    signageFile: (walkId, kind, lang, { spreadsheet = false } = {}) => {
      const options = kind === 'pdf' ? `?lang=${lang}` : exportOptions({ spreadsheet });
      return request('GET', `/walks/${walkId}/signage.${kind}${options}`, {
        asBlob: 'download',
        timeoutMs: 120_000,
      });
    },
    signagePhoto: (walkId, sha256) =>
      request('GET', `/walks/${walkId}/signage/photos/${sha256}.jpg`, { asBlob: true }),
    osmUpload: (walkId, dryRun) =>
      request('POST', `/walks/${walkId}/osm-upload`, {
        json: { dry_run: dryRun },
        timeoutMs: 300_000,
      }),
    checklist: (groupId) => request('GET', `/groups/${groupId}/osm-checklist`),
    putChecklist: (groupId, body) =>
      request('PUT', `/groups/${groupId}/osm-checklist`, { json: body }),
    osmAccount: (groupId) => request('GET', `/groups/${groupId}/osm-account`),
    osmAuthorize: (groupId) => request('POST', `/groups/${groupId}/osm-account/authorize`),
    osmDisconnect: (groupId) => request('DELETE', `/groups/${groupId}/osm-account`),
    // What each camera sees (server/coverage): views as GeoJSON with the walk's figures.
    walkCoverage: (walkId) => request('GET', `/walks/${walkId}/coverage`, { timeoutMs: 60_000 }),
    // from/to: {lat, lon}. The shortest route and the route least in view.
    walkRoute: (walkId, from, to) =>
      request('GET', `/walks/${walkId}/route?from=${from.lat},${from.lon}&to=${to.lat},${to.lon}`),
    publicCoverage: (slug) =>
      request('GET', `/public/${encodeURIComponent(slug)}/coverage.geojson`, { auth: false }),
    // The receipt of a photo the server holds: {sha256, size, received_at, state, failure, …}.
    photoReceipt: (sha256) => request('GET', `/photos/${sha256}`),
    putPhoto: (sha256, blob) =>
      request('PUT', `/photos/${sha256}`, {
        body: blob,
        contentType: blob.type || 'application/octet-stream',
        timeoutMs: PHOTO_TIMEOUT_MS,
      }),
  };
}
