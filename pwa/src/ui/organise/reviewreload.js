// Which review cards a decision can have changed, so that the screen asks the
// server for those only (GET …/review?ids=) and not for the whole queue: 3 s
// for a walk of 10,000 cameras, 13 s for 60,000, the screen inert meanwhile
// (bench/review_queue_bench.py). Which node a card changes stays the server's
// answer (the export's own rule, planned with the walk's whole queue): this
// only names the cards to ask about. Pure: tested without a DOM.

import { offeredNodes } from './osmnode.js';

// The most ids the server answers at once (docs/contract.md): past it, the
// screen asks for the whole queue.
export const MAX_CARDS = 100;

// The OSM nodes a card's OSM part names: the one it changes, those it offers,
// the one nearly as close, the one a walker said it is not.
export function nodesNamed(card) {
  const change = card.osm_change;
  if (!change) return [];
  return [
    change.node?.id,
    change.ambiguous_with,
    change.not_node,
    ...offeredNodes(change).map((n) => n.id),
  ].filter((id) => id != null);
}

// The cameras a card names: its possible duplicates, those said to be another
// camera, and those that hold a node it offers ("taken by").
function recordsNamed(card) {
  const offered = offeredNodes(card.osm_change);
  return [
    ...(card.duplicate_hints || []),
    ...(card.not_duplicates || []).map((pair) => pair.other),
    ...offered.map((n) => n.taken_by),
  ].filter(Boolean);
}

// The ids of the cards to ask for again after `decision` on the queue
// `items`, the decided cards first:
// - {choice: card, node} (a node id, or 'new'): the card, and every card
//   naming a node the choice concerns (the card's node before, the one
//   chosen, those it offered) or holding one of those it offered;
// - {pair: [survivorId, otherId]} after a merge (the other leaves the queue),
//   or [cardId, otherId] after a pair is said to be two cameras or maybe one:
//   both, and every card naming either record or a node either named;
// - {refused: card}: the card (a walker's edit came in; nothing was decided).
// A choice can move nodes further along a row of close cameras (one freed,
// the next survey takes it, freeing another): `nextToAsk` follows such a row.
export function cardsToAsk(items, decision) {
  if (decision.refused) return [decision.refused.id];
  const byId = new Map(items.map((it) => [it.id, it]));
  let decided, nodes;
  if (decision.choice) {
    decided = [decision.choice.id];
    nodes = nodesNamed(decision.choice);
    if (decision.node !== 'new' && decision.node != null) nodes.push(decision.node);
  } else {
    decided = [...new Set(decision.pair)];
    nodes = decided.flatMap((id) => (byId.has(id) ? nodesNamed(byId.get(id)) : []));
  }
  const concerned = new Set(nodes);
  const records = new Set(decided);
  if (decision.choice) for (const id of recordsNamed(decision.choice)) records.add(id);
  const ids = new Set(decided);
  for (const it of items) {
    if (ids.has(it.id)) continue;
    const named =
      records.has(it.id) ||
      nodesNamed(it).some((id) => concerned.has(id)) ||
      (decision.pair && recordsNamed(it).some((id) => records.has(id)));
    if (named) ids.add(it.id);
  }
  return [...ids];
}

// The queue with the cards asked for (`asked`, ids) as the server answered
// them (`fresh`, cards): each in its place, those it no longer holds dropped.
export function withCards(items, asked, fresh) {
  const answered = new Map(fresh.map((it) => [it.id, it]));
  const wanted = new Set(asked);
  return items.flatMap((it) => {
    if (!wanted.has(it.id)) return [it];
    return answered.has(it.id) ? [answered.get(it.id)] : [];
  });
}

// The node a card's OSM part changes (null: none, or a new camera).
const nodeChanged = (card) => card?.osm_change?.node?.id ?? null;

// After the cards `asked` came back (`fresh`), the cards to ask for next:
// those, not asked yet, that name a node one of the answered cards took or
// let go (a row of close cameras, where the next survey takes the node freed
// and frees its own). Empty once nothing moved further: most choices need one
// request, a row one more per step.
export function nextToAsk(before, asked, fresh) {
  const was = new Map(before.map((it) => [it.id, nodeChanged(it)]));
  const moved = new Set();
  for (const card of fresh) {
    const now = nodeChanged(card);
    const then = was.has(card.id) ? was.get(card.id) : null;
    if (now === then) continue;
    if (now != null) moved.add(now);
    if (then != null) moved.add(then);
  }
  if (!moved.size) return [];
  const done = new Set(asked);
  return before
    .filter((it) => !done.has(it.id) && nodesNamed(it).some((id) => moved.has(id)))
    .map((it) => it.id);
}
