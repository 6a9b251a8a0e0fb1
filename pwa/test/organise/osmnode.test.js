import { describe, expect, it } from 'vitest';
import { osmMarkers, osmSummary } from '../../src/ui/organise/osmnode.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const NEAR = {
  id: 501,
  version: 4,
  tags: { man_made: 'surveillance', operator: 'RTM' },
  url: 'https://www.openstreetmap.org/node/501',
  distance_m: 1.45,
  part_of_way: false,
};
const FAR = { ...NEAR, id: 502, url: 'https://www.openstreetmap.org/node/502', distance_m: 1.7 };

function change(over = {}) {
  return {
    action: 'modify',
    reason: null,
    once_approved: true,
    chosen_by: 'distance',
    node: NEAR,
    ambiguous_with: 502,
    candidates: [
      { ...NEAR, taken_by: null },
      { ...FAR, taken_by: 'b7c1' },
    ],
    ...over,
  };
}

// A camera no node is matched to: the export creates it, unless the organiser chooses one.
const unmatched = (over = {}) =>
  change({ action: 'create', chosen_by: null, node: null, ambiguous_with: null, ...over });

describe('the OSM part of a review card', () => {
  it('names the node, warns of a nearly equidistant one and offers both and "new camera"', () => {
    setLanguage('en', false);
    const summary = osmSummary(change());
    expect(summary.sentence).toBe('Once approved, the export updates OSM node #501, 1 m away.');
    expect(summary.warning).toContain('Node #502 is nearly as close');
    expect(summary.choices.map((c) => [c.value, c.current, c.taken])).toEqual([
      [501, true, false],
      [502, false, true],
      ['new', false, false],
    ]);
    expect(summary.choices[1].url).toBe('https://www.openstreetmap.org/node/502');
    setLanguage('fr', false);
  });

  it('marks "new camera" as the choice once the organiser made it, in French too', () => {
    setLanguage('fr', false);
    const summary = osmSummary(
      change({
        action: 'create',
        once_approved: false,
        chosen_by: 'new_camera',
        node: null,
        ambiguous_with: null,
      }),
    );
    expect(summary.sentence).toBe('L’export crée un nouveau nœud OSM.');
    expect(summary.warning).toBeNull();
    expect(summary.choices.filter((c) => c.current).map((c) => c.value)).toEqual(['new']);
  });

  it('gives metres as every organiser screen does: whole, in the reader’s language', () => {
    setLanguage('fr', false);
    const far = { ...FAR, id: 503, distance_m: 1234.4, taken_by: null };
    const summary = osmSummary(
      change({
        node: FAR,
        candidates: [{ ...FAR, taken_by: null }, far],
        other_kinds: [{ ...NEAR, id: 504, taken_by: null, tags: { 'surveillance:type': 'ALPR' } }],
        out_of_use: [{ ...NEAR, id: 505, distance_m: 2.5, taken_by: null }],
      }),
    );
    const plain = (s) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect(summary.sentence).toContain('le nœud OSM n° 502, à 2 m.');
    expect(summary.choices.map((c) => plain(c.label))).toEqual([
      'Nœud n° 502 · 2 m',
      'Nœud n° 503 · 1 234 m',
      'Nœud n° 504 · 1 m · autre type dans OSM : Lecture de plaques',
      'Nœud n° 505 · 3 m · hors service dans OSM',
      'Nouvelle caméra (pas dans OSM)',
    ]);
  });

  it('is nothing to draw when the server sent no OSM part', () => {
    expect(osmSummary(null)).toBeNull();
  });
});

describe('a camera reported gone on a node that maps something else too', () => {
  it('says the node stays and which tags go, not that it is deleted', () => {
    setLanguage('en', false);
    const summary = osmSummary(
      change({
        action: 'remove_camera',
        removed_tags: ['camera:mount', 'man_made'],
        ambiguous_with: null,
        chosen_by: 'link',
      }),
    );
    expect(summary.sentence).toBe(
      'Once approved, the export takes the camera (reported gone) off OSM node #501, which stays: it maps something else too (a street lamp, a sign…). Tags removed: camera:mount, man_made.',
    );
    setLanguage('fr', false);
    expect(
      osmSummary(change({ action: 'remove_camera', removed_tags: ['man_made'] })).sentence,
    ).toContain('qui reste');
  });
});

