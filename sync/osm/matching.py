"""Which surveyed observations are cameras OSM already has: a match becomes a modify.

An observation matches the nearest compatible OSM camera node within `max_distance_m`
(default 10 m, about what a phone's GPS gets wrong in a street). Compatible means: the kinds
agree (a `camera` also matches a node with no `surveillance:type`, the usual old tagging; a
mapper's `Camera` or `camera ` is read as `camera`, and a node naming several kinds,
`camera;ALPR`, agrees with none: `mapped_kinds`), and, when both sides have a direction,
some pair of their directions differs by at most the tolerance. Each node is matched at most
once, nearest pairs first over the whole set, so the order in which observations were stored
never decides which camera a survey lands on.

Observations linked to a node (a walker's "still there", an organiser's choice on the review
card, or an earlier upload) keep that node and are never moved to another by distance, even
when another camera is nearer; one reported gone is never matched by distance either (camwalk
deletes only a node somebody pointed at); and one an organiser marked "new camera" (`osm_new`)
is never matched at all: it becomes a create even with an OSM camera next to it. A walker who
answered "it is another one" to the "already in OSM?" banner named the node she says it is
not (`osm_not_node_id`): distance never pairs the observation with that node (the others
within reach stay open to it), and the node stays among its candidates, for an organiser
who knows better.

A match by distance across a disagreeing camera type or mount (a fixed camera on a wall 4 m
from a mapped dome on a pole) is still made: walkers misjudge a dome, and refusing would map
the camera twice. `Match.disagreeing` names the keys, so the organiser checks before uploading.

A camera a mapper marked as no longer in use (`disused:man_made=surveillance`, or
`disused=yes` beside `man_made=surveillance`: sync.osm.tags.out_of_use) is never matched by
distance: a camera logged beside it may be that device found again, or a new one put up in
its place (a dead camera is often replaced on the same pole), and only a person can tell.
`Matching.out_of_use` lists such nodes within the distance, directions agreeing, for every
observation not reported gone: the review card offers them, and the export names each
observation it creates beside one (`disused_nearby`). A person who links a survey to such a
node keeps its lifecycle tags (sync.osm.tags.modified_tags): a walker sees a device, not
whether it works.

A match is *ambiguous* when another compatible node lies within the distance and at most
`AMBIGUITY_MARGIN_M` farther than the chosen one: GPS cannot tell such cameras apart, so the
organiser is shown both and may choose (the review screen, the dry run, the export report).

This is the matcher the server's export and upload run (server/exports/osc.py); distances and
the candidate grid come from sync/geodesy.py. `Matching.candidates` lists, for every
observation not reported gone, the compatible cameras within the distance: what the review card
offers an organiser who disagrees. `Matching.other_kinds` lists the devices within the distance
that film but are mapped as another kind (a plate reader beside a node tagged as a camera, or
the other way round, or one tagged `camera;ALPR`; a node without `surveillance:type` counts
as a camera), directions agreeing: the mapper may have tagged it wrong, so a person may choose
it, but distance never matches across kinds (it would rewrite a mapper's `surveillance:type`
on a guess). A `surveillance:type` camwalk does not know (`CCTV`, `ANPR`, `dome`) is such
another kind: it may well be a camera, or a plate reader, but the modify would replace the
mapper's value with the survey's, so distance never decides it; the card offers it.
"""

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sync.fields import FILMING_KINDS, KINDS
from sync.geodesy import METRES_PER_DEGREE, CellReach, angle_gap_deg, distance_m
from sync.osm.direction import node_direction
from sync.osm.records import OsmNode
from sync.osm.tags import camera_fields, names_value, out_of_use

DEFAULT_MAX_DISTANCE_M = 10.0
DEFAULT_DIRECTION_TOLERANCE_DEG = 45.0  # a phone compass in a street is often 20-30° off
# Two candidate cameras whose distances differ by less than this are "nearly equidistant":
# a phone's fix is rarely better than a few metres, so 1 m is well inside its noise.
AMBIGUITY_MARGIN_M = 1.0
# A new camera this close to a compatible one another survey has is "right beside it": the same
# camera logged twice, or a second one on that pole, for a person to check (the export's
# `taken_nearby`). Mappers put distinct cameras this close (Helsinki: 26 pairs under 5 m), and
# two walkers under one camera are rarely farther apart; farther, the review's duplicate pairs
# (8 m) have shown the two logs already. Measured: at the matching distance, a tenth of the
# export's time went to naming a quarter of the benchmark's uniformly scattered new cameras.
BESIDE_M = 5.0


