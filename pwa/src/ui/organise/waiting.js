// What waits for review, said in one sentence on the walk summary and above
// the review queue's card, by this one rule. The queue holds every device an
// organiser has not decided on, while the summary's "to review" counts only
// cameras (guards and gunshot detectors are said apart, and a device reported
// gone is not among the cameras): its "18 to review" beside the queue's
// "1 / 19 to review" read as a camera lost. The sentence splits the same
// devices the same way on both screens: "To review: 18 cameras and 1 guard."
import { language, t, tp } from '../../i18n/index.js';
import { formatNumber } from '../../shared/format.js';
import { FILMING_KINDS } from '../../model/observation.js';

const OTHER_KINDS = ['guard', 'gunshot_detector'];

// A review queue's card as the review has left it, as the summary counts it
// (server/reports/service.py reviewed_values): a camera approved before and
// edited since by a walker is counted by its approved kind and presence.
export function asReviewed(item) {
  const since = item.changed_since_approval || {};
  const value = (name) => (name in since ? since[name].approved : item[name]);
  return { review_status: item.review_status, kind: value('kind'), presence: value('presence') };
}

// How many devices of `devices` wait for review, by what the summary calls
// them: cameras (the kinds that film), each other kind, and those reported
// gone. `read(device)` gives its {review_status, kind, presence} (a queue
// card's: asReviewed), read on each draw without a copy of a long queue.
export function waitingCounts(devices, read = (device) => device) {
  const counts = { cameras: 0, guard: 0, gunshot_detector: 0, other: 0, gone: 0 };
  for (const each of devices) {
    const device = read(each);
    if (device.review_status !== 'pending') continue;
    if ((device.presence || 'present') === 'gone') counts.gone++;
    else if (FILMING_KINDS.includes(device.kind)) counts.cameras++;
    else if (OTHER_KINDS.includes(device.kind)) counts[device.kind]++;
    else counts.other++;
  }
  return counts;
}

// "To review: 18 cameras and 1 guard.", or null when every device waiting is
// a camera still there: the summary's "to review" and the queue's count agree
// then, and a second sentence would only repeat them.
export function waitingLine(devices, read) {
  const counts = waitingCounts(devices, read);
  const { cameras, ...others } = counts;
  if (!Object.values(others).some(Boolean)) return null;
  const parts = Object.entries(counts)
    .filter(([, n]) => n)
    .map(([key, n]) => tp(`wait.${key}`, n, { n: formatNumber(n) }));
  const list = new Intl.ListFormat(language(), { type: 'conjunction' }).format(parts);
  return t('wait.line', { parts: list });
}