describe("a walker's answer and a node that says otherwise, on the card", () => {
  it('says which node the walker said it is not, and marks that candidate', () => {
    setLanguage('en', false);
    const summary = osmSummary(
      unmatched({
        not_node: 501,
        candidates: [{ ...NEAR, taken_by: null }],
      }),
    );
    expect(summary.notNode).toBe(
      'The walker answered “It is another one” about OSM node #501: the export will not match it to that node by distance.',
    );
    expect(summary.choices.map((c) => [c.value, c.saidNot])).toEqual([
      [501, true],
      ['new', false],
    ]);
    setLanguage('fr', false);
    expect(osmSummary(change({ not_node: 501 })).notNode).toContain(
      '«\u00a0C’est une autre\u00a0»',
    );
  });

  it('names the keys on which a match by distance disagrees, in both languages', () => {
    const disagreeing = [
      { key: 'camera:type', surveyed: 'fixed', osm: 'dome' },
      { key: 'camera:mount', surveyed: 'wall', osm: 'pole' },
    ];
    setLanguage('en', false);
    expect(osmSummary(change({ disagreeing })).disagreeing).toBe(
      'The node says otherwise: camera:type surveyed fixed, dome in OSM; camera:mount surveyed wall, pole in OSM. Check it is the same camera (domes are easily misjudged); if not, choose “New camera”.',
    );
    expect(osmSummary(change({ disagreeing: [] })).disagreeing).toBeNull();
    expect(osmSummary(change()).notNode).toBeNull();
    setLanguage('fr', false);
    expect(osmSummary(change({ disagreeing })).disagreeing).toContain(
      'camera:mount relevé wall, pole dans OSM',
    );
  });
});

describe('a device mapped as another kind', () => {
  it('is offered with its kind, after the cameras of the same kind', () => {
    setLanguage('en', false);
    const camera = { ...FAR, tags: { man_made: 'surveillance', 'surveillance:type': 'camera' } };
    const summary = osmSummary(
      unmatched({
        candidates: [{ ...NEAR, taken_by: null }],
        other_kinds: [{ ...camera, taken_by: null }],
      }),
    );
    expect(summary.choices.map((c) => [c.value, c.label, c.current])).toEqual([
      [501, 'Node #501 · 1 m', false],
      [502, 'Node #502 · 2 m · another kind in OSM: Camera', false],
      ['new', 'New camera (not in OSM)', false],
    ]);
    setLanguage('fr', false);
    const untagged = { ...FAR, tags: { man_made: 'surveillance' } };
    const [choice] = osmSummary(change({ candidates: [], other_kinds: [untagged] })).choices;
    expect(choice.label).toBe('Nœud n° 502 · 2 m · autre type dans OSM\u00a0: Caméra');
  });

  it('is named as the export reads its kinds (Helsinki 322525580 tagged camera;ALPR)', () => {
    setLanguage('en', false);
    const both = { ...FAR, tags: { man_made: 'surveillance', 'surveillance:type': 'camera;alpr' } };
    const [choice] = osmSummary(change({ candidates: [], other_kinds: [both] })).choices;
    expect(choice.label).toBe('Node #502 · 2 m · another kind in OSM: Camera, Plate reader');
  });
});

