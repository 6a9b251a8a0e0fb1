// The summary's bar charts: their bars add up to the cameras the caption counts,
// however many values a field takes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barChart } from '../../src/ui/organise/charts.js';

// The few SVG calls barChart makes, kept as plain objects (the tests run in Node).
function fakeElement(tag) {
  return {
    tag,
    attrs: {},
    children: [],
    textContent: '',
    setAttribute(name, value) {
      this.attrs[name] = value;
    },
    append(...nodes) {
      this.children.push(...nodes);
    },
  };
}

beforeEach(() => {
  globalThis.document = { createElementNS: (_ns, tag) => fakeElement(tag) };
});
afterEach(() => {
  delete globalThis.document;
});

const texts = (svg, cls) =>
  svg.children.filter((el) => el.attrs.class === cls).map((el) => el.textContent);

// The operators of a probe walk: 14 of them over 32 cameras.
const OPERATORS = {
  'Police municipale de Marseille': 14,
  unknown: 5,
  'Police municipale': 2,
  'BNP Paribas': 1,
  Boulangerie: 1,
  "Caisse d'Épargne": 1,
  Indigo: 1,
  Mairie: 1,
  'Métropole Aix-Marseille': 1,
  Monoprix: 1,
  RTM: 1,
  Vigile: 1,
  Orange: 1,
  SNCF: 1,
};

describe('a bar chart', () => {
  it('sums the values it has no room for in one last bar, so the bars add up', () => {
    const svg = barChart(OPERATORS, { rest: (values) => `${values} autres` });
    const values = texts(svg, 'bar-value').map(Number);
    expect(values).toHaveLength(8);
    expect(values.reduce((a, b) => a + b, 0)).toBe(32);
    const labels = texts(svg, 'bar-label');
    expect(labels.slice(0, 3)).toEqual([
      'Police municipale de Marseille',
      'unknown',
      'Police municipale',
    ]);
    expect(labels[7]).toBe('7 autres');
    expect(values[7]).toBe(7);
  });

  it('draws every value as its own bar when they fit', () => {
    const svg = barChart({ camera: 28, guard: 2, ALPR: 1, gunshot_detector: 1 });
    expect(texts(svg, 'bar-label')).toEqual(['camera', 'guard', 'ALPR', 'gunshot_detector']);
    expect(texts(svg, 'bar-value')).toEqual(['28', '2', '1', '1']);
  });
});
