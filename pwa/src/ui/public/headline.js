import './i18n.js';
import { tp } from '../../i18n/index.js';
import { formatNumber } from '../../shared/format.js';

// "12 approved cameras": the server counts them (`cameras`, `other_devices` of
// the public GeoJSON) by the rule the walk summary follows, so the page never
// quotes a figure of its own. Guards and gunshot detectors, on the map too,
// are said apart, so that nobody quotes them as cameras. Pairs of points
// flagged as possibly one device and not merged yet (`open_duplicate_pairs`)
// are said too: the count may hold such a device twice.
export function headline({
  cameras = 0,
  other_devices: others = 0,
  open_duplicate_pairs: pairs = 0,
}) {
  const said = tp('pub.count', cameras, { n: formatNumber(cameras) });
  const count = others ? `${said} ${tp('pub.others', others, { n: formatNumber(others) })}` : said;
  if (!pairs) return count;
  return `${count}. ${tp('pub.duplicates', pairs, { n: formatNumber(pairs) })}`;
}
