import { describe, expect, it } from 'vitest';
import { matchChecks } from '../../src/ui/organise/exportsviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';
import { CONTRADICTED, TAKEN_NEARBY } from './checkitems.js';

describe('the export report’s checks of a new camera beside a taken one', () => {
  it('name the node, the metres and the camera that has the node, in both languages', () => {
    setLanguage('en', false);
    const [line] = matchChecks([{ code: 'no_position' }, TAKEN_NEARBY], 'taken_nearby');
    expect(line.observation).toBe(TAKEN_NEARBY.observation);
    expect(line.text).toBe(
      'To check: camera f6a7b8c9… will be a new OSM node, 3\u00a0m from OSM node 701, which camera a7b8c9d0… updates. The same camera logged twice, or a second one there? If it is the same, merge the two cameras; if not, nothing to do.',
    );
    setLanguage('fr', false);
    expect(matchChecks([TAKEN_NEARBY], 'taken_nearby')[0].text).toContain(
      'à 3\u00a0m du nœud OSM 701, que la caméra a7b8c9d0… met à jour',
    );
  });

  it('say another logged camera when the report names no survey', () => {
    const linkedElsewhere = { ...TAKEN_NEARBY, other_observation: null };
    setLanguage('en', false);
    expect(matchChecks([linkedElsewhere], 'taken_nearby')[0].text).toContain(
      'which another logged camera is linked to',
    );
    setLanguage('fr', false);
    expect(matchChecks([linkedElsewhere], 'taken_nearby')[0].text).toContain(
      'auquel une autre caméra relevée est liée',
    );
  });
});

describe('the export report’s check of a tag the survey denies', () => {
  it('name the tag kept and the survey’s value, in both languages', () => {
    setLanguage('en', false);
    const [line] = matchChecks([CONTRADICTED], 'contradicted_tag');
    expect(line.text).toContain(
      'will modify OSM node 316412602, which keeps the mapper’s revolving=yes while the survey says camera:type=fixed',
    );
    setLanguage('fr', false);
    expect(matchChecks([CONTRADICTED], 'contradicted_tag')[0].text).toContain(
      'qui garde revolving=yes, écrit par la personne qui l’a cartographié, alors que le relevé dit camera:type=fixed',
    );
  });
});
