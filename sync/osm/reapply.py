"""Putting a survey onto an existing OSM node, the first time and again after a 409.

A camera reported gone (`report_gone`) takes only itself out of OSM: a node that maps
something else too (a street lamp, traffic signs) is modified, losing just the camera's keys
(tags.without_camera); a node that is nothing but the camera is deleted. The planner and the
retry after a 409 both call it, on the node as each of them reads it.

A modify carries the node's complete final state at the version camwalk read. If a mapper
edits the node before the upload, the API answers 409; the caller re-fetches the node and
calls `reapply_survey` on the fresh copy: the mapper's edits stay, camwalk's managed tags go
on top (tags.modified_tags), and the fresh version is used for the retry.

A survey older than the node's own (its `check_date` or `survey:date` is after the walk's
day) overwrites nothing and deletes nothing: a mapper saw the node since, so where the walk
says otherwise, or says it is gone, the walk is out of date, and writing it would claim the
mapper's later day for it. Such a survey is left out (`newer_survey`, `gone_newer_survey`)
for the organiser to compare. One that agrees with the node is `nothing_to_change` (check_date
never moves back); one that only adds keys the node lacks is sent, as it contradicts nothing.

Position: camwalk moves a node only when the organiser chose to (`move_to`); otherwise the node
keeps wherever OSM has it now, so a mapper's careful placement beats a phone's GPS fix. A node
that is a vertex of a way is never moved.
"""

from collections.abc import Mapping

from sync.osm.matching import DEFAULT_DIRECTION_TOLERANCE_DEG, compatible, survey_point
from sync.osm.parse import is_mapped_camera
from sync.osm.records import Delete, Modify, OsmNode, is_demo_node
from sync.osm.skips import LeftOut
from sync.osm.tags import modified_tags, surveyed_after, without_camera

Position = tuple[float, float]


class SurveyRefused(LeftOut):
    """The survey cannot be put onto this node without a person looking at it."""


class NothingToChange(SurveyRefused):
    """The node already says all the survey says: an edit would only make a new version."""


def check_real(node: OsmNode) -> None:
    """Refuses a demo camera: it is not in OSM, and its id must never reach OSM's API."""
    if is_demo_node(node.id):
        raise SurveyRefused("demo_node", osm_node_id=node.id)


def apply_survey(
    node: OsmNode, observation: Mapping, *, move_to: Position | None = None
) -> Modify:
    """The modify that records `observation` on `node`; raises TagError or SurveyRefused
    (NothingToChange when it would change nothing but formatting: OSM asks not to)."""
    check_real(node)
    lat, lon = _position(node, move_to)
    tags = modified_tags(node.tags, observation)
    moved = (lat, lon) != (node.lat, node.lon)
    checked = surveyed_after(node.tags, observation)
    if checked is not None and "check_date" not in node.tags:
        del tags["check_date"]  # beside the node's later survey:date it would tell nothing
    if tags == dict(node.tags) and not moved:
        raise NothingToChange("nothing_to_change", osm_node_id=node.id)
    if checked is not None:
        # What the node says stands; what it does not say yet may be added.
        overwritten = sorted(key for key in node.tags if tags[key] != node.tags[key])
        overwritten += ["position"] if moved else []
        if overwritten:
            raise SurveyRefused(
                "newer_survey", **_days(node, observation, checked), fields=overwritten
            )
    return Modify(node.id, node.version, lat, lon, tags, ref=observation.get("id"))


def _days(node: OsmNode, observation: Mapping, checked: str) -> dict:
    """The values a refusal for a newer survey names: the node, its day, the survey's."""
    surveyed = observation["surveyed_on"]
    surveyed = surveyed if isinstance(surveyed, str) else surveyed.isoformat()
    return {"osm_node_id": node.id, "checked": checked, "surveyed": surveyed}


def reapply_survey(
    current: OsmNode, observation: Mapping, *, move_to: Position | None = None
) -> Modify:
    """The retry after a version conflict, built on the node as OSM has it now."""
    if not is_mapped_camera(current.tags):
        # Someone re-tagged it meanwhile; putting man_made=surveillance back would undo them.
        # (One marked out of use is still the device a person linked, and stays out of use.)
        raise SurveyRefused("no_longer_camera", osm_node_id=current.id)
    if observation.get("osm_node_id") is None and not compatible(
        survey_point(observation), current.tags, DEFAULT_DIRECTION_TOLERANCE_DEG
    ):
        # Found by distance on the node as camwalk read it; a mapper has since made it another
        # kind (a plate reader) or turned it. Distance would not pair them now, and writing
        # the survey would rewrite the mapper's `surveillance:type` or direction on a guess.
        raise SurveyRefused("no_longer_matches", osm_node_id=current.id)
    return apply_survey(current, observation, move_to=move_to)


def report_gone(node: OsmNode, observation: Mapping) -> Delete | Modify:
    """What a camera reported gone does to `node`, a camera no way uses: its delete, or, if
    the node is something else too, the modify that removes the camera's keys alone."""
    check_real(node)
    checked = surveyed_after(node.tags, observation)
    if checked is not None:
        raise SurveyRefused("gone_newer_survey", **_days(node, observation, checked))
    kept = without_camera(node.tags)
    ref = observation.get("id")
    if kept is None:
        return Delete(node.id, node.version, ref=ref)
    removed = tuple(sorted(node.tags.keys() - kept.keys()))
    return Modify(node.id, node.version, node.lat, node.lon, kept, ref=ref, removed=removed)


def refresh_gone(current: OsmNode, observation: Mapping) -> Delete | Modify:
    """The retry of a gone report after a version conflict, on the node as OSM has it now, its
    ways and relations read (a mapper may have put a street lamp on it meanwhile, or listed it
    in a relation)."""
    check_real(current)
    if current.part_of_way is not False:
        raise SurveyRefused("now_vertex", osm_node_id=current.id)
    if current.relations:
        relations = ", ".join(str(relation) for relation in current.relations)
        raise SurveyRefused("now_member", osm_node_id=current.id, relations=relations)
    if not is_mapped_camera(current.tags):
        raise SurveyRefused("no_longer_camera", osm_node_id=current.id)
    return report_gone(current, observation)


def _position(node: OsmNode, move_to: Position | None) -> Position:
    if move_to is None or _same_place(move_to, (node.lat, node.lon)):
        return node.lat, node.lon
    if node.part_of_way:
        raise SurveyRefused("move_vertex", osm_node_id=node.id)
    if node.part_of_way is None:
        raise SurveyRefused("move_vertex_unknown", osm_node_id=node.id)
    return move_to


def _same_place(a: Position, b: Position) -> bool:
    # Compared at OSM's own precision: what the file would say, not float noise.
    return all(round(x, 7) == round(y, 7) for x, y in zip(a, b, strict=True))
