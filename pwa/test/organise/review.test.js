import { describe, expect, it } from 'vitest';
import {
  LIST_ROWS,
  approvalChanges,
  canKeepApproved,
  duplicateLines,
  goneReport,
  listStart,
  notDuplicateLines,
  osmNearText,
} from '../../src/ui/organise/reviewviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

describe('what changed since an organiser approved a camera', () => {
  it('is nothing to say for a camera never approved', () => {
    expect(approvalChanges({ changed_since_approval: null })).toBeNull();
    expect(approvalChanges({})).toBeNull();
  });

  it('gives each field with its label and both values, in the form order', () => {
    setLanguage('fr', false);
    const rows = approvalChanges({
      changed_since_approval: {
        height_m: { approved: 3, now: null },
        operator: { approved: 'Police municipale', now: 'RTM' },
        mount: { approved: 'pole', now: 'wall' },
      },
    });
    expect(rows.map((r) => r.field)).toEqual(['mount', 'operator', 'height_m']);
    expect(rows[1]).toEqual({
      field: 'operator',
      label: 'Exploitant',
      approved: 'Police municipale',
      now: 'RTM',
    });
    expect(rows[0].label).toBe('Fixée sur');
    expect(rows[0].approved).not.toBe('pole'); // the walker's words, not the stored value
    expect(rows[2]).toMatchObject({ approved: '3 m', now: '—' });
  });

  it('speaks English to an English-speaking organiser', () => {
    setLanguage('en', false);
    const [row] = approvalChanges({
      changed_since_approval: { operator: { approved: 'A', now: 'B' } },
    });
    expect(row.label).toBe('Operator');
    setLanguage('fr', false);
  });

  it('says an approved camera whose values came back changes nothing', () => {
    expect(approvalChanges({ changed_since_approval: {} })).toEqual([]);
  });
});

describe('the rows the queue lists around the card shown', () => {
  it('lists a short queue whole, from its first row', () => {
    expect(listStart(12, 0, 0, 5)).toBe(0);
    expect(listStart(12, 3, 0, 5)).toBe(0);
    expect(listStart(3, 2, 0, 5)).toBe(0);
    expect(listStart(0, 0, 0, 5)).toBe(0);
  });

  it('stays where it is while the card is among its rows', () => {
    expect(listStart(100, 14, 10, 5)).toBe(10);
    expect(listStart(100, 10, 10, 5)).toBe(10);
  });

  it('moves to a card outside it, with that card a quarter of the way down', () => {
    expect(listStart(100, 18, 10, 8)).toBe(16);
    expect(listStart(100, 9, 10, 8)).toBe(7);
    expect(listStart(100, 50, 0, 8)).toBe(48);
  });

  it('never lists past either end of the queue', () => {
    expect(listStart(100, 99, 0, 8)).toBe(92);
    expect(listStart(100, 1, 50, 8)).toBe(0);
    // Rows approved away at the end: the list moves up to stay full.
    expect(listStart(96, 94, 92, 8)).toBe(88);
    expect(listStart(100, 0, -8, 8)).toBe(0);
    expect(listStart(100, 120, 120, 8)).toBe(92);
  });

  it('holds a few hundred rows at most by default', () => {
    expect(LIST_ROWS).toBeGreaterThanOrEqual(50);
    expect(LIST_ROWS).toBeLessThanOrEqual(500);
    expect(listStart(60_000, 30_000, 0)).toBe(30_000 - Math.floor(LIST_ROWS / 4));
  });
});

describe('keeping the approved version', () => {
  it('is offered only when a walker changed something since approval', () => {
    expect(canKeepApproved({ changed_since_approval: null })).toBe(false);
    expect(canKeepApproved({ changed_since_approval: {} })).toBe(false);
    const changed = { operator: { approved: 'Mairie', now: 'RTM' } };
    expect(canKeepApproved({ changed_since_approval: changed })).toBe(true);
  });
});

describe('a report that a camera is gone', () => {
  it('is nothing for a camera that is there', () => {
    expect(goneReport({ presence: 'present', osm_node_id: 42 })).toBeNull();
  });

  it('names the node the export deletes once it is approved', () => {
    const change = { action: 'delete', node: { id: 9100000003 } };
    expect(goneReport({ presence: 'gone', osm_node_id: 9100000003, osm_change: change })).toEqual({
      node: 9100000003,
      deletes: true,
    });
  });

  it('names the linked node even when the export would not delete it', () => {
    const change = { action: 'nothing', node: null };
    expect(goneReport({ presence: 'gone', osm_node_id: 77, osm_change: change })).toEqual({
      node: 77,
      deletes: false,
    });
    expect(goneReport({ presence: 'gone', osm_node_id: null, osm_change: null })).toEqual({
      node: null,
      deletes: false,
    });
  });
});

