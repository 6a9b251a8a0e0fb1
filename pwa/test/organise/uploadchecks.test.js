import { describe, expect, it } from 'vitest';
import { checkCounts, sentItems, uploadCheckLines } from '../../src/ui/organise/exportsviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';
import { CONTRADICTED, TAKEN_NEARBY } from './checkitems.js';

const ANSWER = {
  changesets: [77],
  failed: [],
  counts: { created: 1, modified: 1, deleted: 0, taken_nearby: 1, contradicted_tag: 1 },
  taken_nearby: [TAKEN_NEARBY],
  contradicted_tag: [CONTRADICTED],
};

const linesOf = (answer, warning, options) =>
  uploadCheckLines(answer, options)
    .filter((kind) => kind.warning === warning)
    .flatMap((kind) => kind.lines.map((line) => line.text));

describe('what an upload names beside the other checks', () => {
  it('says a new camera beside a taken one and a denied tag as the export report, before sending', () => {
    setLanguage('en', false);
    expect(linesOf(ANSWER, 'taken_nearby')).toEqual([
      'To check: camera f6a7b8c9… will be a new OSM node, 3\u00a0m from OSM node 701, which camera a7b8c9d0… updates. The same camera logged twice, or a second one there? If it is the same, merge the two cameras; if not, nothing to do.',
    ]);
    expect(linesOf(ANSWER, 'contradicted_tag')[0]).toContain(
      'will modify OSM node 316412602, which keeps the mapper’s revolving=yes',
    );
  });

  it('says them in the past once sent, in both languages', () => {
    const sent = { sent: sentItems(ANSWER) };
    setLanguage('en', false);
    expect(linesOf(ANSWER, 'taken_nearby', sent)).toEqual([
      'To check: camera f6a7b8c9… is now a new OSM node, 3\u00a0m from OSM node 701, to which camera a7b8c9d0… was matched. The same camera logged twice, or a second one there? If it is the same, merge the two nodes on OpenStreetMap.',
    ]);
    expect(linesOf(ANSWER, 'contradicted_tag', sent)[0]).toContain(
      'modified OSM node 316412602, which kept the mapper’s revolving=yes while the survey says camera:type=fixed',
    );
    const elsewhere = { ...ANSWER, taken_nearby: [{ ...TAKEN_NEARBY, other_observation: null }] };
    expect(linesOf(elsewhere, 'taken_nearby', { sent: sentItems(elsewhere) })[0]).toContain(
      'is now a new OSM node, 3\u00a0m from OSM node 701, which another logged camera is linked to',
    );
    setLanguage('fr', false);
    expect(linesOf(ANSWER, 'taken_nearby', sent)[0]).toContain(
      'est maintenant un nouveau nœud OSM, à 3\u00a0m du nœud OSM 701, auquel la caméra a7b8c9d0… a été rattachée',
    );
    expect(linesOf(ANSWER, 'contradicted_tag', sent)[0]).toContain(
      'a modifié le nœud OSM 316412602, qui a gardé revolving=yes',
    );
    for (const line of [
      ...linesOf(ANSWER, 'taken_nearby', sent),
      ...linesOf(ANSWER, 'contradicted_tag', sent),
      ...linesOf(elsewhere, 'taken_nearby', { sent: sentItems(elsewhere) }),
    ]) {
      expect(line).not.toMatch(/modifiera|\bsera\b|fiche de validation/);
    }
  });

  it('counts them with the others, in the reader’s language and plural', () => {
    const counts = { ...ANSWER.counts, ambiguous: 1, contradicted_tag: 2 };
    setLanguage('en', false);
    expect(checkCounts(counts)).toEqual([
      '1 uncertain match',
      '1 new camera right beside an OSM camera matched to another survey',
      '2 cameras keeping an OSM tag the survey contradicts',
    ]);
    setLanguage('fr', false);
    expect(checkCounts(counts).slice(1)).toEqual([
      '1 nouvelle caméra tout près d’une caméra OSM reliée à un autre relevé',
      '2 caméras qui gardent un tag OSM contredit par le relevé',
    ]);
  });

  it('lists none when the answer has no such list (a server before them)', () => {
    const older = { changesets: [77], failed: [], ambiguous: [] };
    expect(uploadCheckLines(older).every((kind) => kind.lines.length === 0)).toBe(true);
  });
});
