// The OSM part of a review card: which OpenStreetMap node the export will
// change for this camera (the server computes it with the export's own
// matcher and sends it as `osm_change`), its tags now, a link to it, and the
// organiser's choice of another candidate or of "new camera".
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import { skipWhy } from './skips.js';
import { formatMetres, kindsWords } from '../../shared/format.js';
import { mappedKinds } from '../../geo/nearby.js';

// A node's `surveillance:type` in the organiser's words, read as the export
// reads it (mappedKinds: `Camera` is a camera, `camera;ALPR` names both).
function kindOf(node) {
  return kindsWords(mappedKinds(node));
}

// The nodes a card's OSM part offers to choose, each with the camera holding
// it ("taken by"): candidates, other kinds, those marked out of use. The
// card's markers and the review screen's reload (reviewreload.js) read them.
export const offeredNodes = (change) =>
  change
    ? [...(change.candidates || []), ...(change.other_kinds || []), ...(change.out_of_use || [])]
    : [];

// Where the survey and the node disagree (a match by distance), one phrase
// per key: "camera:mount surveyed wall, pole in OSM".
export function differences(disagreeing) {
  return (disagreeing || []).map((d) => t('rev.osm.differ', d)).join('; ');
}

// A device mapped as another kind that films, with its kind: the card's
// choice and its map marker name it alike.
const otherKindLabel = (node) =>
  t('rev.osm.otherKind', { id: node.id, m: formatMetres(node.distance_m), kind: kindOf(node) });

// A camera a mapper marked as no longer in use: offered, never matched by
// distance (a walker sees a device, not whether it works).
const outOfUseLabel = (node) =>
  t('rev.osm.outOfUse', { id: node.id, m: formatMetres(node.distance_m) });

// What the card says, as plain data (tested without a DOM).
export function osmSummary(change) {
  if (!change) return null;
  const node = change.node;
  const words = {
    create: () => t('rev.osm.create'),
    modify: () => t('rev.osm.modify', { id: node.id, m: formatMetres(node.distance_m) }),
    delete: () => t('rev.osm.delete', { id: node.id }),
    remove_camera: () =>
      t('rev.osm.removeCamera', { id: node.id, tags: (change.removed_tags || []).join(', ') }),
    nothing: () => t('rev.osm.nothing'),
  };
  const current = change.chosen_by === 'new_camera' ? 'new' : node ? node.id : null;
  const choice = (c, label) => ({
    value: c.id,
    label,
    url: c.url,
    taken: Boolean(c.taken_by),
    current: current === c.id,
    saidNot: c.id === change.not_node,
  });
  return {
    action: change.action,
    sentence: `${t(change.once_approved ? 'rev.osm.onceApproved' : 'rev.osm.export')} ${words[change.action]()}`,
    reason: change.skip ? skipWhy(change.skip) : change.reason || null,
    warning: change.ambiguous_with
      ? t('rev.osm.ambiguous', { other: change.ambiguous_with })
      : null,
    how: change.chosen_by ? t(`rev.osm.by.${change.chosen_by}`) : null,
    disagreeing: change.disagreeing?.length
      ? t('rev.osm.disagreeing', { keys: differences(change.disagreeing) })
      : null,
    // The export report's own warning (`disused_nearby`), which the server gives
    // the card as it gives `ambiguous_with` and `disagreeing`: when to warn is
    // the report's rule (matching's, then only for a change the plan sends), in
    // one place on the server.
    outOfUse: change.disused_nearby
      ? t('rev.osm.outOfUseNear', {
          id: change.disused_nearby.osm_node_id,
          m: formatMetres(change.disused_nearby.distance_m),
        })
      : null,
    // A walker's "it is another one" (osm_not_node_id).
    notNode: change.not_node ? t('rev.osm.notNode', { id: change.not_node }) : null,
    node,
    choices: [
      ...change.candidates.map((c) =>
        choice(c, t('rev.osm.candidate', { id: c.id, m: formatMetres(c.distance_m) })),
      ),
      // Mapped as another kind that films: never matched by distance, hers to choose.
      ...(change.other_kinds || []).map((c) => choice(c, otherKindLabel(c))),
      ...(change.out_of_use || []).map((c) => choice(c, outOfUseLabel(c))),
      {
        value: 'new',
        label: t('rev.osm.new'),
        url: null,
        taken: false,
        current: current === 'new',
        saidNot: false,
      },
    ],
  };
}