describe('the hint naming the nearest OSM node', () => {
  const near = { osm_id: 701, version: 1, distance_m: 3, tags: {} };

  it('names its kind when OSM maps it as another than the survey', () => {
    setLanguage('fr', false);
    const reader = { ...near, kind: 'ALPR', tags: { 'surveillance:type': 'ALPR' } };
    expect(osmNearText(reader, 'camera')).toBe(
      'Nœud OSM n° 701 à 3 m, d’un autre type dans OSM\u00a0: Lecture de plaques',
    );
    setLanguage('en', false);
    expect(osmNearText(reader, 'camera')).toBe(
      'OSM node #701 at 3 m, another kind in OSM: Plate reader',
    );
  });

  it('names each kind of a node that names two, in her words', () => {
    setLanguage('en', false);
    expect(osmNearText({ ...near, kind: 'ALPR;camera' }, 'camera')).toBe(
      'OSM node #701 at 3 m, another kind in OSM: Plate reader, Camera',
    );
  });

  it('reads as before for a node of the survey’s kind, or from a server that sent none', () => {
    setLanguage('en', false);
    expect(osmNearText({ ...near, kind: 'camera' }, 'camera')).toBe('OSM camera #701 at 3 m');
    expect(osmNearText(near, 'camera')).toBe('OSM camera #701 at 3 m');
  });
});

describe('a possible duplicate on the card', () => {
  const card = {
    duplicate_hints: ['b-uuid', 'c-uuid'],
    possible_duplicates: [
      { other: 'b-uuid', distance_m: 2.83 },
      { other: 'c-uuid', distance_m: 1234.4 },
    ],
  };

  it('says how far the other record is as the server gives it, queued or not', () => {
    setLanguage('fr', false);
    const plain = (s) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect(duplicateLines(card).map((l) => [l.other, plain(l.text)])).toEqual([
      ['b-uuid', 'Doublon possible à 3 m'],
      ['c-uuid', 'Doublon possible à 1 234 m'],
    ]);
    setLanguage('en', false);
    expect(duplicateLines(card)[0].text).toBe('Possible duplicate 3 m away');
    setLanguage('fr', false);
  });

  it('says in words that the distance is unknown when the server did not give it', () => {
    setLanguage('fr', false);
    const [line] = duplicateLines({ duplicate_hints: ['b-uuid'] });
    expect(line).toEqual({ other: 'b-uuid', text: 'Doublon possible, à une distance inconnue' });
    expect(line.text).not.toContain('?');
    setLanguage('en', false);
    expect(duplicateLines({ duplicate_hints: ['b-uuid'], possible_duplicates: [] })[0].text).toBe(
      'Possible duplicate, at an unknown distance',
    );
    setLanguage('fr', false);
  });
});

describe('the pairs an organiser said are two cameras', () => {
  const told = { other: 'b-uuid', distance_m: 2.6, by: 'karim', at: '2026-12-05T14:00:00+00:00' };

  it('says each with who said it and when, and names the other record to take it back', () => {
    setLanguage('fr', false);
    expect(notDuplicateLines({ not_duplicates: [told] })).toEqual([
      {
        other: 'b-uuid',
        text: 'Pas la même caméra que celle à 3 m (karim, 5 déc. 2026)',
      },
    ]);
    setLanguage('en', false);
    expect(notDuplicateLines({ not_duplicates: [told] })[0].text).toBe(
      'Not the same camera as the one 3 m away (karim, Dec 5, 2026)',
    );
  });

  it('says “—” when the server names no organiser', () => {
    setLanguage('en', false);
    const [line] = notDuplicateLines({ not_duplicates: [{ ...told, by: null }] });
    expect(line.text).toBe('Not the same camera as the one 3 m away (—, Dec 5, 2026)');
  });

  it('is nothing for a card with no such pair, or from a server that sent none', () => {
    expect(notDuplicateLines({ not_duplicates: [] })).toEqual([]);
    expect(notDuplicateLines({})).toEqual([]);
  });
});
