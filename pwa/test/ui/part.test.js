// A part of the app loaded on demand that cannot come (offline, or gone from a
// server upgraded since this copy of the app) leaves words in its place, not a
// blank page (ui/part.js).
import { afterEach, describe, expect, it } from 'vitest';
import { loadPart, partMissingKey } from '../../src/ui/part.js';
import { LANGUAGES, setLanguage, t } from '../../src/i18n/index.js';

// What Chromium throws for a chunk the server no longer has.
const gone = () =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/org-x.js'));

describe('a part loaded on demand', () => {
  afterEach(() => setLanguage('fr', false));

  it('is handed over when it comes, and nothing is said', async () => {
    const told = [];
    const part = await loadPart(
      async () => ({ render: 'yes' }),
      (err) => told.push(err),
    );
    expect(part).toEqual({ render: 'yes' });
    expect(told).toEqual([]);
  });

  it('that cannot come is said once, and the failure goes no further', async () => {
    const told = [];
    await expect(loadPart(gone, (err) => told.push(err))).resolves.toBeNull();
    expect(told).toHaveLength(1);
    expect(told[0]).toBeInstanceOf(TypeError);
  });

  it.each(LANGUAGES)('in %s, online, names the banner button that brings it', (lang) => {
    setLanguage(lang, false);
    const words = t(partMissingKey(true), { update: t('update.reload') });
    expect(words).toContain(t('update.reload'));
  });

  it.each([
    ['fr', /réseau/],
    ['en', /network/],
  ])('in %s, offline, says it comes back with the network', (lang, network) => {
    setLanguage(lang, false);
    expect(t(partMissingKey(false))).toMatch(network);
  });
});
