import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, noConnection } from '../../src/api/client.js';
import { refusedForGood } from '../../src/sync/aside.js';

function fakeFetch(respond) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { calls, fetchImpl };
}

const json = (status, body) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
// A page that is not camwalk's: a captive portal's, a relay's.
const html = (status, page) =>
  new Response(page, { status, headers: { 'Content-Type': 'text/html' } });

describe('the API client', () => {
  it('sends the bearer token and JSON body to /api/v1', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { results: [], cursor: 3 }));
    const api = createApiClient({ fetchImpl, getToken: async () => 'tok' });
    const answer = await api.sync(7, { cursor: 0, changes: [] });
    expect(answer.cursor).toBe(3);
    expect(calls[0].url).toBe('/api/v1/groups/7/sync');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.headers.Authorization).toBe('Bearer tok');
    expect(JSON.parse(calls[0].init.body)).toEqual({ cursor: 0, changes: [] });
  });

  it('logs out by revoking this device token on the server', async () => {
    const { calls, fetchImpl } = fakeFetch(() => new Response(null, { status: 204 }));
    const answer = await createApiClient({ fetchImpl, getToken: async () => 'tok' }).logOut();
    expect(answer).toBeNull();
    expect(calls[0].url).toBe('/api/v1/logout');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.headers.Authorization).toBe('Bearer tok');
  });

  it("posts a walker's file to the group's import", async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { results: [], skipped: [] }));
    const api = createApiClient({ fetchImpl, getToken: async () => 'org' });
    const file = { type: 'FeatureCollection', features: [], camwalk_walker_file: { version: 1 } };
    await api.importWalkerFile(7, file);
    expect(calls[0].url).toBe('/api/v1/groups/7/walker-files');
    expect(JSON.parse(calls[0].init.body)).toEqual(file);
  });

  it('asks GeoJSON and CSV with the ticked options, the osmChange with none', async () => {
    const download = () =>
      new Response('x', { status: 200, headers: { 'Content-Disposition': 'filename="w.csv"' } });
    const { calls, fetchImpl } = fakeFetch(download);
    const api = createApiClient({ fetchImpl, getToken: async () => 'org' });
    await api.exportWalk(4, 'csv', { signage: true, approved: true });
    await api.exportWalk(4, 'geojson', { approved: false, spreadsheet: true });
    await api.exportWalk(4, 'osc', { signage: true, approved: true });
    await api.exportWalk(4, 'csv', { spreadsheet: true });
    await api.signageFile(4, 'csv', 'fr', { spreadsheet: true });
    await api.signageFile(4, 'csv', 'fr');
    await api.signageFile(4, 'pdf', 'en', { spreadsheet: true });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/walks/4/export.csv?signage=1&approved=1',
      '/api/v1/walks/4/export.geojson',
      '/api/v1/walks/4/export.osc',
      '/api/v1/walks/4/export.csv?spreadsheet=1',
      '/api/v1/walks/4/signage.csv?spreadsheet=1',
      '/api/v1/walks/4/signage.csv',
      '/api/v1/walks/4/signage.pdf?lang=en',
    ]);
  });

  it('does not send a token to join', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(201, { token: 't' }));
    await createApiClient({ fetchImpl, getToken: async () => 'old' }).join('code', 'mouette');
    expect(calls[0].init.headers.Authorization).toBeUndefined();
  });

  it('sends the join key with a join, so that a retry is the same join', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(201, { token: 't' }));
    await createApiClient({ fetchImpl }).join('code', 'mouette', 'Pixel', 'k'.repeat(43));
    expect(JSON.parse(calls[0].init.body)).toEqual({
      invite_code: 'code',
      pseudonym: 'mouette',
      device_label: 'Pixel',
      join_key: 'k'.repeat(43),
    });
  });

  it('puts photo bytes raw, with their type, under their SHA-256', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(201, { sha256: 'ab', size: 3 }));
    const blob = new Blob(['abc'], { type: 'image/jpeg' });
    await createApiClient({ fetchImpl, getToken: async () => 't' }).putPhoto('ab', blob);
    expect(calls[0].url).toBe('/api/v1/photos/ab');
    expect(calls[0].init.method).toBe('PUT');
    expect(calls[0].init.body).toBe(blob);
    expect(calls[0].init.headers['Content-Type']).toBe('image/jpeg');
  });

  it.each([
    [503, true],
    [500, true],
    [429, true],
    [408, true], // the body came cut short: sent again, it passes
    [401, false],
    [409, false],
    [400, false],
  ])(
    'turns HTTP %i into an ApiError (retryable: %s) with the server code',
    async (status, retryable) => {
      const { fetchImpl } = fakeFetch(() => json(status, { code: 'some_code', message: 'm' }));
      const err = await createApiClient({ fetchImpl })
        .me()
        .catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(status);
      expect(err.code).toBe('some_code');
      expect(err.retryable).toBe(retryable);
    },
  );

  it('tries a photo again whose bytes arrived damaged, and nothing else its status refuses', async () => {
    const refusal = (code) => async () => json(422, { code, message: 'm' });
    const damaged = await createApiClient({
      fetchImpl: fakeFetch(refusal('hash_mismatch')).fetchImpl,
    })
      .putPhoto('ab', new Blob(['abc']))
      .catch((e) => e);
    const unreadable = await createApiClient({
      fetchImpl: fakeFetch(refusal('unreadable_photo')).fetchImpl,
    })
      .putPhoto('ab', new Blob(['abc']))
      .catch((e) => e);
    expect([damaged.retryable, unreadable.retryable]).toEqual([true, false]);
  });

  it('treats no answer as retryable', async () => {
    const fetchImpl = async () => {
      throw new TypeError('Failed to fetch');
    };
    const err = await createApiClient({ fetchImpl })
      .config()
      .catch((e) => e);
    expect(err).toMatchObject({ status: 0, code: 'network', retryable: true });
  });

  // A captive portal's login page, or a proxy's own error page: camwalk was not
  // reached, whatever the status says. Read as the server's 400 or 422, it set
  // her changes aside; read as its 401, it dropped her token.
  it.each([400, 401, 403, 404, 422, 429])(
    'takes an HTML page with HTTP %i for no answer of camwalk, to try again',
    async (status) => {
      const page = '<html><body>Connectez-vous au Wi-Fi de la gare</body></html>';
      const { fetchImpl } = fakeFetch(() => html(status, page));
      const err = await createApiClient({ fetchImpl })
        .sync(7, { cursor: 0, changes: [] })
        .catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 0, code: 'not_camwalk', httpStatus: status });
      expect(err.retryable).toBe(true);
      expect(noConnection(err)).toBe(true);
    },
  );

  // The reverse proxy's own page while the server restarts or takes long: not
  // camwalk's body, but the server's side all the same. Read as no answer, it
  // told a walker with signal she was offline.
  it.each([502, 503, 504])(
    'keeps a relay page with HTTP %i as a server error, tried again, not as offline',
    async (status) => {
      const page = '<html><body>502 Bad Gateway</body></html>';
      const { fetchImpl } = fakeFetch(() => html(status, page));
      const err = await createApiClient({ fetchImpl })
        .sync(7, { cursor: 0, changes: [] })
        .catch((e) => e);
      expect(err).toMatchObject({ status, code: `http_${status}` });
      expect(err.retryable).toBe(true);
      expect(noConnection(err)).toBe(false);
      expect(refusedForGood(err)).toBe(false);
    },
  );

  it.each([
    ['JSON that is not an error of camwalk', { error: 'login required' }],
    ['a code without a message', { code: 'invalid_input' }],
    ['an empty code', { code: '', message: 'm' }],
    ['a list', [{ code: 'x', message: 'm' }]],
    ['no body at all', null],
  ])('takes %s with HTTP 422 for no answer of camwalk', async (why, body) => {
    const { fetchImpl } = fakeFetch(() =>
      body === null ? new Response(null, { status: 422 }) : json(422, body),
    );
    const err = await createApiClient({ fetchImpl })
      .putPhoto('ab', new Blob(['x']))
      .catch((e) => e);
    expect(err).toMatchObject({ status: 0, code: 'not_camwalk', httpStatus: 422 });
  });

  it("keeps a relay's own 413 as a refusal of the bytes sent, worded as a relay's", async () => {
    const page = '<html><center><h1>413 Request Entity Too Large</h1></center>nginx</html>';
    const { fetchImpl } = fakeFetch(() => html(413, page));
    const err = await createApiClient({ fetchImpl })
      .putPhoto('ab', new Blob(['x']))
      .catch((e) => e);
    expect(err).toMatchObject({ status: 413, code: 'http_413' });
    expect(err.retryable).toBe(false);
  });

  it("keeps camwalk's own refusal as the server gave it", async () => {
    const body = { code: 'invalid_input', message: 'Some fields are not valid.', errors: { a: 1 } };
    const { fetchImpl } = fakeFetch(() => json(422, body));
    const err = await createApiClient({ fetchImpl })
      .sync(7, { cursor: 0, changes: [] })
      .catch((e) => e);
    expect(err).toMatchObject({ status: 422, code: 'invalid_input', errors: { a: 1 } });
    expect(err.retryable).toBe(false);
    expect(noConnection(err)).toBe(false);
  });
});

