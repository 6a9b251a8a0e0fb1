// What the organiser reads once a walk's OSM cameras are loaded: the answer of
// POST /walks/<id>/osm-fetch (docs/contract.md), without a page, so a test can read it.
import { t, tp } from '../../i18n/index.js';
import { formatNumber } from '../../shared/format.js';
import { cameraName } from './skips.js';

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

// The cameras a refused fetch names (`errors.far_observations` of a 422
// area_too_large: docs/contract.md), farthest from the walk first, each as the
// review card calls it, with how far and where: the sentence of the code says
// to move or delete "that camera", and a walk holds hundreds. [] for any other
// failure, and for a server older than the list.
export function farCameraLines(err) {
  const far = err && err.code === 'area_too_large' ? err.errors?.far_observations : null;
  if (!Array.isArray(far)) return [];
  return far.map((f) =>
    t('walks.farCamera', {
      camera: cameraName(f.uuid, f.camera?.kind ? f.camera : null),
      km: formatNumber(f.distance_m / 1000, 1),
      at: `${f.lat}, ${f.lon}`,
    }),
  );
}