@dataclass(frozen=True, slots=True)
class SurveyPoint:
    """What matching needs of one observation."""

    lat: float
    lon: float
    kind: str | None = "camera"
    direction: Sequence[int] | None = None
    osm_node_id: int | None = None
    gone: bool = False
    new: bool = False  # an organiser said: no OSM node is this device
    not_node: int | None = None  # a walker said: this OSM node is not this device
    camera_type: str | None = None
    mount: str | None = None


def survey_point(observation: Mapping) -> SurveyPoint:
    """A SurveyPoint from an observation in contract field names."""
    position = observation["position"]
    return SurveyPoint(
        lat=position["lat"],
        lon=position["lon"],
        kind=observation.get("kind"),
        direction=observation.get("direction"),
        osm_node_id=observation.get("osm_node_id"),
        gone=observation.get("presence") == "gone",
        new=bool(observation.get("osm_new")),
        not_node=observation.get("osm_not_node_id"),
        camera_type=observation.get("camera_type"),
        mount=observation.get("mount"),
    )


@dataclass(frozen=True, slots=True)
class Match:
    """Observation `observation` confirms node `node` (indices into the inputs).

    `runner_up` is another compatible node nearly as close (see AMBIGUITY_MARGIN_M), or None.
    `disagreeing`: for a match by distance, the OSM keys on which the survey and the node
    say different things (`disagreements`), as (key, surveyed value, node's value).
    """

    observation: int
    node: int
    distance_m: float
    linked: bool = False
    runner_up: int | None = None
    runner_up_distance_m: float | None = None
    disagreeing: tuple[tuple[str, str, str], ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.runner_up is not None


@dataclass
class Matching:
    """Matches, observations to create, and links to nodes absent from the data or taken twice.

    `candidates`: observation index → the compatible nodes within the distance, nearest first,
    whether or not another observation took them (for a person to choose from). `other_kinds`:
    the same for the filming nodes of another kind (module docstring), and `out_of_use` for
    the cameras marked as no longer in use, only for observations that have some."""

    matches: list[Match] = field(default_factory=list)
    unmatched: list[int] = field(default_factory=list)
    broken_links: list[int] = field(default_factory=list)
    candidates: dict[int, list[Match]] = field(default_factory=dict)
    other_kinds: dict[int, list[Match]] = field(default_factory=dict)
    out_of_use: dict[int, list[Match]] = field(default_factory=dict)

    def node_of(self) -> dict[int, int]:
        """Observation index → node index, for every match."""
        return {match.observation: match.node for match in self.matches}


def compatible(point: SurveyPoint, node_tags: Mapping[str, str], tolerance_deg: float) -> bool:
    """Whether the observation could be this node, distance aside."""
    return _compatible(point, *_described(node_tags), tolerance_deg)


def _described(node_tags: Mapping[str, str]) -> tuple:
    """What compatible() reads of a node: its kinds, its directions, and whether it is marked
    out of use. Read once per node by the matcher, which compares a camera with every
    observation around it."""
    return mapped_kinds(node_tags), node_direction(node_tags), bool(out_of_use(node_tags))


_KIND_SPELLINGS = {kind.casefold(): kind for kind in KINDS}


def mapped_kinds(node_tags: Mapping[str, str]) -> tuple[str, ...]:
    """The kinds a node's `surveillance:type` names, as camwalk spells them: `camera` for none
    (the usual old tagging); mappers' `Camera` or `camera ` is a camera all the same, and
    `camera;ALPR` names two. A value camwalk does not know is kept as it is, and agrees with
    no survey."""
    value = node_tags.get("surveillance:type")
    if not value or not value.strip():
        return ("camera",)
    kinds = (
        _KIND_SPELLINGS.get(part.strip().casefold(), part.strip()) for part in value.split(";")
    )
    return tuple(dict.fromkeys(kind for kind in kinds if kind))


def _compatible(point: SurveyPoint, node_kinds, node_directions, idle, tolerance_deg) -> bool:
    if idle:
        return False  # out of use: offered (`Matching.out_of_use`), never matched by distance
    # A node that names several kinds is no match for either: rewriting its
    # `surveillance:type` to the survey's one kind would drop the other on a guess.
    if node_kinds != (point.kind or "camera",):  # the contract's default kind
        return False
    return _directions_agree(point, node_directions, tolerance_deg)


def _directions_agree(point: SurveyPoint, node_directions, tolerance_deg: float) -> bool:
    if not point.direction or not node_directions:
        return True
    return any(
        angle_gap_deg(a, b) <= tolerance_deg for a in point.direction for b in node_directions
    )


def _another_filming_kind(point: SurveyPoint, node_kinds, node_directions, idle, tolerance_deg):
    """Whether a node that is not compatible() may film too, under another kind, under several
    (`camera;ALPR`) or under one camwalk does not know (`CCTV`), with directions that agree:
    a candidate of `Matching.other_kinds`."""
    return (
        not idle
        and node_kinds != (point.kind or "camera",)
        and (point.kind or "camera") in FILMING_KINDS
        and any(kind in FILMING_KINDS or kind not in KINDS for kind in node_kinds)
        and _directions_agree(point, node_directions, tolerance_deg)
    )


def disagreements(point: SurveyPoint, node_tags: Mapping[str, str]) -> tuple:
    """(key, surveyed value, node's value) for each of the camera's own keys that the survey
    writes (sync.osm.tags.camera_fields: what a walker sees of the device itself; kind and
    direction already keep a match off) and both sides fill, where the survey's value is none
    of the node's (sync.osm.tags.names_value: `wall;pole` and `Wall` hold `wall`). A guard's
    or a gunshot detector's survey writes no `camera:*` key, so it says nothing against one."""
    found = []
    for name, key in camera_fields(point.kind):
        surveyed, mapped = getattr(point, name), node_tags.get(key)
        if surveyed is None or not mapped:
            continue
        if not names_value(mapped, surveyed):
            found.append((key, surveyed, mapped))
    return tuple(found)


def match_observations(
    points: Sequence[SurveyPoint],
    nodes: Sequence[OsmNode],
    *,
    max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
    direction_tolerance_deg: float = DEFAULT_DIRECTION_TOLERANCE_DEG,
    linked_elsewhere: Container[int] = frozenset(),
) -> Matching:
    """Links first, then nearest compatible pairs; every node and observation used once.
    `linked_elsewhere`: ids of nodes that observations not given here are linked to (see
    sync/osm/areas.py): taken as links take theirs, and still candidates."""
    result = Matching()
    result.candidates, result.other_kinds, result.out_of_use = _candidates(
        points, nodes, max_distance_m, direction_tolerance_deg
    )
    taken = _follow_links(points, nodes, result)
    if linked_elsewhere:
        taken.update(index for index, node in enumerate(nodes) if node.id in linked_elsewhere)
    pairs = [
        pair
        for index, near in result.candidates.items()
        if near and by_distance(points[index])
        for pair in near
        if pair.node not in taken and nodes[pair.node].id != points[index].not_node
    ]
    _take_nearest_first(pairs, points, taken, result)
    if result.matches:
        result.matches = [_with_disagreements(m, points, nodes) for m in result.matches]
    return result


def by_distance(point: SurveyPoint) -> bool:
    """Whether distance may decide this observation's node: not when it is linked already,
    reported gone, or marked "new camera" by an organiser. (The node a walker said it is
    not is left out of its pairs in match_observations.)"""
    return point.osm_node_id is None and not point.gone and not point.new


def _with_disagreements(match: Match, points, nodes) -> Match:
    if match.linked:
        return match  # somebody named the node: their word, not distance, decided it
    point = points[match.observation]
    if point.camera_type is None and point.mount is None:
        return match  # most surveys: nothing to compare
    found = disagreements(point, nodes[match.node].tags)
    return replace(match, disagreeing=found) if found else match


def _by_distance_then_node(pair: Match) -> tuple:
    return pair.distance_m, pair.node


# Up to this many cameras, each observation is compared with all of them.
_FEW_NODES = 8


def _candidates(points, nodes, max_distance_m, tolerance_deg) -> tuple[dict, dict, dict]:
    """Observation index → its compatible nodes within the distance, nearest first, for every
    observation not reported gone; and the same for the filming nodes of another kind, and
    for the cameras marked out of use (directions agreeing), for those that have some.

    The cameras are filed under the cells within their reach (CellReach), so that each
    observation costs one lookup of its own cell: with 100,000 observations and 10,000
    cameras most have no camera in reach, and a grid search each was most of the time."""
    looking = [index for index, point in enumerate(points) if not point.gone]
    found: dict[int, list[Match]] = {index: [] for index in looking}
    # The cells offer points up to a cell beyond the reach; one farther north or south than
    # the reach is out whatever its longitude (a great circle is never shorter than the
    # meridian arc between two latitudes), and skipping it spares the haversine. The margin
    # keeps float rounding from skipping a pair the haversine would keep.
    max_dlat = max_distance_m / METRES_PER_DEGREE * (1 + 1e-9)
    if len(nodes) <= _FEW_NODES:  # an export's area: filing them would cost more than it saves
        every = tuple(range(len(nodes)))

        def near(lat: float, lon: float) -> tuple[int, ...]:
            return every

    else:
        near = CellReach(
            max_distance_m, ((i, node.lat, node.lon) for i, node in enumerate(nodes))
        ).near
    described: dict[int, tuple] = {}  # node index → what compatible() reads of its tags
    other_kinds: dict[int, list[Match]] = {}
    idle: dict[int, list[Match]] = {}
    for index in looking:
        point = points[index]
        for node_index in near(point.lat, point.lon):
            node = nodes[node_index]
            if abs(node.lat - point.lat) > max_dlat:
                continue
            distance = distance_m(point.lat, point.lon, node.lat, node.lon)
            if distance > max_distance_m:
                continue
            if node_index not in described:
                described[node_index] = _described(node.tags)
            seen = described[node_index]
            if _compatible(point, *seen, tolerance_deg):
                found[index].append(Match(index, node_index, distance))
            elif _another_filming_kind(point, *seen, tolerance_deg):
                other_kinds.setdefault(index, []).append(Match(index, node_index, distance))
            elif seen[2] and _directions_agree(point, seen[1], tolerance_deg):
                idle.setdefault(index, []).append(Match(index, node_index, distance))
    for near in found.values():
        if len(near) > 1:
            near.sort(key=_by_distance_then_node)
    for near in (*other_kinds.values(), *idle.values()):
        near.sort(key=_by_distance_then_node)
    return found, other_kinds, idle


def _follow_links(points: Sequence[SurveyPoint], nodes: Sequence[OsmNode], result) -> set[int]:
    index_of = {node.id: index for index, node in enumerate(nodes)}
    taken: set[int] = set()
    for index, point in enumerate(points):
        if point.osm_node_id is None:
            continue
        node_index = index_of.get(point.osm_node_id)
        if node_index is None or node_index in taken:
            result.broken_links.append(index)
            continue
        node = nodes[node_index]
        distance = distance_m(point.lat, point.lon, node.lat, node.lon)
        result.matches.append(Match(index, node_index, distance, linked=True))
        taken.add(node_index)
    return taken


def _take_nearest_first(pairs: list[Match], points, taken: set[int], result: Matching) -> None:
    # Indices break distance ties so that the outcome never depends on iteration order.
    pairs.sort(key=lambda pair: (pair.distance_m, pair.observation, pair.node))
    candidates: dict[int, list[Match]] = {}
    for pair in pairs:
        candidates.setdefault(pair.observation, []).append(pair)
    matched: set[int] = set()
    for pair in pairs:
        if pair.observation not in matched and pair.node not in taken:
            result.matches.append(_with_runner_up(pair, candidates[pair.observation]))
            matched.add(pair.observation)
            taken.add(pair.node)
    result.unmatched = [
        index
        for index, point in enumerate(points)
        if point.osm_node_id is None and index not in matched
    ]


def _with_runner_up(chosen: Match, candidates: list[Match]) -> Match:
    """`chosen` with the other candidate of its observation whose distance is nearest to the
    chosen one's, when that gap is within the margin (taken or not: either way GPS could not
    tell the two cameras apart)."""
    others = [c for c in candidates if c.node != chosen.node]
    if not others:
        return chosen
    other = min(others, key=lambda c: (abs(c.distance_m - chosen.distance_m), c.node))
    if abs(other.distance_m - chosen.distance_m) > AMBIGUITY_MARGIN_M:
        return chosen
    return Match(
        chosen.observation,
        chosen.node,
        chosen.distance_m,
        runner_up=other.node,
        runner_up_distance_m=other.distance_m,
    )
