import { beforeEach, describe, expect, it, vi } from 'vitest';

// The worker module and workbox read `self`; give it one as a worker would
// have, for the import and before each test (stubs are undone after each one:
// vite.config.js).
const workerSelf = () =>
  vi.stubGlobal('self', { location: new URL('https://camwalk.example/sw.js') });
workerSelf();
beforeEach(workerSelf);
const { isApi, isTileRequest } = await import('../../src/sw/strategies.js');

const image = { destination: 'image' };

describe('what the service worker caches', () => {
  it.each([
    ['https://tile.openstreetmap.org/18/134000/95000.png', image, true],
    ['https://a.tiles.example/17/1/2@2x.webp', image, true],
    ['https://camwalk.example/tiles/16/33/44.jpg', image, true],
    ['https://tile.openstreetmap.org/18/134000/95000.png', { destination: '' }, false],
    ['https://camwalk.example/api/v1/photos/ab/thumb', image, false],
    ['https://camwalk.example/icons/icon-192.png', image, false],
  ])('%s (%j) is a tile: %s', (url, request, expected) => {
    expect(isTileRequest(new URL(url), request)).toBe(expected);
  });

  it('knows the API when it sees it, on its own origin only', () => {
    expect(isApi(new URL('https://camwalk.example/api/v1/config'))).toBe(true);
    expect(isApi(new URL('https://elsewhere.example/api/v1/config'))).toBe(false);
    expect(isApi(new URL('https://camwalk.example/join/abc'))).toBe(false);
  });
});
