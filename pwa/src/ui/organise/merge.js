// The merge screen's controller: two records of the same device side by
// side; pick which one survives and, field by field, whose value it keeps.
// Photos of both are always kept. Or they are two cameras: "not the same
// camera" merges nothing and the pair is flagged no more. What it looks like
// is in mergeviews.js.
import { mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { actOnPair, failed, loading } from './util.js';
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
  { action, photos, onDone, onDistinct, onMovedOn, onCancel },
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

  // An answer about the pair is one of the card's actions (`action`, the
  // card's oneAtATime, which holds the screen's buttons and keys): "merge" and
  // "not the same camera" both on their way told the server the pair is one
  // camera and two, and it did both; Cancel while a merge was on its way gave
  // back the card behind it, and A approved it. Held until the card is drawn
  // anew (`then`), as a decision is.
  const answer = (button, fn, then) =>
    action.run(async () => {
      const done = await actOnPair(button, fn, onMovedOn);
      if (done) await then(done);
    });

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
  }

  async function doMerge(button) {
    const survivor = sides[keep];
    const other = sides[1 - keep];
    const take = FIELDS.map(([f]) => f).filter(
      (f) => !same(sides[0][f], sides[1][f]) && pick[f] === 1 - keep,
    );
    await answer(
      button,
      () => octx.api.merge(survivor.id, other.id, take),
      async (done) => {
        toast(mergedText(done));
        await onDone(survivor.id, other.id);
      },
    );
  }

  // "Not the same camera": nothing merged, the pair flagged no more.
  async function doDistinct(button) {
    await answer(
      button,
      () => octx.api.notDuplicate(item.id, otherId),
      async () => {
        toast(t('merge.distinctDone'));
        await onDistinct();
      },
    );
  }

  draw();
}
