import { afterEach, describe, expect, it } from 'vitest';
import { tagDiff } from '../../src/ui/organise/changelist.js';
import { changeMarks } from '../../src/ui/organise/exportsviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

describe('the tags a modify changes', () => {
  it('lists changed, added and removed keys, sorted, and nothing that stays', () => {
    const before = { man_made: 'surveillance', operator: 'Ville', 'camera:mount': 'wall', a: '1' };
    const after = { man_made: 'surveillance', operator: 'Police', survey: 'yes', a: '1' };
    expect(tagDiff(before, after)).toEqual([
      { key: 'camera:mount', before: 'wall', after: null },
      { key: 'operator', before: 'Ville', after: 'Police' },
      { key: 'survey', before: null, after: 'yes' },
    ]);
  });

  it.each([
    [null, { a: '1' }, [{ key: 'a', before: null, after: '1' }]],
    [{ a: '1' }, { a: '1' }, []],
    [undefined, undefined, []],
  ])('copes with %o → %o', (before, after, diff) => {
    expect(tagDiff(before, after)).toEqual(diff);
  });
});

// A dry run as the server answers it (docs/contract.md): each change, and the
// lists of what to check, whose items name the change's observation.
const NEW = 'f6a7b8c9-0000-4000-8000-000000000006';
const MODIFY = 'b8c9d0e1-0000-4000-8000-000000000008';
const PLAN = {
  changes: [
    { observation: NEW, action: 'create', node: -1, tags: {} },
    { observation: MODIFY, action: 'modify', node: 316412602, version: 3, tags: {} },
  ],
  ambiguous: [],
  disagreeing: [
    { observation: MODIFY, warning: 'disagreeing_match', osm_node_id: 316412602, keys: [] },
  ],
  taken_nearby: [{ observation: NEW, warning: 'taken_nearby', osm_node_id: 701, distance_m: 3 }],
  contradicted_tag: [
    {
      observation: MODIFY,
      warning: 'contradicted_tag',
      osm_node_id: 316412602,
      kept: { revolving: 'yes' },
      surveyed: { 'camera:type': 'fixed' },
    },
  ],
};

describe('the marks on each change of the dry run', () => {
  afterEach(() => setLanguage('fr', false));

  it('put a new camera beside a taken one and a denied tag on their own change', () => {
    const marks = changeMarks(PLAN);
    expect(marks.get(NEW).map((m) => m.warning)).toEqual(['taken_nearby']);
    expect(marks.get(MODIFY).map((m) => m.warning)).toEqual([
      'disagreeing_match',
      'contradicted_tag',
    ]);
  });

  it('say each in a few words, French and English, the whole check in its title', () => {
    setLanguage('en', false);
    const [taken] = changeMarks(PLAN).get(NEW);
    expect(taken.label).toBe('beside a node another survey updates');
    expect(taken.title).toContain('will be a new OSM node, 3\u00a0m from OSM node 701');
    setLanguage('fr', false);
    const [, denied] = changeMarks(PLAN).get(MODIFY);
    expect(denied.label).toBe('garde un tag que le relevé contredit');
  });

  it('are none for a plan of a server that lists no checks', () => {
    expect(changeMarks({ changes: PLAN.changes }).size).toBe(0);
  });
});