describe('photo thumbnails', () => {
  it('come back as a Blob, fetched with the token', async () => {
    const { calls, fetchImpl } = fakeFetch(
      () => new Response(new Blob(['jpeg'], { type: 'image/jpeg' }), { status: 200 }),
    );
    const blob = await createApiClient({ fetchImpl, getToken: async () => 't' }).photoThumb('ab');
    expect(calls[0].url).toBe('/api/v1/photos/ab/thumb');
    expect(calls[0].init.headers.Authorization).toBe('Bearer t');
    expect(await blob.text()).toBe('jpeg');
  });
});

describe('devices, removal and originals', () => {
  const client = () => {
    const fake = fakeFetch(() => new Response(null, { status: 204 }));
    return { calls: fake.calls, api: createApiClient({ fetchImpl: fake.fetchImpl }) };
  };

  it('asks the server to revoke the invite only when the organiser chose to', async () => {
    const { calls, api } = client();
    await api.removeMember(3, 9);
    await api.removeMember(3, 9, { revokeInvite: true });
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['DELETE', '/api/v1/groups/3/members/9'],
      ['DELETE', '/api/v1/groups/3/members/9?revoke_invite=true'],
    ]);
  });

  it("reaches a member's devices and my own under their own addresses", async () => {
    const { calls, api } = client();
    await api.memberDevices(3, 9);
    await api.revokeMemberDevice(3, 9, 41);
    await api.myDevices();
    await api.revokeMyDevice(42);
    await api.originals(3);
    await api.deleteOriginals(3);
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/v1/groups/3/members/9/devices',
      'DELETE /api/v1/groups/3/members/9/devices/41',
      'GET /api/v1/me/devices',
      'DELETE /api/v1/me/devices/42',
      'GET /api/v1/groups/3/originals',
      'DELETE /api/v1/groups/3/originals',
    ]);
  });
});

describe('the walk map download', () => {
  it('revalidates with the ETag it holds and hands back a 304 as notModified', async () => {
    const { calls, fetchImpl } = fakeFetch(() => new Response(null, { status: 304 }));
    const api = createApiClient({ fetchImpl, getToken: async () => 'tok' });
    expect(await api.basemap(4, '"1-abc"')).toEqual({ notModified: true });
    expect(calls[0].url).toBe('/api/v1/walks/4/basemap');
    expect(calls[0].init.headers['If-None-Match']).toBe('"1-abc"');
  });

  it('returns the document with its ETag and its size', async () => {
    const text = JSON.stringify({ format: 'camwalk-basemap', version: 1 });
    const { fetchImpl } = fakeFetch(
      () => new Response(text, { status: 200, headers: { ETag: '"1-d"' } }),
    );
    const answer = await createApiClient({ fetchImpl }).basemap(4);
    expect(answer).toEqual({ etag: '"1-d"', doc: JSON.parse(text), bytes: text.length });
  });
});
