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
    this.status = status; // 0 when no HTTP answer came back
    this.code = code;
    this.errors = errors;
  }

  // Worth trying again later: the request may not have reached the server,
  // or the server said it was temporarily unable to answer.
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

async function errorFromResponse(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // A proxy or a crash page may answer with HTML: keep the status only.
  }
  return new ApiError({
    status: response.status,
    code: body.code || `http_${response.status}`,
    message: body.message || response.statusText,
    errors: body.errors,
  });
}

export function createApiClient({ fetchImpl, getToken, base = '/api/v1' } = {}) {
  const doFetch = fetchImpl || ((...args) => globalThis.fetch(...args));

  async function request(
    method,
    path,
    { json, body, contentType, timeoutMs, auth = true, asBlob = false } = {},
  ) {
    const headers = { Accept: 'application/json' };
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
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return null;
    try {
      return asBlob ? await response.blob() : await response.json();
    } catch (err) {
      // A cut connection can deliver headers and lose the body: same as no answer.
      throw new ApiError({ status: 0, code: 'network', message: String(err && err.message) });
    }
  }

  return {
    config: () => request('GET', '/config', { auth: false }),
    join: (inviteCode, pseudonym, deviceLabel) =>
      request('POST', '/join', {
        auth: false,
        json: { invite_code: inviteCode, pseudonym, device_label: deviceLabel },
      }),
    login: (group, pseudonym, password, deviceLabel) =>
      request('POST', '/login', {
        auth: false,
        json: { group, pseudonym, password, device_label: deviceLabel },
      }),
    me: () => request('GET', '/me'),
    setPassword: (password) => request('PUT', '/me/password', { json: { password } }),
    walks: (groupId) => request('GET', `/groups/${groupId}/walks`),
    osmNodes: (walkId) => request('GET', `/walks/${walkId}/osm-nodes`),
    sync: (groupId, payload) => request('POST', `/groups/${groupId}/sync`, { json: payload }),
    // Small metadata-free copy of a photo someone else took (needs the token,
    // so it cannot be a plain <img src>).
    photoThumb: (sha256) => request('GET', `/photos/${sha256}/thumb`, { asBlob: true }),
    putPhoto: (sha256, blob) =>
      request('PUT', `/photos/${sha256}`, {
        body: blob,
        contentType: blob.type || 'application/octet-stream',
        timeoutMs: PHOTO_TIMEOUT_MS,
      }),
  };
}
