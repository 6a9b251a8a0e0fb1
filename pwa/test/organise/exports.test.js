import { describe, expect, it } from 'vitest';
import {
  DOWNLOADS,
  checkCounts,
  heldSentence,
  matchChecks,
  returnNoticeKey,
  sentItems,
  tableNotes,
} from '../../src/ui/organise/exportsviews.js';
import { t, setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

describe('the CSV downloads', () => {
  it('offer the CSV for a spreadsheet and the CSV for data tools', () => {
    const csv = DOWNLOADS.filter((d) => d.kind === 'csv');
    expect(csv).toEqual([
      { name: 'csv', kind: 'csv', spreadsheet: true },
      { name: 'csvData', kind: 'csv', spreadsheet: false },
    ]);
    setLanguage('fr', false);
    expect(t('exp.csv')).toContain('tableur');
    expect(t('exp.csvData')).toContain('QGIS');
  });

  it('say which form a downloaded CSV is in', () => {
    const counts = { rows: 2, approved: true, signage: true };
    expect(tableNotes({ format: 'csv', counts: { ...counts, spreadsheet: true } })).toEqual([
      'exp.rows.spreadsheet',
      'exp.rows.signage',
    ]);
    expect(tableNotes({ format: 'csv', counts: { ...counts, spreadsheet: false } })).toEqual([
      'exp.rows.data',
      'exp.rows.signage',
    ]);
    expect(tableNotes({ format: 'geojson', counts })).toEqual(['exp.rows.signage']);
  });
});

// As the server answers a dry run (docs/contract.md): the export's report items.
const DISAGREEING = {
  observation: 'b2c3d4e5-0000-4000-8000-000000000002',
  warning: 'disagreeing_match',
  osm_node_id: 501,
  distance_m: 4,
  keys: ['camera:type', 'camera:mount'],
  surveyed: { 'camera:type': 'fixed', 'camera:mount': 'wall' },
  osm: { 'camera:type': 'dome', 'camera:mount': 'pole' },
};
const AMBIGUOUS = {
  observation: 'a1b2c3d4-0000-4000-8000-000000000001',
  warning: 'ambiguous_match',
  osm_node_id: 501,
  distance_m: 1.45,
  other_osm_node_id: 502,
  other_distance_m: 1.7,
};

const DISUSED_NEARBY = {
  observation: 'd4e5f6a7-0000-4000-8000-000000000004',
  warning: 'disused_nearby',
  osm_node_id: 601,
  distance_m: 4,
};
const DISUSED_NODE = {
  observation: 'e5f6a7b8-0000-4000-8000-000000000005',
  warning: 'disused_node',
  osm_node_id: 601,
  keys: ['disused:man_made'],
  reason: 'OSM node 601 is mapped as no longer in use (disused:man_made): …',
};

describe('the cameras marked as no longer in use', () => {
  it('say a new camera beside one, and a survey put on one, in the upload and the report', () => {
    setLanguage('en', false);
    const dryRun = { out_of_use: [DISUSED_NEARBY, DISUSED_NODE] };
    const [nearby] = matchChecks(dryRun.out_of_use, 'disused_nearby');
    expect(nearby.text).toBe(
      'To check: camera d4e5f6a7… will be a new OSM node, 4\u00a0m from OSM node 601, which is marked as no longer in use. If it is that camera, choose that node on its review card.',
    );
    const [kept] = matchChecks([{ code: 'no_position' }, DISUSED_NODE], 'disused_node');
    expect(kept.text).toContain('will modify OSM node 601, marked as no longer in use');
    expect(kept.text).toContain('(disused:man_made)');
    setLanguage('fr', false);
    expect(matchChecks([DISUSED_NEARBY], 'disused_nearby')[0].text).toContain(
      'à 4\u00a0m du nœud OSM 601, indiqué comme hors service',
    );
    expect(matchChecks([DISUSED_NODE], 'disused_node')[0].text).toContain(
      'indiqué comme hors service (disused:man_made)',
    );
  });
});

describe('the matches to check before uploading', () => {
  it('say a disagreeing match of the upload in words, each key with both values', () => {
    setLanguage('fr', false);
    const dryRun = { ambiguous: [], disagreeing: [DISAGREEING] };
    const [line] = matchChecks(dryRun.disagreeing, 'disagreeing_match');
    expect(line.observation).toBe(DISAGREEING.observation);
    expect(line.text).toContain('la caméra b2c3d4e5…');
    expect(line.text).toContain('nœud OSM 501 (4\u00a0m)');
    expect(line.text).toContain('camera:type relevé fixed, dome dans OSM');
    expect(line.text).toContain('camera:mount relevé wall, pole dans OSM');
    expect(matchChecks(dryRun.ambiguous, 'ambiguous_match')).toEqual([]);
  });

  it('read the same in the upload as in the export report', () => {
    setLanguage('en', false);
    const report = [{ observation: 'c3', code: 'no_position' }, AMBIGUOUS, DISAGREEING];
    for (const [items, warning] of [
      [[AMBIGUOUS], 'ambiguous_match'],
      [[DISAGREEING], 'disagreeing_match'],
    ]) {
      expect(matchChecks(items, warning)).toEqual(matchChecks(report, warning));
      expect(matchChecks(items, warning)).toHaveLength(1);
    }
    expect(matchChecks([AMBIGUOUS], 'ambiguous_match')[0].text).toContain('node 502');
  });

  it('give metres as the review card does: whole, in the reader’s language', () => {
    setLanguage('fr', false);
    const [line] = matchChecks([{ ...AMBIGUOUS, other_distance_m: 1234.4 }], 'ambiguous_match');
    expect(line.text.replace(/[\u202f\u00a0]/g, ' ')).toContain(
      'modifiera le nœud OSM 501 (1 m), mais le nœud 502 est presque aussi près (1 234 m)',
    );
  });

  it('are none when the upload answers without them', () => {
    expect(matchChecks(undefined, 'disagreeing_match')).toEqual([]);
  });
});

describe('what a real upload sent that is still to check', () => {
  // As the server counts a real upload, as its dry run (docs/contract.md).
  const SENT = {
    counts: { created: 3, modified: 1, deleted: 0, ambiguous: 1, disagreeing: 0 },
  };

  it('counts each kind of check above zero, in the reader’s language and plural', () => {
    setLanguage('en', false);
    const counts = { ...SENT.counts, disused_nearby: 2, disused_node: 1 };
    expect(checkCounts(counts)).toEqual([
      '1 uncertain match',
      '2 new cameras beside one out of use',
      '1 camera marked as no longer in use in OSM',
    ]);
    setLanguage('fr', false);
    expect(checkCounts(counts)).toEqual([
      '1 correspondance incertaine',
      '2 nouvelles caméras près d’une caméra hors service',
      '1 caméra indiquée hors service dans OSM',
    ]);
    expect(checkCounts({ ...counts, ambiguous: 2, disagreeing: 3 }).slice(0, 2)).toEqual([
      '2 correspondances incertaines',
      '3 caméras décrites autrement dans OSM',
    ]);
  });

  // Once sent, a check says what the upload did, and where to correct it: the
  // review card no longer changes a node the upload settled.
  const FUTURE = { en: /\bwill\b|review card/, fr: /modifiera|\bsera\b|fiche de validation/ };
  const CHECKED = [AMBIGUOUS, DISAGREEING, DISUSED_NEARBY, DISUSED_NODE];

  it.each(['en', 'fr'])('says each check in the past once sent (%s)', (lang) => {
    setLanguage(lang, false);
    for (const item of CHECKED) {
      const [planned] = matchChecks([item], item.warning);
      const [sent] = matchChecks([item], item.warning, { sent: () => true });
      expect(planned.text).toMatch(FUTURE[lang]);
      expect(sent.text).not.toMatch(FUTURE[lang]);
      expect(sent.text).toContain(`${item.osm_node_id}`);
      expect(sent.observation).toBe(item.observation);
    }
  });

  it('says nothing when nothing is to check, or the server does not count it', () => {
    expect(checkCounts({ created: 2, ambiguous: 0, disused_node: 0 })).toEqual([]);
    expect(checkCounts(undefined)).toEqual([]);
  });
});

describe('the notice after OSM sends the browser back', () => {
  it('says a connection started in another browser must start again from this one', () => {
    const key = returnNoticeKey({ outcome: 'error', reason: 'other_browser' });
    expect(key).toBe('up.back.other_browser');
    setLanguage('en', false);
    expect(t(key)).toContain('another browser');
    setLanguage('fr', false);
    expect(t(key)).toContain('autre navigateur');
    expect(returnNoticeKey({ outcome: 'error', reason: 'osm_error' })).toBe('up.back.error');
  });
});

describe('what an upload says of the matches it names', () => {
  const FAILED = { observation: AMBIGUOUS.observation, node: 501, reason: '409: Conflict' };
  const words = (done) =>
    matchChecks([AMBIGUOUS, { ...AMBIGUOUS, observation: 'e5' }], 'ambiguous_match', {
      sent: sentItems(done),
    }).map((line) => line.text);

  it('says in the past only what went, the plan’s words for a change that failed', () => {
    setLanguage('fr', false);
    const [failed, sent] = words({ changesets: [77], failed: [FAILED] });
    expect(failed).toContain('modifiera le nœud OSM 501');
    expect(sent).toContain('a modifié le nœud OSM 501');
  });

  it('says none in the past when no changeset was made', () => {
    setLanguage('fr', false);
    const failure = { observation: null, reason: '500: boom' };
    for (const line of words({ changesets: [], failed: [failure] })) {
      expect(line).toContain('modifiera le nœud OSM 501');
    }
  });
});

// As the server answers held_back (docs/contract.md): a walk whose OSM cameras
// were loaded, and one whose were never (the demo's, say).
const HELD = {
  place: 'Noailles',
  creates: 2,
  exported_at: '2026-12-04T10:00:00+00:00',
  fetched_at: '2026-12-01T09:00:00+00:00',
};
const HELD_NEVER_LOADED = { ...HELD, fetched_at: null };

describe('new cameras held back for a file that may have gone through JOSM', () => {
  it.each([
    [
      'fr',
      'après le dernier chargement des caméras OSM de la balade (',
      'n’ont jamais été chargées',
    ],
    ['en', 'after the walk’s OSM cameras were last loaded (', 'were never loaded'],
  ])('say when the walk was last loaded, or that it never was (%s)', (lang, since, never) => {
    setLanguage(lang, false);
    const loaded = heldSentence('up.heldBack', 2, HELD);
    expect(loaded).toContain(since);
    expect(loaded).toContain('Noailles');
    const neverLoaded = heldSentence('up.heldBack', 2, HELD_NEVER_LOADED);
    expect(neverLoaded).toContain(never);
    expect(neverLoaded).not.toContain('(never)');
    expect(neverLoaded).not.toContain('(jamais)');
    expect(neverLoaded).not.toMatch(/\{|undefined/);
  });

  it.each(['fr', 'en'])('say it of an export made after a file (%s)', (lang) => {
    setLanguage(lang, false);
    const loaded = heldSentence('exp.earlierFile', 3, HELD);
    const neverLoaded = heldSentence('exp.earlierFile', 3, HELD_NEVER_LOADED);
    expect(loaded).not.toEqual(neverLoaded);
    for (const text of [loaded, neverLoaded]) expect(text).not.toMatch(/\{|undefined/);
  });
});
