"""Possible duplicates for every new observation of a push, with one spatial query.

Asking the database for each new observation's neighbours cost a query per create (half of
a push's time). Instead the push loads, once, the group's live observations in boxes around
its creates (`geo.observations_in_boxes`), keeps them in a `sync.geodesy.PointGrid` whose cells
are at least the duplicate distance wide, and puts there every state it writes; a create is then
scored in Python (`sync.duplicates.possible_duplicates`) against the cells around it, which
hold every observation within that distance.
"""

import math
from collections import defaultdict

from server import geo
from server.extensions import db
from server.observations import convert
from server.observations.models import Observation
from sync.changes import ObservationState
from sync.duplicates import DuplicateRules, distance_m, possible_duplicates
from sync.geodesy import PointGrid

# Creates closer than this (in degrees, about 1 km) share a search box: a walk's batch makes
# a few boxes, a batch spread over a region makes many small ones rather than one huge one.
BOX_DEGREES = 0.01


class NearbyIndex:
    def __init__(self, group_id: int, positions: list[dict], rules: DuplicateRules):
        self.rules = rules
        self._grid = PointGrid(rules.distance_m)
        self._entries: dict[str, tuple[Observation, ObservationState]] = {}
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

    def put(self, row: Observation, state: ObservationState) -> None:
        """Hold `state` as the current one of `row` (new, moved, deleted or unchanged)."""
        position = state.fields["position"]
        self._grid.put(state.id, position["lat"], position["lon"])
        self._entries[state.id] = (row, state)

    def duplicates_of(self, new: ObservationState) -> list[tuple[Observation, float]]:
        """The observations that may be the same device as `new`, nearest first, with their
        distance in metres."""
        position = new.fields["position"]
        near = [
            self._entries[uuid][1] for uuid in self._grid.near(position["lat"], position["lon"])
        ]
        found = []
        for uuid in possible_duplicates(new, near, self.rules):
            other, state = self._entries[uuid]
            found.append((other, distance_m(position, state.fields["position"])))
        return found
