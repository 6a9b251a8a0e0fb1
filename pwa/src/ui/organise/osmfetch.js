// What the organiser reads once a walk's OSM cameras are loaded: the answer of
// POST /walks/<id>/osm-fetch (docs/contract.md), without a page, so a test can read it.
import { t, tp } from '../../i18n/index.js';

export function fetchedText(r) {
  const parts = [
    tp('walks.fetched', r.fetched ?? 0, {
      added: tp('walks.fetched.added', r.added ?? 0),
      changed: tp('walks.fetched.changed', r.updated ?? 0),
      gone: tp('walks.fetched.gone', r.removed ?? 0),
    }),
  ];
  // Nodes an older copy of OSM shows as they were before camwalk's own upload:
  // kept as the upload left them, or kept out when it took them out of OSM. An
  // answer from a server older than these counts says neither.
  if (r.kept_newer > 0) parts.push(tp('walks.fetched.keptNewer', r.kept_newer));
  if (r.kept_deleted > 0) parts.push(tp('walks.fetched.keptDeleted', r.kept_deleted));
  if (typeof r.basemap_features === 'number') {
    parts.push(t('walks.walkMap', { n: r.basemap_features }));
  }
  return parts.join(' ');
}
