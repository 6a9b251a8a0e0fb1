"""Possible duplicates for every new observation of a push, with one spatial query.

Asking the database for each new observation's neighbours cost a query per create (half of
a push's time). Instead the push loads, once, the group's live observations in boxes around
its creates (`geo.observations_in_boxes`), keeps them in a grid of cells at least the duplicate
distance wide, and puts there every state it writes; a create is then scored in Python
(`sync.duplicates.possible_duplicates`) against the 3 x 3 cells around it, which hold every
observation within that distance.
"""

import math
from collections import defaultdict

from server import geo
from server.extensions import db
from server.observations import convert
from server.observations.models import Observation
from sync.changes import ObservationState
from sync.duplicates import DuplicateRules, distance_m, possible_duplicates

# Creates closer than this (in degrees, about 1 km) share a search box: a walk's batch makes
# a few boxes, a batch spread over a region makes many small ones rather than one huge one.
BOX_DEGREES = 0.01


class NearbyIndex:
    def __init__(self, group_id: int, positions: list[dict], rules: DuplicateRules):
        self.rules = rules
        self._cells: dict[tuple[int, int], set[str]] = defaultdict(set)
        self._where: dict[str, tuple[int, int]] = {}
        self._entries: dict[str, tuple[Observation, ObservationState]] = {}
        widest = max((abs(p["lat"]) for p in positions), default=0.0)
        # 2 % wider than the distance, so that rounding never leaves a neighbour two cells off.
        self._dlat = rules.distance_m / geo.METRES_PER_DEGREE * 1.02
        self._dlon = self._dlat / max(math.cos(math.radians(min(widest + 0.01, 89.0))), 0.01)
        if positions:
            self._load(group_id, positions)

    def _load(self, group_id: int, positions: list[dict]) -> None:
        clusters = defaultdict(list)
        for p in positions:
            key = (math.floor(p["lat"] / BOX_DEGREES), math.floor(p["lon"] / BOX_DEGREES))
            clusters[key].append((p["lon"], p["lat"]))
        margin = self.rules.distance_m * 1.1
        boxes = [geo.bbox_of(points, margin) for points in clusters.values()]
        for row in geo.observations_in_boxes(db.session, group_id, boxes):
            if row.uuid not in self._entries:
                state = ObservationState(
                    row.uuid, row.walk_id, row.version, convert.field_values(row)
                )
                self.put(row, state)

    def _cell(self, position: dict) -> tuple[int, int]:
        return (math.floor(position["lat"] / self._dlat), math.floor(position["lon"] / self._dlon))

    def put(self, row: Observation, state: ObservationState) -> None:
        """Hold `state` as the current one of `row` (new, moved, deleted or unchanged)."""
        cell = self._cell(state.fields["position"])
        old = self._where.get(state.id)
        if old is not None:
            self._cells[old].discard(state.id)
        self._cells[cell].add(state.id)
        self._where[state.id] = cell
        self._entries[state.id] = (row, state)

    def duplicates_of(self, new: ObservationState) -> list[tuple[Observation, float]]:
        """The observations that may be the same device as `new`, nearest first, with their
        distance in metres."""
        row, column = self._cell(new.fields["position"])
        near = [
            self._entries[uuid][1]
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for uuid in self._cells.get((row + dr, column + dc), ())
        ]
        found = []
        for uuid in possible_duplicates(new, near, self.rules):
            other, state = self._entries[uuid]
            found.append((other, distance_m(new.fields["position"], state.fields["position"])))
        return found
