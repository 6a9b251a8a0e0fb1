"""How many changes per second the pure merge handles (figures printed, nothing asserted).

Run: .venv/bin/python bench/sync_merge_bench.py [changes]

Three mixes: edits that merge cleanly (the common case after a walk), edits that mostly conflict,
each applied to the same stored observation so that every change costs the same, and creates.
Then duplicate scoring. The seed is fixed so that runs compare.
"""

import datetime
import random
import sys
import time

from sync.changes import Author, Change, FieldEdit, Op
from sync.duplicates import possible_duplicates
from sync.merge import apply_change

T0 = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
WALKERS = [Author(n) for n in range(1, 6)]
OPERATORS = ["Mairie", "Police municipale", "SNCF", "RTM", None]
DOME = {
    "position": {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 6},
    "kind": "camera",
    "mount": "pole",
    "direction": [180],
    "surveyed_on": "2026-11-21",
}


def creates(n, rng):
    for i in range(n):
        position = {"lat": 43.29 + rng.random() / 100, "lon": 5.38 + rng.random() / 100}
        fields = {**DOME, "position": {**position, "accuracy_m": 5}}
        yield Change(f"c{i}", f"obs{i}", Op.CREATE, T0, 3, None, fields)


def edits(n, rng, conflicting):
    state = apply_change(None, next(creates(1, rng)), WALKERS[0]).state
    changes = []
    for i in range(n):
        new = rng.choice(OPERATORS)
        old = rng.choice(OPERATORS) if conflicting else None
        made_at = T0 + datetime.timedelta(seconds=rng.randrange(36_000))
        fields = {"operator": FieldEdit(old, new), "zone": FieldEdit(None, "town")}
        changes.append(Change(f"u{i}", state.id, Op.UPDATE, made_at, None, 1, fields))
    return state, changes


def timed(label, state, changes):
    start = time.perf_counter()
    conflicts = 0
    for i, change in enumerate(changes):
        conflicts += len(apply_change(state, change, WALKERS[i % len(WALKERS)]).conflicts)
    seconds = time.perf_counter() - start
    rate = len(changes) / seconds
    print(f"{label:<34} {len(changes):>7} changes {seconds:7.3f} s {rate:>9,.0f}/s", end="")
    print(f"  conflicts {conflicts}")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    rng = random.Random(20261121)
    print(f"python {sys.version.split()[0]}, one core")
    timed("fresh edits (2 fields each)", *edits(n, rng, conflicting=False))
    timed("conflicting edits (2 fields each)", *edits(n, rng, conflicting=True))
    batch = list(creates(n, rng))
    timed("creates", None, batch)
    states = [apply_change(None, c, WALKERS[0]).state for c in batch[:2000]]
    start = time.perf_counter()
    hits = sum(len(possible_duplicates(s, states[:200])) for s in states)
    seconds = time.perf_counter() - start
    print(f"duplicate scoring: {len(states)} new x 200 nearby in {seconds:.3f} s, {hits} hits")


if __name__ == "__main__":
    main()
