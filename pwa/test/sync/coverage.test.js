import { describe, expect, it } from 'vitest';
import * as store from '../../src/db/index.js';
import { ApiError } from '../../src/api/client.js';
import { refreshCoverages, walkCoverage } from '../../src/sync/coverage.js';

const VIEWS = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {} }] };
const DOC = { format: 'camwalk-basemap', version: 1, features: [] };

function fakeApi(answer) {
  const asked = [];
  return {
    asked,
    walkCoverage: async (walkId) => {
      asked.push(walkId);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('what the cameras see, offline', () => {
  it('shows the views kept online when the server cannot be reached', async () => {
    expect(await walkCoverage(fakeApi(VIEWS), store, 7)).toEqual(VIEWS);
    const offline = new ApiError({ status: 0, code: 'network' });
    expect(await walkCoverage(fakeApi(offline), store, 7)).toEqual(VIEWS);
  });

  it('fails offline with nothing kept, and never hides a refusal behind the copy', async () => {
    const offline = new ApiError({ status: 0, code: 'network' });
    await expect(walkCoverage(fakeApi(offline), store, 8)).rejects.toBe(offline);
    await walkCoverage(fakeApi(VIEWS), store, 8);
    const gone = new ApiError({ status: 404, code: 'not_found' });
    await expect(walkCoverage(fakeApi(gone), store, 8)).rejects.toBe(gone);
  });

  it('comes down with the walk list for the walks that have a walk map', async () => {
    await store.putBasemap(11, { etag: '"1-a"', doc: DOC, bytes: 10 });
    const api = fakeApi(VIEWS);
    expect(await refreshCoverages(api, store, [{ id: 11 }, { id: 12 }])).toBe(1);
    expect(api.asked).toEqual([11]);
    const offline = new ApiError({ status: 0, code: 'network' });
    expect(await walkCoverage(fakeApi(offline), store, 11)).toEqual(VIEWS);
  });
});
