"""Possible duplicates in what leaves the group: the public map, the walk summary, the signage
file, the GeoJSON and CSV exports (server/exports/tables.py).

A duplicate hint is a guess made when a camera is logged (sync/duplicates.py: close, a
compatible kind, bearings alike), not a finding: two cameras side by side on one pole are
flagged as surely as one camera logged by two walkers. Until an organiser merges the pair
(one device) or says they are two ("not the same camera": the pair is flagged no more,
`DuplicateHint.flagged`), nobody knows which it is. Counting such a pair once would lose a
camera whenever they are two; so every figure counts both, marks each (`possible_duplicate`)
and says how many pairs it holds (`open_duplicate_pairs`): N cameras with P such pairs are at
least N - P devices and at most N, which a reader can quote rather than a number that may hold
one device twice (docs/contract.md).
"""

from collections.abc import Iterable

import sqlalchemy as sa

from server.extensions import db
from server.observations.models import DuplicateHint, Observation
from server.sql import among, in_batches


def open_duplicate_pairs(rows: Iterable[Observation]) -> list[tuple[int, int]]:
    """The flagged duplicate hints (the organisers' duplicates list: neither merged nor
    dismissed) between two of `rows`, as pairs of observation ids."""
    return open_pairs_among({row.id for row in rows})


def open_pairs_among(ids: set[int]) -> list[tuple[int, int]]:
    """`open_duplicate_pairs` of the observations `ids` names: for a caller that holds their
    ids only (a table export, which reads its rows a batch at a time)."""
    pairs = []
    for batch in in_batches(ids):  # a large commune's or campaign's cameras, by batches
        query = sa.select(DuplicateHint.observation_a_id, DuplicateHint.observation_b_id).where(
            among(DuplicateHint.observation_a_id, batch), DuplicateHint.flagged()
        )
        pairs.extend((a, b) for a, b in db.session.execute(query) if b in ids)
    return pairs


def among_them(pairs: Iterable[tuple[int, int]], ids: set[int]) -> list[tuple[int, int]]:
    """The pairs of which both sides are among `ids`."""
    return [(a, b) for a, b in pairs if a in ids and b in ids]


def flagged(pairs: Iterable[tuple[int, int]]) -> set[int]:
    """The observation ids on either side of `pairs`."""
    return {side for pair in pairs for side in pair}
