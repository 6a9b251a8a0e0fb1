// Reads of the phone's store asked one after another may answer out of
// order: IndexedDB runs them side by side, and one that reads every photo of
// the phone can finish after a smaller one asked later. A screen that draws
// each answer as it comes would then go back to an older state of the store:
// a camera just deleted drawn again, and tappable, until the next redraw
// (offline, none may come for a long while).
//
// `readTurns()` gives each read a turn when it is asked: `const use = turn()`
// before the read, `use(() => draw(answer))` after it. An answer is used only
// if no answer of a later turn was used before it; the function says whether
// it was.
export function readTurns() {
  let asked = 0;
  let used = 0;
  return function turn() {
    const mine = ++asked;
    return function use(draw) {
      if (mine < used) return false;
      used = mine;
      draw();
      return true;
    };
  };
}
