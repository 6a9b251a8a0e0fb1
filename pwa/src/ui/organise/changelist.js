// The upload's dry run, element by element: what each node will become in
// OpenStreetMap. For a modify only the tags that change are shown, old → new,
// since the rest of a node someone else mapped stays as it is.
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';

const OSM_NODE = 'https://www.openstreetmap.org/node/';

// Keys whose value changes between two tag sets, sorted, with before and after
// (null when the key is absent on that side).
export function tagDiff(before, after) {
  const a = before || {};
  const b = after || {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => a[key] !== b[key])
    .sort()
    .map((key) => ({ key, before: a[key] ?? null, after: b[key] ?? null }));
}

function tagRows(change) {
  if (change.action === 'create') {
    return Object.keys(change.tags)
      .sort()
      .map((key) => h('li', {}, h('code', {}, `${key}=${change.tags[key]}`)));
  }
  if (change.action === 'delete') {
    return [h('li', { class: 'muted' }, t('up.deletes'))];
  }
  const diff = tagDiff(change.previous_tags, change.tags);
  if (!diff.length) return [h('li', { class: 'muted' }, t('up.sameTags'))];
  return diff.map(({ key, before, after }) =>
    h(
      'li',
      { class: 'up-diff' },
      h('code', {}, key),
      ' ',
      before == null ? null : h('del', {}, before),
      before == null || after == null ? null : ' → ',
      after == null ? h('em', {}, t('up.tagRemoved')) : h('ins', {}, after),
    ),
  );
}

// What to check of this change (exportsviews.js changeMarks), after its node.
function markBadges(marks) {
  return (marks || []).flatMap((mark) => [
    ' ',
    h('span', { class: `badge up-mark up-mark-${mark.warning}`, title: mark.title }, mark.label),
  ]);
}

function changeRow(change, marks) {
  const existing = change.action !== 'create';
  return h(
    'li',
    {
      class: `up-change up-${change.action}`,
      dataset: { node: String(change.node), observation: change.observation ?? '' },
    },
    h(
      'p',
      { class: 'up-change-head' },
      h('span', { class: `badge up-badge-${change.action}` }, t(`up.action.${change.action}`)),
      ' ',
      existing
        ? h(
            'a',
            { href: `${OSM_NODE}${change.node}`, target: '_blank', rel: 'noopener' },
            t('up.node', { id: change.node, v: change.version }),
          )
        : h('span', { class: 'muted' }, t('up.newNode')),
      change.lat == null
        ? null
        : h('span', { class: 'muted' }, ` · ${change.lat.toFixed(6)}, ${change.lon.toFixed(6)}`),
      markBadges(marks.get(change.observation)),
    ),
    h('ul', { class: 'up-tags' }, tagRows(change)),
  );
}

// `marks`: what to check, by observation (exportsviews.js changeMarks).
export function changeList(plan, marks = new Map()) {
  const changes = plan.changes || [];
  if (!changes.length) return null;
  return h(
    'details',
    { class: 'up-changes', open: changes.length <= 30 },
    h('summary', {}, t('up.list', { n: changes.length })),
    h(
      'ol',
      { class: 'plain' },
      changes.map((change) => changeRow(change, marks)),
    ),
    plan.changes_truncated ? h('p', { class: 'warn' }, t('up.truncated')) : null,
  );
}
