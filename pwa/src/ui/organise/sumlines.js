// The summary tab's counts in words, apart from its map so that they can be
// read without a browser.
import { t, tp, tv } from '../../i18n/index.js';
import { formatNumber } from '../../shared/format.js';
import { FILMING_KINDS } from '../../model/observation.js';

// The figures as they add up (the API's rule, server/reports/service.py
// walk_summary): the cameras are new to OSM, already in it, or rejected
// (neither published nor exported); by review, approved, to review or
// rejected. Those reported gone are apart: not among the cameras. Each count
// is said in its own number's form: "1 refusée", "3 refusées".
export function sumLines(totals) {
  const part = (key, n, label) => [key, n, tp(label, n)];
  const rejected = part('rejected', totals.rejected, 'sum.rejected');
  return {
    total: [totals.cameras, tp('sum.cameras', totals.cameras)],
    osm: [part('new', totals.new, 'sum.new'), part('osm', totals.in_osm, 'sum.inOsm'), rejected],
    review: [
      part('ok', totals.approved, 'sum.approved'),
      part('pending', totals.pending, 'sum.pending'),
      rejected,
    ],
  };
}

// Guards and gunshot detectors are not cameras (the server's rule, as on the
// public map): the figures above leave them out, and this line says them
// apart, kind by kind, with how many are published; null when there are none.
// Those an organiser rejected are not counted, as in the charts.
export function othersLine(totals) {
  const others = totals.other_devices;
  const byKind = Object.entries((others && others.by_kind) || {});
  const n = byKind.reduce((sum, [, count]) => sum + count, 0);
  if (!n) return null;
  const kinds = byKind
    .map(([kind, count]) =>
      t('sum.kindCount', {
        kind: kind === 'unknown' ? t('sum.unknown') : tv('kind', kind),
        n: formatNumber(count),
      }),
    )
    .join(', ');
  const published = tp('sum.othersPublished', others.published, {
    n: formatNumber(others.published),
  });
  return `${tp('sum.others', n, { n: formatNumber(n), kinds })}, ${published}.`;
}

// The title of the summary's map, which shows every device the walk logged:
// "cameras" while all of them film, by the server's rule (sync.fields.is_camera,
// a kind not given is not a camera), else the other devices are named too.
export function mapTitle(summary) {
  const others = (summary.cameras || []).some((device) => !FILMING_KINDS.includes(device.kind));
  return t(others ? 'sum.mapAll' : 'sum.map');
}
