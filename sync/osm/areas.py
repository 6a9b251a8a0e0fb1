"""The matching of a whole group, holding only the observations near where the stream is.

`match_observations` weighs an observation against the cameras within its reach alone, nearest
pairs first. Cameras that no observation can reach together never weigh against each other,
so the cameras split into *areas* that can be matched apart with the same outcome: cameras
close enough for one observation to reach both (twice the distance) share an area, and the
cameras within reach of an observation all lie in one.

`AreaMatcher` takes the observations in place order (sync/order.py), as the export reads them,
and settles an area as soon as the stream has gone past the last place an observation within
reach of its cameras could hold (`places_within`): match_observations runs over the area's
cameras and observations, in the order of their keys (the order the whole set would follow
for its ties), and the observations are let go. It files an area's cameras for lookup only
once the stream reaches the first such place. What it holds is the cameras' records, the
lookup of those near the stream, and the observations of the areas still open: not the group.

Links. An observation linked to a camera takes it before any pair, wherever it stands. The
caller names the places of the rows that may link to a camera (`waits`: the link column's) and
the camera's area waits for them too. A link met in a row after its camera's area was settled
(one the approved copy holds but the column no longer does) sets `late`: the caller then runs
the stream again with `linked` = the links found (`links`), and every area is settled knowing
them. Held cameras (`held`) are left out unless some observation is linked to them: a link in
the column that is not approved yet, so that an observation waiting for review never loses its
node to a neighbour.
"""

import heapq
import math
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sync.geodesy import METRES_PER_DEGREE, CellReach, PointGrid, distance_m
from sync.order import LAST_PLACE, places_within
from sync.osm.matching import (
    DEFAULT_DIRECTION_TOLERANCE_DEG,
    DEFAULT_MAX_DISTANCE_M,
    Matching,
    SurveyPoint,
    match_observations,
)
from sync.osm.records import OsmNode

# What settle() is handed: the area's observations as (order, ref, point), sorted, the
# matching (its indices are into those and into the nodes), and the area's nodes.
Settle = Callable[[list[tuple], Matching, list[OsmNode]], None]


@dataclass(slots=True)
class _Area:
    nodes: list[int]  # indices into AreaMatcher.nodes, ascending
    first: int  # the place before which no observation can concern it
    last: int  # the place past which no observation can concern it
    points: list | None  # (order, ref, point) waiting; None once settled
    linked: set[int] | None = None  # node ids observations are linked to
    # Once settled: the node ids a link found now would have changed the outcome for (those
    # matched by distance, the runners-up of ambiguous matches, and held ones left out).
    unsettled_by: tuple[int, ...] = ()
    filed: bool = False  # its cameras are in AreaMatcher._reach