// The card map's OSM markers, as plain data (tested without Leaflet): the
// cameras the organiser may choose from, the one the export will change
// marked (side by side they are told apart by place), and the devices mapped
// as another kind that films, drawn apart and named with their kind.
export function osmMarkers(change) {
  if (!change) return [];
  const chosen = change.node && change.node.id;
  const other = new Set((change.other_kinds || []).map((node) => node.id));
  const idle = new Set((change.out_of_use || []).map((node) => node.id));
  const nodes = [...(change.node ? [change.node] : []), ...offeredNodes(change)];
  const seen = new Set();
  return nodes
    .filter((node) => node.lat != null && !seen.has(node.id) && seen.add(node.id))
    .map((node) => ({
      id: node.id,
      lat: node.lat,
      lon: node.lon,
      className: `osm-dot${other.has(node.id) ? ' osm-other-kind' : ''}${idle.has(node.id) ? ' osm-out-of-use' : ''}${node.id === chosen ? ' is-chosen' : ''}`,
      title: other.has(node.id)
        ? otherKindLabel(node)
        : idle.has(node.id)
          ? outOfUseLabel(node)
          : `OSM ${node.id}`,
    }));
}

function tagList(tags) {
  const keys = Object.keys(tags).sort();
  return h(
    'ul',
    { class: 'plain rev-osm-tags' },
    keys.map((k) => h('li', {}, h('code', {}, `${k}=${tags[k]}`))),
  );
}

function nodeLink(url, words) {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, words);
}

function choiceRow(choice, onChoose) {
  return h(
    'li',
    { dataset: { node: String(choice.value) } },
    h(
      'button',
      {
        type: 'button',
        class: `btn btn-small${choice.current ? ' is-current' : ''}`,
        'aria-pressed': choice.current ? 'true' : 'false',
        disabled: choice.current,
        onclick: (e) => onChoose(choice.value, e.currentTarget),
      },
      choice.label,
    ),
    choice.url ? [' ', nodeLink(choice.url, t('rev.osm.view'))] : null,
    choice.taken ? h('span', { class: 'muted' }, ` ${t('rev.osm.taken')}`) : null,
    choice.saidNot ? h('span', { class: 'muted' }, ` ${t('rev.osm.saidNot')}`) : null,
  );
}

// `onChoose(value, button)`: value is a node id, or 'new' for "new camera".
export function osmSection(item, { onChoose }) {
  const summary = osmSummary(item.osm_change);
  if (!summary) return null;
  const { node } = summary;
  return h(
    'section',
    {
      class: 'rev-osm',
      role: 'region',
      'aria-label': t('rev.osm.title'),
      dataset: { action: summary.action },
    },
    h('h3', {}, t('rev.osm.title')),
    // tabindex: where the keyboard lands once a choice of node is answered.
    h('p', { class: 'rev-osm-action', tabindex: -1 }, summary.sentence),
    summary.reason ? h('p', { class: 'muted rev-osm-reason' }, summary.reason) : null,
    summary.warning ? h('p', { class: 'warn rev-osm-ambiguous' }, summary.warning) : null,
    summary.disagreeing ? h('p', { class: 'warn rev-osm-disagreeing' }, summary.disagreeing) : null,
    summary.outOfUse ? h('p', { class: 'warn rev-osm-out-of-use' }, summary.outOfUse) : null,
    summary.notNode ? h('p', { class: 'rev-osm-not-node' }, summary.notNode) : null,
    summary.how ? h('p', { class: 'muted' }, summary.how) : null,
    node
      ? h(
          'div',
          { class: 'rev-osm-node', dataset: { node: String(node.id) } },
          h('p', {}, nodeLink(node.url, t('rev.osm.nodeLink', { id: node.id, v: node.version }))),
          tagList(node.tags),
        )
      : null,
    h(
      'div',
      { class: 'rev-osm-choice', role: 'group', 'aria-label': t('rev.osm.choose') },
      h('p', {}, t('rev.osm.choose')),
      h(
        'ul',
        { class: 'plain' },
        summary.choices.map((choice) => choiceRow(choice, onChoose)),
      ),
    ),
  );
}
