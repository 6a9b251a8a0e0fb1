import { describe, expect, it } from 'vitest';
import {
  cardsToAsk,
  nextToAsk,
  nodesNamed,
  withCards,
} from '../../src/ui/organise/reviewreload.js';

const node = (id, takenBy = null) => ({ id, distance_m: 2, taken_by: takenBy });
const card = (id, change = null, more = {}) => ({
  id,
  osm_change: change && {
    node: null,
    ambiguous_with: null,
    not_node: null,
    candidates: [],
    other_kinds: [],
    out_of_use: [],
    ...change,
  },
  duplicate_hints: [],
  not_duplicates: [],
  ...more,
});

// Two surveys near node 501: `a` changes it, `b` offers it as taken by `a`;
// `c` changes 502 nearby; `far` names nothing of theirs.
const a = card('a', { node: { id: 501 }, candidates: [node(501), node(502, 'c')] });
const b = card('b', { candidates: [node(501, 'a')] });
const c = card('c', { node: { id: 502 }, candidates: [node(502)] });
const d = card('d', { candidates: [node(503)], other_kinds: [node(504)] });
const far = card('far', { node: { id: 900 }, candidates: [node(900)] });
const none = card('none');
const queue = [a, b, c, d, far, none];

describe('the nodes a card names', () => {
  it('are its node, what it offers, its runner-up and the one said not to be it', () => {
    const named = card('x', {
      node: { id: 1 },
      ambiguous_with: 2,
      not_node: 3,
      candidates: [node(1), node(2)],
      other_kinds: [node(4)],
    });
    expect(nodesNamed(named).sort()).toEqual([1, 1, 2, 2, 3, 4]);
    expect(nodesNamed(none)).toEqual([]);
  });
});

describe('the cards asked for again after a decision', () => {
  it('after a node choice: the card and those naming its nodes or the chosen one', () => {
    expect(cardsToAsk(queue, { choice: a, node: 'new' })).toEqual(['a', 'b', 'c']);
    expect(cardsToAsk(queue, { choice: b, node: 501 })).toEqual(['b', 'a']);
    // A node the card did not offer yet (another kind, farther): its holders too.
    expect(cardsToAsk(queue, { choice: b, node: 504 })).toEqual(['b', 'a', 'd']);
  });

  it('after a choice on a card with no OSM part: the card and what names the node', () => {
    expect(cardsToAsk(queue, { choice: none, node: 900 })).toEqual(['none', 'far']);
    expect(cardsToAsk(queue, { choice: none, node: 'new' })).toEqual(['none']);
  });

  it('after a merge: both records and every card naming them or their nodes', () => {
    const hinted = card('h', null, { duplicate_hints: ['b'] });
    const toldApart = card('t', null, { not_duplicates: [{ other: 'c' }] });
    const items = [...queue, hinted, toldApart];
    expect(cardsToAsk(items, { pair: ['b', 'c'] })).toEqual(['b', 'c', 'a', 'h', 't']);
    // The survivor may be out of the queue (approved before): still asked for.
    expect(cardsToAsk(items, { pair: ['gone', 'far'] })).toEqual(['gone', 'far']);
  });

  // A camera marked out of use is offered as the others are, and taken as they are.
  it('counts the cameras out of use a card offers, and who holds them', () => {
    const e = card('e', { out_of_use: [node(505)] });
    const f = card('f', { out_of_use: [node(505, 'e')] });
    expect(nodesNamed(e)).toEqual([505]);
    // e takes 505: f, which offers it, now says it is taken.
    expect(cardsToAsk([...queue, e, f], { choice: e, node: 505 })).toEqual(['e', 'f']);
    // e, which holds f's offered node, is merged away: f is asked again.
    expect(cardsToAsk([...queue, e, f], { pair: ['c', 'e'] })).toEqual(['c', 'e', 'a', 'f']);
  });

  it('after a refused decision: that card only', () => {
    expect(cardsToAsk(queue, { refused: b })).toEqual(['b']);
  });
});

describe('the queue with the cards the server sent again', () => {
  it('puts each in its place and drops those out of the queue', () => {
    const b2 = { ...b, version: 2 };
    const got = withCards(queue, ['a', 'b', 'gone'], [b2]);
    expect(got.map((it) => it.id)).toEqual(['b', 'c', 'd', 'far', 'none']);
    expect(got[0]).toBe(b2);
    expect(got[1]).toBe(c);
  });
});

describe('the cards asked next along a row of close cameras', () => {
  // A row: x changes 601; y offers 601 (taken by x) and changes 602; z offers
  // 602 (taken by y) and changes none (a new camera); v names nothing of theirs.
  const x = card('x', { node: { id: 601 }, candidates: [node(601)] });
  const y = card('y', { node: { id: 602 }, candidates: [node(601, 'x'), node(602)] });
  const z = card('z', { candidates: [node(602, 'y')] });
  const v = card('v', { node: { id: 700 }, candidates: [node(700)] });
  const row = [x, y, z, v];

  it('follows a node freed by a card the first answer changed', () => {
    // x is made a new camera: x and y (which names 601) are asked; z names
    // neither 601 nor x's nodes, so the first request leaves it out.
    const asked = cardsToAsk(row, { choice: x, node: 'new' });
    expect(asked).toEqual(['x', 'y']);
    // The answer: x changes no node, y took 601 and let 602 go.
    const fresh = [
      card('x', { candidates: [node(601, 'y')] }),
      card('y', { node: { id: 601 }, candidates: [node(601), node(602)] }),
    ];
    expect(nextToAsk(row, asked, fresh)).toEqual(['z']);
    // z, asked next, took 602: no card not asked names it, the row ends.
    const zNow = card('z', { node: { id: 602 }, candidates: [node(602)] });
    expect(nextToAsk(row, [...asked, 'z'], [zNow])).toEqual([]);
  });

  it('asks for nothing more when no card changed its node', () => {
    expect(nextToAsk(row, ['x', 'y'], [x, y])).toEqual([]);
  });
});
