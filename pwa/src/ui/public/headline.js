import './i18n.js';
import { tp } from '../../i18n/index.js';
import { formatNumber } from '../../shared/format.js';
import { FILMING_KINDS } from '../../model/observation.js';

// "12 approved cameras": devices that film; guards and gunshot detectors, on the
// map too, are said apart, so that nobody quotes them as cameras. Pairs of
// points flagged as possibly one device and not merged yet (the server's
// `open_duplicate_pairs`) are said too: the count may hold such a device twice.
export function headline(features, duplicatePairs = 0) {
  const filming = features.filter((f) => FILMING_KINDS.includes(f.properties.kind)).length;
  const others = features.length - filming;
  const cameras = tp('pub.count', filming, { n: formatNumber(filming) });
  const count = others
    ? `${cameras} ${tp('pub.others', others, { n: formatNumber(others) })}`
    : cameras;
  if (!duplicatePairs) return count;
  return `${count}. ${tp('pub.duplicates', duplicatePairs, { n: formatNumber(duplicatePairs) })}`;
}
