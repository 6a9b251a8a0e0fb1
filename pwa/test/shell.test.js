// The page shell (index.html) as a cold start on a slow phone meets it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
const iconLinks = [...html.matchAll(/<link\b[^>]*\brel="icon"[^>]*>/g)].map((m) => m[0]);

describe('the page shell', () => {
  it('names a PNG favicon and no SVG one', () => {
    // Chromium fetches the favicon from the page's own renderer: an SVG one becomes a whole
    // SVG document built on the main thread mid-start (~50 ms at 4x slowdown in a trace of
    // bench/pwa_cold_start.py); a small PNG is only decoded.
    expect(iconLinks.length).toBeGreaterThan(0);
    for (const link of iconLinks) {
      expect(link).toMatch(/\.png"/);
      expect(link).not.toMatch(/svg/);
    }
  });
});