describe('a camera marked as no longer in use', () => {
  const DEAD = {
    ...FAR,
    id: 601,
    distance_m: 4,
    tags: { 'disused:man_made': 'surveillance' },
    taken_by: null,
  };

  // The export report's item, as the server gives it on the card.
  const WARNED = { observation: 'a1', warning: 'disused_nearby', osm_node_id: 601, distance_m: 4 };
  const beside = (over = {}) =>
    unmatched({ candidates: [], out_of_use: [DEAD], disused_nearby: WARNED, ...over });

  it('is offered and named out of use, and the report’s warning is said', () => {
    setLanguage('en', false);
    const summary = osmSummary(beside());
    expect(summary.choices.map((c) => [c.value, c.label])).toEqual([
      [601, 'Node #601 · 4 m · no longer in use in OSM'],
      ['new', 'New camera (not in OSM)'],
    ]);
    expect(summary.outOfUse).toContain('OSM node #601, 4 m away, is marked as no longer in use');
    setLanguage('fr', false);
    expect(osmSummary(beside()).outOfUse).toContain(
      'Le nœud OSM n° 601, à 4 m, est indiqué comme hors service',
    );
  });

  it('is drawn apart on the card map, and said nothing of when absent', () => {
    setLanguage('en', false);
    const markers = osmMarkers(
      unmatched({ candidates: [], out_of_use: [{ ...DEAD, lat: 1, lon: 2 }] }),
    );
    expect(markers.map((m) => [m.id, m.className, m.title])).toEqual([
      [601, 'osm-dot osm-out-of-use', 'Node #601 · 4 m · no longer in use in OSM'],
    ]);
    expect(osmSummary(unmatched()).outOfUse).toBeNull();
  });

  it('is no warning when the report gives none, whatever the card would guess', () => {
    setLanguage('en', false);
    // A create nobody chose, left out of the file (outside the loaded area): no item.
    expect(osmSummary(beside({ action: 'nothing', disused_nearby: null })).outOfUse).toBeNull();
    // A server that does not say it: no warning made up on the card.
    expect(osmSummary(beside({ disused_nearby: undefined })).outOfUse).toBeNull();
  });

  it('is no warning beside an organiser’s “new camera”, as in the export’s report', () => {
    setLanguage('en', false);
    const chosen = beside({ chosen_by: 'new_camera', disused_nearby: null });
    const summary = osmSummary(chosen);
    expect(summary.outOfUse).toBeNull();
    // Still hers to choose instead.
    expect(summary.choices.map((c) => c.value)).toEqual([601, 'new']);
    expect(summary.choices.find((c) => c.value === 'new').current).toBe(true);
    setLanguage('fr', false);
  });
});

describe('the card map’s OSM markers', () => {
  const at = (node, lat) => ({ ...node, lat, lon: 5.3812 });
  const READER = {
    ...at(FAR, 43.29615),
    id: 503,
    distance_m: 3,
    tags: { man_made: 'surveillance', 'surveillance:type': 'ALPR' },
    taken_by: null,
  };
  const mapped = (over = {}) =>
    change({
      node: at(NEAR, 43.29612),
      candidates: [at(NEAR, 43.29612), at(FAR, 43.29613)],
      other_kinds: [READER],
      ...over,
    });

  it('draws a device mapped as another kind apart, its kind in its title', () => {
    setLanguage('fr', false);
    const markers = osmMarkers(mapped());
    expect(markers.map((m) => [m.id, m.className])).toEqual([
      [501, 'osm-dot is-chosen'],
      [502, 'osm-dot'],
      [503, 'osm-dot osm-other-kind'],
    ]);
    expect(markers[2].title).toBe(
      'Nœud n° 503 · 3 m · autre type dans OSM\u00a0: Lecture de plaques',
    );
    expect(markers[2]).toMatchObject({ lat: 43.29615, lon: 5.3812 });
    setLanguage('en', false);
    expect(osmMarkers(mapped())[2].title).toBe(
      'Node #503 · 3 m · another kind in OSM: Plate reader',
    );
  });

  it('marks an other-kind device the organiser chose, and draws it once', () => {
    const markers = osmMarkers(mapped({ node: READER, chosen_by: 'link' }));
    expect(markers.map((m) => [m.id, m.className])).toEqual([
      [503, 'osm-dot osm-other-kind is-chosen'],
      [501, 'osm-dot'],
      [502, 'osm-dot'],
    ]);
  });

  it('draws the cameras as before when there is no other kind', () => {
    const markers = osmMarkers(mapped({ other_kinds: undefined }));
    expect(markers.map((m) => m.title)).toEqual(['OSM 501', 'OSM 502']);
    expect(osmMarkers(null)).toEqual([]);
  });
});
