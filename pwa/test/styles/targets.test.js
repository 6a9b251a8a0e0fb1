// What the walker taps and reads on a 360 px phone, as the stylesheet lays it
// out (the tests run without a browser: they read app.css's own rules, outside
// the large-text blocks at its end, which have rules of their own).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../src/styles/app.css', import.meta.url), 'utf8');

// The declarations of the rule written exactly `selector {` at the start of a
// line (not one nested in a media or container block), as {property: value}.
function rule(selector) {
  const start = css.indexOf(`\n${selector} {\n`);
  if (start < 0) throw new Error(`no top-level rule "${selector}" in app.css`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('\n}', start));
  const declarations = {};
  for (const line of body.replace(/\/\*[\s\S]*?\*\//g, '').split(';')) {
    const [property, ...value] = line.split(':');
    if (value.length) declarations[property.trim()] = value.join(':').trim();
  }
  return declarations;
}

// A length in px at the default text size (16 px to the rem).
function px(length) {
  if (length === '0') return 0;
  const found = /^([\d.]+)(px|rem)$/.exec(length || '');
  if (!found) throw new Error(`not a px or rem length: ${length}`);
  return Number(found[1]) * (found[2] === 'rem' ? 16 : 1);
}

describe('what a finger taps is 44 px or more', () => {
  it("the map's key opens from a summary as tall as a finger", () => {
    expect(px(rule('.legend summary')['min-height'])).toBeGreaterThanOrEqual(44);
  });

  it('a map popup\'s close button, Leaflet\'s 24 px "×"', () => {
    const close = rule('.leaflet-container a.leaflet-popup-close-button');
    expect(px(close.width)).toBeGreaterThanOrEqual(44);
    expect(px(close.height)).toBeGreaterThanOrEqual(44);
    // The popup's words keep clear of it.
    expect(px(rule('.leaflet-popup-content')['margin-right'])).toBeGreaterThanOrEqual(44);
  });
});

describe("the map's header on a 360 px phone", () => {
  it("keeps room for the walk's name and date beside a long sync chip", () => {
    // Offline with cameras to send, the chip's unbreakable words left the
    // title 30 px: "N…", and the date on three lines.
    expect(px(rule('.bar-title')['min-width'])).toBeGreaterThanOrEqual(80);
    expect(rule('.sync-chip')['white-space']).not.toBe('nowrap');
    expect(rule('.bar-title small')['white-space']).toBe('nowrap');
  });
});
