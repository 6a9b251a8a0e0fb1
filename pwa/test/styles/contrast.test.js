// The palette's text colours against the two backgrounds text sits on: the
// page (--paper) and a card (--card). WCAG AA asks 4.5:1 for normal-size
// text; axe checks it in the browser only where the page happens to show such
// text (the summary's "to review" count shows on the page's background).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../src/styles/app.css', import.meta.url), 'utf8');
const colour = (name) => {
  const found = css.match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`));
  if (!found) throw new Error(`--${name} is not a #rrggbb colour in app.css`);
  return found[1];
};

// Relative luminance and contrast ratio as WCAG 2 defines them.
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('the text colours of the palette', () => {
  it('computes the ratio WCAG gives (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  // The colours the app writes text in (counts, warnings, links, muted notes).
  it.each(['ink', 'muted', 'accent', 'ok', 'warn', 'bad', 'osm'])(
    '--%s reads at 4.5:1 or more on the page and on a card',
    (name) => {
      for (const background of ['paper', 'card']) {
        expect(contrast(colour(name), colour(background))).toBeGreaterThanOrEqual(4.5);
      }
    },
  );
});
