import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { ApiError } from '../../src/api/client.js';
import { refreshBasemaps } from '../../src/sync/basemaps.js';

const DOC = { format: 'camwalk-basemap', version: 1, features: [] };

function fakeApi(answers) {
  const asked = [];
  return {
    asked,
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
});
