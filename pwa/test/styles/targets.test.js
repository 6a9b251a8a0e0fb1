// What walkers and organisers tap and read on a 360 px phone, as the
// stylesheets lay it out (the tests run without a browser: they read the
// sheets' own rules, and those of the large-text blocks at their ends where a
// test says which block).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path) =>
  readFileSync(new URL(`../../src/${path}`, import.meta.url), 'utf8').replace(
    /\/\*[\s\S]*?\*\//g,
    '',
  );
const SHEETS = { app: read('styles/app.css'), organise: read('ui/organise/organise.css') };

// A selector list's selectors: its commas outside brackets, as in :is(a, b).
function listed(selectors) {
  const found = [''];
  let depth = 0;
  for (const c of selectors) {
    if (c === ',' && depth === 0) found.push('');
    else found[found.length - 1] += c;
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
  }
  return found;
}

// The declarations the rules of `text` matched by `rules` give `selector`,
// alone or in a list, later rules over earlier ones, as {property: value};
// null when none names it.
function declared(text, rules, selector) {
  const declarations = {};
  let found = false;
  for (const [, selectors, body] of text.matchAll(rules)) {
    if (!listed(selectors).some((s) => s.trim() === selector)) continue;
    found = true;
    for (const line of body.split(';')) {
      const [property, ...value] = line.split(':');
      if (value.length) declarations[property.trim()] = value.join(':').trim();
    }
  }
  return found ? declarations : null;
}

// What a sheet's top-level rules (written from the start of a line, not
// nested in a media or container block) give `selector`.
function rule(selector, sheet = 'app') {
  const found = declared(SHEETS[sheet], /^([^\s@}][^{}]*)\{([^}]*)\}/gm, selector);
  if (!found) throw new Error(`no top-level rule for "${selector}" in ${sheet}`);
  return found;
}

// What the rules inside the block `at` (as written: "@container sheet
// (max-width: 19rem)") give `selector`.
function ruleIn(at, selector, sheet = 'app') {
  const text = SHEETS[sheet];
  const start = text.indexOf(`${at} {`);
  if (start < 0) throw new Error(`no block "${at}" in ${sheet}`);
  const open = start + at.length + 1; // its "{"
  let end = open + 1;
  for (let depth = 1; depth > 0; end += 1) {
    if (text[end] === '{') depth += 1;
    if (text[end] === '}') depth -= 1;
  }
  const found = declared(
    text.slice(open + 1, end - 1),
    /^\s*([^\s@}][^{}]*)\{([^}]*)\}/gm,
    selector,
  );
  if (!found) throw new Error(`no rule for "${selector}" in ${at}`);
  return found;
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

describe("a camera's sheet on a 360 px phone", () => {
  it('leaves its three actions room for "No longer there" on two lines', () => {
    // Close, Edit and "No longer there" share the row: each a third of the
    // sheet's 328 px less the gaps, less its padding and 2 px borders. With
    // 1rem of padding each side "Elle n’est plus là" took three lines.
    const gap = px(rule('.sheet .actions').gap);
    const button = (360 - 2 * 16 - 2 * gap) / 3;
    const room = button - 2 * px(rule('.sheet .actions .btn')['padding-inline']) - 2 * 2;
    // "No longer" and "Elle n’est" measure 79 and 70 px in bold 16 px (Chromium, Noto Sans).
    expect(room).toBeGreaterThanOrEqual(80);
    // And stay a finger's target: 3rem, 48 px.
    expect(rule('.btn')['min-height']).toBe('var(--tap)');
    expect(px(rule(':root')['--tap'])).toBeGreaterThanOrEqual(44);
  });
});

describe('the "new version" banner', () => {
  it("takes its own row above the map's header instead of covering its sync chip and menu", () => {
    expect(rule('.update-banner').position).toBeUndefined();
    expect(rule('#update').position).toBe('sticky');
    // On the map, as tall as the phone, the screen shares the height with it.
    expect(rule('body:has(.map-screen, .pub)').display).toBe('flex');
    expect(rule('#app > :is(.map-screen, .pub)').flex).toBe('1');
  });

  it('has buttons a finger can tap', () => {
    expect(px(rule('.update-banner .btn')['min-height'])).toBeGreaterThanOrEqual(44);
  });
});

describe("a camera's sheet at 200 % text on a 360 px phone", () => {
  it('reads "Elle n’est plus là" on one line, below Close and Edit, in 48 px buttons', () => {
    // At 200 % (32 px to the rem) the sheet is narrower than 19rem.
    const at = '@container sheet (max-width: 19rem)';
    const bar = ruleIn(at, '.sheet .actions');
    const button = {
      ...ruleIn(at, '.sheet .actions .btn'),
      ...ruleIn(at, '.obs-sheet .actions .btn'),
    };
    // As wide as its words (basis auto), on a row of its own when they do not
    // fit: in thirds (flex: 1, basis 0) the words broke over three lines.
    expect(button.flex).toBe('1 1 auto');
    const side = 2 * Number(/^([\d.]+)em$/.exec(button['padding-inline'])[1]) * 32 + 2 * 2;
    const row = 360 - 2 * 16; // the sheet's own padding stays 16 px
    // Bold at 32 px (Chromium on the test machine): "Elle n’est plus là" 252 px,
    // "No longer there" 254, "Fermer" 116 and "Modifier" 136.
    expect(row - side).toBeGreaterThanOrEqual(254);
    // Close and Edit share the row above it: the bar is two buttons tall, not three.
    expect(116 + 136 + 2 * side + px(bar.gap)).toBeLessThanOrEqual(row);
    expect(px(button['min-height'])).toBeGreaterThanOrEqual(44);
  });
});

describe('words and buttons side by side are apart', () => {
  it('a device\'s name and its "this device" badge', () => {
    const head = rule('.dev-head');
    expect(head.display).toBe('flex');
    expect(px(head.gap)).toBeGreaterThan(0);
  });

  it('under a photo to publish: "Keep private" and "Close" do not read as one bar', () => {
    const actions = rule('.pp-edit .actions', 'organise');
    expect(actions.display).toBe('flex');
    expect(px(actions.gap)).toBeGreaterThan(0);
  });
});
