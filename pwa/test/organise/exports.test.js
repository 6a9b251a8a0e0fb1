import { describe, expect, it } from 'vitest';
import {
  DOWNLOADS,
  matchChecks,
  returnNoticeKey,
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

  it('are none when the upload answers without them', () => {
    expect(matchChecks(undefined, 'disagreeing_match')).toEqual([]);
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
