import { afterEach, describe, expect, it } from 'vitest';
import { cameraName, skipLine, skipWhy } from '../../src/ui/organise/skips.js';
import { osmSummary } from '../../src/ui/organise/osmnode.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const ID = '3f2a9c10-8d7e-4b1a-9f00-0c4e5d6a7b8c';
const OTHER = '77aa0000-0000-4000-8000-000000000001';
const CAMERAS = {
  [ID]: {
    kind: 'camera',
    camera_type: 'dome',
    operator: 'RTM',
    created_by: 'mouette',
    surveyed_on: '2026-11-21',
    created_at: '2026-11-21T09:14:03Z',
    walk_id: 1,
  },
  [OTHER]: {
    kind: 'camera',
    camera_type: null,
    operator: null,
    created_by: 'goéland',
    surveyed_on: null,
    created_at: '2026-11-20T10:00:00Z',
    walk_id: 1,
  },
};
const DEMO = {
  observation: ID,
  code: 'demo_node',
  reason: 'node 4000000000000004 is a demo camera, not in OpenStreetMap',
  osm_node_id: 4000000000000004,
};

afterEach(() => setLanguage('fr', false));

describe('a camera left out of the OSM export', () => {
  it('is named as its review card names it and said in French by its code', () => {
    setLanguage('fr', false);
    const line = skipLine(DEMO, CAMERAS);
    expect(line).toMatch(
      /^Ignorée\u00a0: Caméra · Dôme · \u2068RTM\u2069, relevée par \u2068mouette\u2069 le 21 nov\. 2026\./,
    );
    expect(line).toContain('Le nœud 4000000000000004 est une caméra de démonstration');
    expect(line).not.toContain('demo camera');
  });

  it('is said in English in the English app', () => {
    setLanguage('en', false);
    expect(skipLine(DEMO, CAMERAS)).toBe(
      'Skipped: Camera · Dome · \u2068RTM\u2069, logged by \u2068mouette\u2069 on Nov 21, 2026. ' +
        'Node 4000000000000004 is a demo camera: it does not exist in OpenStreetMap.',
    );
  });

  it('names the other camera that changes the same node', () => {
    setLanguage('fr', false);
    const taken = {
      observation: ID,
      code: 'node_taken',
      osm_node_id: 502,
      other_observation: OTHER,
    };
    expect(skipWhy(taken, CAMERAS)).toBe(
      'Le nœud OSM 502 est déjà modifié par une autre caméra relevée ' +
        '(Caméra, relevée par \u2068goéland\u2069 le 20 nov. 2026)\u00a0: fusionnez les doublons.',
    );
  });

  it('lists the fields whose values cannot go into OSM', () => {
    setLanguage('en', false);
    const bad = { code: 'bad_tags', fields: ['operator', "tag 'name'"], problems: '…' };
    expect(skipWhy(bad)).toBe("Some values cannot go into OSM: operator, tag 'name'.");
  });

  it('says in French that a newer survey in OSM stands, with both days', () => {
    setLanguage('fr', false);
    const newer = {
      code: 'newer_survey',
      osm_node_id: 2303602371,
      checked: '2026-12-01',
      surveyed: '2026-11-21',
      fields: ['operator'],
    };
    expect(skipWhy(newer)).toBe(
      'Le nœud OSM 2303602371 a été relevé le 1 déc. 2026, après ce relevé du 21 nov. 2026\u00a0: ' +
        'camwalk n’écrase pas ses valeurs plus récentes (operator). ' +
        'Comparez sur place ou dans un éditeur.',
    );
    const gone = { ...newer, code: 'gone_newer_survey', fields: undefined };
    expect(skipWhy(gone)).toContain('camwalk ne le supprime pas');
  });

  it.each([
    ['a report stored before codes', { observation: ID, reason: 'not approved by an organiser' }],
    ['a code newer than this app', { observation: ID, code: 'brand_new', reason: 'new reason' }],
  ])('falls back on the English of %s', (_, skip) => {
    setLanguage('fr', false);
    expect(skipWhy(skip, CAMERAS)).toBe(skip.reason);
    expect(skipLine(skip, CAMERAS)).toContain('Caméra · Dôme · \u2068RTM\u2069');
  });

  it('names a camera the server could not name by the start of its id', () => {
    setLanguage('fr', false);
    expect(cameraName(ID, undefined)).toBe('caméra 3f2a9c10…');
    expect(skipLine({ ...DEMO, observation: OTHER }, {})).toMatch(
      /^Ignorée\u00a0: caméra 77aa0000…\./,
    );
  });

  it('is said by its code on the review card too', () => {
    setLanguage('fr', false);
    const change = {
      action: 'nothing',
      reason: DEMO.reason,
      skip: DEMO,
      once_approved: false,
      chosen_by: 'link',
      node: null,
      ambiguous_with: null,
      candidates: [],
    };
    expect(osmSummary(change).reason).toBe(
      'Le nœud 4000000000000004 est une caméra de démonstration\u00a0: il n’existe pas dans OpenStreetMap.',
    );
    expect(osmSummary({ ...change, skip: null }).reason).toBe(DEMO.reason);
  });
});

describe('a gone camera kept because a relation lists it', () => {
  const member = { code: 'gone_member', osm_node_id: 256257146, relations: '55815, 55816' };

  it('names in French the relations a mapper opens', () => {
    setLanguage('fr', false);
    expect(skipWhy(member)).toBe(
      'Signalée disparue, mais le nœud OSM 256257146 est membre des relations OSM ' +
        'n° 55815, 55816\u00a0: dans un éditeur, retirez-le de ses relations ou retirez ses ' +
        'attributs de caméra.',
    );
    expect(skipWhy({ code: 'now_member', osm_node_id: 311750225, relations: '51776' })).toBe(
      'Le nœud OSM 311750225 est maintenant membre de la relation OSM n° 51776\u00a0: ' +
        'il ne peut pas être supprimé.',
    );
  });

  it('names them in English too', () => {
    setLanguage('en', false);
    expect(skipWhy(member)).toBe(
      'Reported gone, but OSM node 256257146 is a member of OSM relations 55815, 55816: ' +
        'in an editor, take it out of its relations, or remove its camera tags.',
    );
    expect(skipWhy({ code: 'now_member', osm_node_id: 311750225, relations: '51776' })).toBe(
      'OSM node 311750225 is now a member of OSM relation 51776: it cannot be deleted.',
    );
  });

  it('says "a relation" of a report stored before the relations were sent', () => {
    setLanguage('en', false);
    expect(skipWhy({ code: 'gone_member', osm_node_id: 5 })).toContain('a member of a relation:');
  });
});

describe('a guard left out of the OSM export', () => {
  it.each(['guard', 'gunshot_detector'])(
    'is named without a camera type held from before (%s)',
    (kind) => {
      setLanguage('en', false);
      const device = { ...CAMERAS[ID], kind };
      const words = kind === 'guard' ? 'Guard' : 'Gunshot detector';
      expect(cameraName(ID, device)).toBe(
        `${words} · \u2068RTM\u2069, logged by \u2068mouette\u2069 on Nov 21, 2026`,
      );
      expect(cameraName(ID, CAMERAS[ID])).toContain('Camera · Dome · \u2068RTM\u2069');
    },
  );
});
