// The summary tab's counts in words, apart from its map so that they can be
// read without a browser.
import { tp } from '../../i18n/index.js';

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