class AreaMatcher:
    """match_observations over observations fed in place order, one area at a time.

    `nodes`: the cameras, in the order their ties follow (the export's: by id). `settle` is
    called once for each area that has observations. Feed with `add`, then call `finish`."""

    def __init__(
        self,
        nodes: Sequence[OsmNode],
        settle: Settle,
        *,
        max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
        direction_tolerance_deg: float = DEFAULT_DIRECTION_TOLERANCE_DEG,
        held: Collection[int] = frozenset(),
        linked: Collection[int] = frozenset(),
        waits: Mapping[int, Iterable[int]] | None = None,
    ):
        self.nodes = nodes
        self.links: set[int] = set()  # the node ids the observations fed are linked to
        self.late = False
        self.holding = 0  # observations waiting for their area to be settled
        self.filed = 0  # cameras filed in the reach lookup (open areas', and some settled)
        self._settle = settle
        self._options = {
            "max_distance_m": max_distance_m,
            "direction_tolerance_deg": direction_tolerance_deg,
        }
        self._held = held
        self._known = frozenset(linked)
        self._place = -1  # the place of the last observation fed
        # The cameras of the areas the stream is in, filed under the cells of their reach:
        # an area's are filed when the stream reaches its first place, and dropped some time
        # after it is settled (_refile). Filing every camera at the start held all their
        # cells at once, a third of the export's heap at 10,000 cameras.
        self._reach = CellReach(max_distance_m, ())
        self._stale = 0  # cameras of settled areas still filed
        self._index_of = {node.id: index for index, node in enumerate(nodes)}
        self._areas, self._area_of_node = self._split()
        for node_id, places in (waits or {}).items():
            index = self._index_of.get(node_id)
            if index is not None:
                area = self._areas[self._area_of_node[index]]
                area.last = max([area.last, *(place for place in places if place is not None)])
        # Last in the list first in the stream: the areas are filed by popping it.
        self._closed = sorted(
            ((area.first, number) for number, area in enumerate(self._areas)), reverse=True
        )
        self._waiting: list[tuple[int, int]] = []  # (last, number) of the areas reached
        self._next = 0  # the first place at which an area is to be filed or settled

    def _split(self) -> tuple[list[_Area], list[int]]:
        """The areas, and the area of each node: cameras close enough for one observation to
        reach both (twice the distance, with float noise to spare) share one."""
        parent = list(range(len(self.nodes)))

        def root(key: int) -> int:
            while parent[key] != key:
                parent[key] = key = parent[parent[key]]
            return key

        apart_m = 2 * self._options["max_distance_m"] * (1 + 1e-9) + 1e-6
        grid = PointGrid(apart_m)
        for index, node in enumerate(self.nodes):
            for other in grid.near(node.lat, node.lon):
                near = self.nodes[other]
                if distance_m(node.lat, node.lon, near.lat, near.lon) <= apart_m:
                    parent[root(other)] = root(index)
            grid.put(index, node.lat, node.lon)
        number_of_root: dict[int, int] = {}
        areas: list[_Area] = []
        area_of_node = []
        for index, node in enumerate(self.nodes):
            number = number_of_root.setdefault(root(index), len(areas))
            if number == len(areas):
                areas.append(_Area([], LAST_PLACE, -1, []))
            area = areas[number]
            area.nodes.append(index)
            first, last = self._places_within_reach(node)
            area.first, area.last = min(area.first, first), max(area.last, last)
            area_of_node.append(number)
        return areas, area_of_node

    def _places_within_reach(self, node: OsmNode) -> tuple[int, int]:
        """The first and last places of a point within reach of `node` (a metre and 1 % to
        spare)."""
        reach_deg = (self._options["max_distance_m"] + 1.0) / METRES_PER_DEGREE
        south, north = node.lat - reach_deg, node.lat + reach_deg
        widest = max(abs(south), abs(north))
        if widest >= 90.0:
            return 0, LAST_PLACE
        # Within a cap of angle a the longitude differs by at most asin(sin a / cos lat).
        reach_lon = reach_deg / math.cos(math.radians(widest)) * 1.01
        return places_within(node.lon - reach_lon, south, node.lon + reach_lon, north)

    def add(self, order, ref: Hashable, point: SurveyPoint, place: int | None = None) -> None:
        """Take one observation: `order` sorts the area's observations for match_observations
        (the export's primary key), `place` is its place cell (sync.order.place_cell). Those
        without a place (kept apart by the caller) come before the others."""
        if place != self._place:
            self._move_to(place, ref)
        if point.osm_node_id is not None:
            self._link(point.osm_node_id)
        if point.gone or point.lat is None or point.lon is None:
            return  # never weighed by distance; a link was all it could give
        # Only the areas the stream has reached are filed: the place bounds say that no
        # camera of an area not filed yet is within reach of this point, nor of one settled.
        area = self._area_at(point.lat, point.lon)
        if area is None:
            return
        if area.points is None:  # the place bound says this cannot happen
            raise RuntimeError(f"observation {ref} comes after the cameras near it were matched")
        area.points.append((order, ref, point))
        self.holding += 1

    def concerns(self, lat: float | None, lon: float | None, place: int | None) -> bool:
        """False only for a point no camera is within reach of: an observation there that is
        not linked needs no add() (it is never matched). Cheaper than add: one lookup.
        `place`: the observation's place cell, as add() would be given it (None before any
        with a place); the stream moves on to it as add() would."""
        if place != self._place:
            self._move_to(place, None)
        return lat is not None and lon is not None and bool(self._reach.near(lat, lon))

    def finish(self) -> None:
        """Settle the areas still open."""
        self._advance(LAST_PLACE + 1)

    def _move_to(self, place: int | None, ref: Hashable | None) -> None:
        """The stream moves on to the `place` of observation `ref`, which must not go back."""
        if place is None:
            if self._place >= 0:
                raise ValueError(f"{_which(ref)} has no place but comes after some that have")
            self._advance(None)
            return
        if place < self._place:
            raise ValueError(f"{_which(ref)} comes out of place order")
        if place < self._next:
            self._place = place  # nothing to file or settle before `_next`
            return
        self._advance(place)

    def _advance(self, place: int | None) -> None:
        """Moves the stream on to `place` (None: observations without one, which may lie
        anywhere): files the cameras of the areas whose first place it has reached, and
        settles those it has gone past."""
        reach = LAST_PLACE if place is None else place
        closed, waiting = self._closed, self._waiting
        while closed and closed[-1][0] <= reach:
            area = self._areas[closed[-1][1]]
            heapq.heappush(waiting, (area.last, closed.pop()[1]))
            if place is not None and area.last < place:
                continue  # passed over whole (no row between): settled below, never filed
            area.filed = True
            self.filed += len(area.nodes)
            for index in area.nodes:
                node = self.nodes[index]
                self._reach.add(index, node.lat, node.lon)
        if place is None:
            return
        self._place = place
        while waiting and waiting[0][0] < place:
            self._settle_area(heapq.heappop(waiting)[1])
        # The first place at which an area is to be filed or settled.
        self._next = min(
            closed[-1][0] if closed else LAST_PLACE + 2,
            waiting[0][0] + 1 if waiting else LAST_PLACE + 2,
        )

    def _refile(self) -> None:
        """Files afresh the cameras of the areas still open, dropping those of the settled
        ones: cheaper than taking each settled camera out of its cells, as few are open at
        once. Until then a settled camera may still be looked up, but never within reach of
        an observation still to come (the place bounds; add() checks it)."""
        open_nodes = (
            (index, self.nodes[index].lat, self.nodes[index].lon)
            for _, number in self._waiting
            if self._areas[number].filed
            for index in self._areas[number].nodes
        )
        self._reach = CellReach(self._options["max_distance_m"], open_nodes)
        self.filed -= self._stale
        self._stale = 0

    def _area_at(self, lat: float, lon: float) -> _Area | None:
        """The area of the cameras within reach of (lat, lon), if any (they all share one)."""
        for index in self._reach.near(lat, lon):
            node = self.nodes[index]
            if distance_m(lat, lon, node.lat, node.lon) <= self._options["max_distance_m"]:
                return self._areas[self._area_of_node[index]]
        return None

    def _link(self, node_id: int) -> None:
        self.links.add(node_id)
        index = self._index_of.get(node_id)
        if index is None:
            return  # not among the cameras: a broken link, or a camera the caller reads later
        area = self._areas[self._area_of_node[index]]
        if area.points is not None:
            if area.linked is None:
                area.linked = set()
            area.linked.add(node_id)
        elif node_id in area.unsettled_by:
            self.late = True

    def _settle_area(self, number: int) -> None:
        area = self._areas[number]
        if area.filed:
            area.filed = False
            self._stale += len(area.nodes)
            if self._stale > _STALE_CAMERAS:
                self._refile()
        points, area.points = area.points, None
        if not points:
            return
        self.holding -= len(points)
        points.sort(key=_first)
        ids = [self.nodes[index].id for index in area.nodes]
        linked = {i for i in ids if i in self._known or i in (area.linked or ())}
        nodes = [
            self.nodes[index]
            for index, node_id in zip(area.nodes, ids, strict=True)
            if node_id not in self._held or node_id in linked
        ]
        matching = match_observations(
            [point for _, _, point in points], nodes, linked_elsewhere=linked, **self._options
        )
        self._settle(points, matching, nodes)
        # A link to a camera nobody took, or a candidate to none, changes nothing here; one
        # to a match's runner-up takes it out of the pairs, and the match is no longer
        # ambiguous (or has another runner-up).
        area.unsettled_by = tuple(
            [nodes[match.node].id for match in matching.matches if not match.linked]
            + [nodes[m.runner_up].id for m in matching.matches if m.runner_up is not None]
            + [i for i in ids if i in self._held and i not in linked]
        )


# Cameras of settled areas left filed before the open ones are filed afresh: about 0.6 MB of
# cells at most, and a few dozen refilings for a city's 10,000 cameras.
_STALE_CAMERAS = 1024


def _which(ref: Hashable | None) -> str:
    return "an observation" if ref is None else f"observation {ref}"


def _first(item: tuple):
    return item[0]
