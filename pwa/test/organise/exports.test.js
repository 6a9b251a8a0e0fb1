import { describe, expect, it } from 'vitest';
import { DOWNLOADS, tableNotes } from '../../src/ui/organise/exportsviews.js';
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
