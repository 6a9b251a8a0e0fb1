// The merge screen's controller: two records of the same device side by
// side; pick which one survives and, field by field, whose value it keeps.
// Photos of both are always kept. Or they are two cameras: "not the same
// camera" merges nothing and the pair is flagged no more. What it looks like
// is in mergeviews.js.
import { mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { actOnPair, failed, loading, oneAtATime } from './util.js';
import {
  FIELDS,
  fieldRows,
  leavesThePublicMap,
  mergePage,
  mergedText,
  same,
  sideColumn,
} from './mergeviews.js';

async function findPair(octx, item, otherId) {
  try {
    const pairs = await octx.api.duplicates(octx.groupId);
    return pairs.find(
      (p) =>
        (p.a.id === item.id && p.b.id === otherId) || (p.b.id === item.id && p.a.id === otherId),
    );
  } catch (err) {
    failed(err);
    return null;
  }
}

export async function mergeView(
  host,
  octx,
  item,
  otherId,
  { photos, onDone, onDistinct, onMovedOn, onCancel },
) {
  mount(host, loading());
  const pair = await findPair(octx, item, otherId);
  if (!pair) {
    onCancel();
    return;
  }
  const sides = pair.a.id === item.id ? [pair.a, pair.b] : [pair.b, pair.a];
  let keep = 0;
  // For each differing field: which side's value the survivor ends with. Until
  // the organiser picks a field herself, it follows the survivor (where the
  // survivor has a value), so changing the survivor never takes the other
  // record's values behind her back.
  const pick = {};
  const touched = new Set();
  const follow = (i) => {
    for (const [f] of FIELDS) if (!touched.has(f)) pick[f] = sides[i][f] != null ? i : 1 - i;
  };
  follow(0);

  const keepSide = (i) => {
    keep = i;
    follow(i);
    draw();
  };
  const pickValue = (f, i) => {
    pick[f] = i;
    touched.add(f);
    draw();
  };

  // One answer about the pair at a time: "merge" and "not the same camera"
  // both on their way (a second tap while a weak link carries the first) told
  // the server the pair is one camera and two, and it did both.
  const holdAnswers = (on) => {
    // None left when the card was drawn in its place.
    for (const b of host.querySelectorAll('#merge-do, #merge-distinct')) b.disabled = on;
  };
  const answers = oneAtATime(holdAnswers);
  const answer = (button, fn) => answers.run(() => actOnPair(button, fn, onMovedOn));

  function draw() {
    mount(
      host,
      mergePage({
        distanceM: pair.distance_m,
        columns: sides.map((obs, i) =>
          sideColumn(obs, { kept: keep === i, photos, onKeep: () => keepSide(i) }),
        ),
        rows: fieldRows(sides, pick, pickValue),
        unpublishes: leavesThePublicMap(sides, keep),
        onMerge: doMerge,
        onDistinct: doDistinct,
        onCancel,
      }),
    );
    holdAnswers(answers.busy()); // a pick redrawn while an answer is on its way
  }

  async function doMerge(button) {
    const survivor = sides[keep];
    const other = sides[1 - keep];
    const take = FIELDS.map(([f]) => f).filter(
      (f) => !same(sides[0][f], sides[1][f]) && pick[f] === 1 - keep,
    );
    const done = await answer(button, () => octx.api.merge(survivor.id, other.id, take));
    if (!done) return;
    toast(mergedText(done));
    onDone(survivor.id, other.id);
  }

  // "Not the same camera": nothing merged, the pair flagged no more.
  async function doDistinct(button) {
    const done = await answer(button, () => octx.api.notDuplicate(item.id, otherId));
    if (!done) return;
    toast(t('merge.distinctDone'));
    onDistinct();
  }

  draw();
}
