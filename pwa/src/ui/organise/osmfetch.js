// What the organiser reads once a walk's OSM cameras are loaded: the answer of
// POST /walks/<id>/osm-fetch (docs/contract.md), without a page, so a test can read it.
import { t } from '../../i18n/index.js';

export function fetchedText(r) {
  const cameras = t('walks.fetched', {
    n: r.fetched,
    added: r.added,
    changed: r.updated,
    gone: r.removed,
  });
  if (typeof r.basemap_features !== 'number') return cameras;
  return `${cameras} ${t('walks.walkMap', { n: r.basemap_features })}`;
}
