import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { ApiError } from '../../src/api/client.js';
import { refreshBasemaps, refreshWalkBasemap } from '../../src/sync/basemaps.js';

const DOC = { format: 'camwalk-basemap', version: 1, features: [] };

function fakeApi(answers, walks = {}) {
  const asked = [];
  return {
    asked,
    walk: async (walkId) => {
      const walk = walks[walkId];
      if (walk instanceof Error) throw walk;
      return walk;
    },
    basemap: async (walkId, etag) => {
      asked.push([walkId, etag]);
      const answer = answers[walkId];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('walk maps come down with the walks', () => {
  it('keeps each walk map once and asks again with its ETag', async () => {
    const api = fakeApi({
      1: { etag: '"1-a"', doc: DOC, bytes: 1200 },
      2: { etag: '"1-b"', doc: DOC, bytes: 800 },
    });
    expect(await refreshBasemaps(api, store, [{ id: 1 }, { id: 2 }])).toBe(2);
    expect((await store.getBasemap(1)).doc).toEqual(DOC);
    expect(await store.basemapUsage()).toEqual({ count: 2, bytes: 2000 });

    const again = fakeApi({ 1: { notModified: true }, 2: { notModified: true } });
    expect(await refreshBasemaps(again, store, [{ id: 1 }, { id: 2 }])).toBe(0);
    expect(again.asked).toEqual([
      [1, '"1-a"'],
      [2, '"1-b"'],
    ]);
  });

  it('keeps the map it holds when offline, and drops it when the server has none', async () => {
    await store.putBasemap(5, { etag: '"1-x"', doc: DOC, bytes: 10 });
    const offline = new ApiError({ status: 0, code: 'network' });
    await refreshBasemaps(fakeApi({ 5: offline }), store, [{ id: 5 }]);
    expect(await store.getBasemap(5)).toBeTruthy();

    const none = new ApiError({ status: 404, code: 'no_basemap' });
    await refreshBasemaps(fakeApi({ 5: none }), store, [{ id: 5 }]);
    expect(await store.getBasemap(5)).toBeUndefined();
  });

  it('asks nothing for a walk that says it has no map', async () => {
    const api = fakeApi({ 1: { etag: '"1-a"', doc: DOC, bytes: 1200 } });
    const walks = [
      { id: 1, has_basemap: true },
      { id: 2, has_basemap: false },
    ];
    expect(await refreshBasemaps(api, store, walks)).toBe(1);
    expect(api.asked).toEqual([[1, undefined]]);
    expect(await store.getBasemap(2)).toBeUndefined();
  });

  it('drops the map it holds of a walk that says it has none any more', async () => {
    await store.putBasemap(5, { etag: '"1-x"', doc: DOC, bytes: 10 });
    const api = fakeApi({});
    expect(await refreshBasemaps(api, store, [{ id: 5, has_basemap: false }])).toBe(1);
    expect(api.asked).toEqual([]);
    expect(await store.getBasemap(5)).toBeUndefined();
  });

  it('asks for a walk that does not say, as a list from an older server', async () => {
    const none = new ApiError({ status: 404, code: 'no_basemap' });
    const api = fakeApi({ 1: { etag: '"1-a"', doc: DOC, bytes: 1200 }, 2: none });
    expect(await refreshBasemaps(api, store, [{ id: 1 }, { id: 2 }])).toBe(1);
    expect(api.asked).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
    expect((await store.getBasemap(1)).doc).toEqual(DOC);
  });
});

describe("the map screen's walk map", () => {
  it('is asked for when the walk now says it has one, whatever the list said', async () => {
    const api = fakeApi(
      { 1: { etag: '"1-a"', doc: DOC, bytes: 1200 } },
      { 1: { id: 1, has_basemap: true } },
    );
    // The list kept on the phone said `has_basemap: false`; the screen reads the walk again.
    expect(await refreshWalkBasemap(api, store, 1)).toBe(1);
    expect((await store.getBasemap(1)).doc).toEqual(DOC);
  });

  it('is not asked for, nor dropped, when the walk cannot be read', async () => {
    await store.putBasemap(5, { etag: '"1-x"', doc: DOC, bytes: 10 });
    const api = fakeApi({}, { 5: new ApiError({ status: 0, code: 'network' }) });
    expect(await refreshWalkBasemap(api, store, 5)).toBe(0);
    expect(api.asked).toEqual([]);
    expect(await store.getBasemap(5)).toBeTruthy();
  });

  it('is not asked for when the walk says it has none', async () => {
    const api = fakeApi({}, { 2: { id: 2, has_basemap: false } });
    expect(await refreshWalkBasemap(api, store, 2)).toBe(0);
    expect(api.asked).toEqual([]);
  });
});
