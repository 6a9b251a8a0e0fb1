"""From reviewed observations to osmChange actions, with a reason for every one left out.

Per observation: not approved → left out (a person confirms every camera before upload);
reported gone → delete of its node, or only of the camera's tags if the node is something else
too (reapply.report_gone), unless a way or a relation uses the node (left to an editor);
linked or matched to a node → modify; otherwise → create.
`plan_actions` is a generator over any iterable of observations (a database cursor will do)
and feeds the osmChange writer directly; what it leaves out goes to the `skipped` list the
caller hands in, for the export report, each with its code (sync/osm/skips.py). Read that
list once the generator is exhausted.
"""

import functools
from collections.abc import Container, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from sync.fields import survey_day_bound
from sync.osm.reapply import NothingToChange, apply_survey, check_real, report_gone
from sync.osm.records import Action, Create, Delete, Modify, OsmNode
from sync.osm.skips import LeftOut, reason
from sync.osm.tags import contradicted, out_of_use, survey_tags


class NotExported(LeftOut):
    """This observation does not become an OSM change; its code says why."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An observation left out: `code` (sync/osm/skips.py) and the values its sentence names."""

    ref: Hashable
    code: str
    values: Mapping = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return reason(self.code, self.values)

    def as_dict(self) -> dict:
        """The item of the export report and of the upload's `skipped` (docs/contract.md)."""
        return {"observation": self.ref, "code": self.code, "reason": self.reason, **self.values}


def camera_removed(action: Modify) -> dict:
    """The export report's warning for a gone camera whose node stays, being something else
    too (`action.removed` non-empty): the organiser sees what was taken off and what stays."""
    keys = ", ".join(action.removed)
    return {
        "observation": action.ref,
        "warning": "camera_removed",
        "osm_node_id": action.id,
        "removed": list(action.removed),
        "reason": f"OSM node {action.id} maps something else too: it stays, without the "
        f"camera's tags ({keys})",
    }


def kept_out_of_use(action: Action) -> dict | None:
    """The export report's warning for a survey a person linked to a camera its node marks as
    no longer in use (tags.out_of_use): the modify keeps the lifecycle tag, since the walker
    saw the device and not whether it works, and the organiser is told so. None otherwise."""
    if not isinstance(action, Modify) or action.removed:
        return None
    keys = out_of_use(action.tags)
    if not keys:
        return None
    return {
        "observation": action.ref,
        "warning": "disused_node",
        "osm_node_id": action.id,
        "keys": list(keys),
        "reason": f"OSM node {action.id} is mapped as no longer in use "
        f"({', '.join(keys)}): the survey says the camera is there, not whether it works; "
        "the file keeps that tag: check it on the spot or in an editor",
    }


def contradicting(action: Action, node: OsmNode | None) -> dict | None:
    """The export report's warning for a survey's modify that keeps a mapper's tag its own
    value denies (tags.contradicted: `revolving=yes` beside the survey's `camera:type=fixed`):
    the node would contradict itself, and only a person can say which is right. None
    otherwise, and for a change that is no survey's (a gone camera's, `removed`)."""
    if node is None or not isinstance(action, Modify) or action.removed:
        return None
    found = contradicted(node.tags, action.tags)
    if not found:
        return None
    kept = ", ".join(f"{key}={value}" for key, value, _, _ in found)
    written = ", ".join(f"{key}={value}" for _, _, key, value in found)
    return {
        "observation": action.ref,
        "warning": "contradicted_tag",
        "osm_node_id": action.id,
        "kept": {key: value for key, value, _, _ in found},
        "surveyed": {key: value for _, _, key, value in found},
        "reason": f"OSM node {action.id} keeps the mapper's {kept}, which the survey's "
        f"{written} contradicts: camwalk writes its own key and removes no tag; check which "
        "is right on the spot or in an editor",
    }


def plan_actions(
    observations: Iterable[Mapping],
    nodes_by_id: Mapping[int, OsmNode],
    skipped: list[Skipped],
    *,
    matched: Mapping[Hashable, int] | None = None,
    moved: Container[Hashable] = frozenset(),
    today: date | None = None,
) -> Iterator[Action]:
    """Actions for `observations`; `matched` maps observation id to a node found by distance,
    `moved` holds ids of observations whose organiser moved the pin onto the right spot;
    `today`, the date of the export, refuses survey days that have not come yet."""
    matched = matched or {}
    changed_nodes: dict[int, Hashable] = {}
    for observation in observations:
        ref = observation.get("id")
        node_id = node_id_of(observation, matched)
        try:
            _check_once(node_id, ref, changed_nodes)
            action = plan_action(
                observation, nodes_by_id.get(node_id), move=ref in moved, today=today
            )
        except LeftOut as left:  # NotExported, TagError, SurveyRefused
            skipped.append(Skipped(ref, left.code, left.values))
            continue
        if node_id is not None:
            changed_nodes[node_id] = ref
        yield action


def node_id_of(observation: Mapping, matched: Mapping[Hashable, int]) -> int | None:
    """The OSM node an observation changes: its link, else the one matching found for it."""
    return observation.get("osm_node_id") or matched.get(observation.get("id"))


def _check_once(node_id: int | None, ref: Hashable, changed_nodes: Mapping[int, Hashable]):
    # A second change of one node in one upload would fail on the version it carries.
    if node_id in changed_nodes:
        raise NotExported(
            "node_taken", osm_node_id=node_id, other_observation=changed_nodes[node_id]
        )


def plan_action(
    observation: Mapping, node: OsmNode | None, *, move: bool = False, today: date | None = None
) -> Action:
    """The one action for one observation, `node` being the OSM node it is linked/matched to."""
    if observation.get("review_status") != "approved":
        raise NotExported("not_approved")
    day = observation.get("surveyed_on")
    crossed = None if day is None else _day_bound(day, today)
    if crossed == "future":
        # Stored before the sync refused such days, or set another way: as check_date it
        # would stay in OSM, since camwalk never moves check_date back.
        raise NotExported("future_survey_day", surveyed=str(day))
    if crossed == "past":
        # As stored before the sync refused such days (past_day), a photo draft among them: as
        # check_date it would tell mappers the camera was last seen decades ago.
        raise NotExported("past_survey_day", surveyed=str(day))
    if observation.get("presence", "present") == "gone":
        return _gone(observation, node)
    if node is not None:
        return _modify(observation, node, move)
    if observation.get("osm_node_id") is not None:
        raise NotExported("node_not_in_data", osm_node_id=observation["osm_node_id"])
    lat, lon = _position(observation)
    return Create(lat, lon, survey_tags(observation), ref=observation.get("id"))


def _day_bound(day, today: date | None) -> str | None:
    """survey_day_bound(day, today), remembered for a day as text, which a copy holds: a
    survey spans a few hundred days, and reading each of an export's 100,000 again cost
    0.05 s of CPU (bench/osm_server_export_bench.py)."""
    return _text_day_bound(day, today) if type(day) is str else survey_day_bound(day, today)


# Bounded, so memory stays flat: a walk's days, and a few exports' `today`.
_text_day_bound = functools.lru_cache(maxsize=4096)(survey_day_bound)


def _modify(observation: Mapping, node: OsmNode, move: bool) -> Modify:
    try:
        return apply_survey(node, observation, move_to=_position(observation) if move else None)
    except NothingToChange as same:
        # The rule lives in apply_survey, so that the 409 retry keeps it too.
        raise NotExported(same.code, **same.values) from same


def _gone(observation: Mapping, node: OsmNode | None) -> Delete | Modify:
    if node is None:
        if observation.get("osm_node_id") is not None:
            # Linked to a node the data lacks: deleted already (by camwalk's own upload, or a
            # mapper), or outside the area loaded. "Not linked" said it of every camera an
            # upload had just deleted, at each export after it.
            raise NotExported("node_not_in_data", osm_node_id=observation["osm_node_id"])
        raise NotExported("gone_not_linked")
    check_real(node)
    if node.part_of_way:
        raise NotExported("gone_vertex", osm_node_id=node.id)
    if node.part_of_way is None:
        raise NotExported("gone_vertex_unknown", osm_node_id=node.id)
    # A relation's member, deleted, leaves the relation pointing at nothing (OSM refuses it:
    # 412, or keeps it under if-unused); what the relation becomes is an editor's call.
    if node.relations:
        relations = ", ".join(str(relation) for relation in node.relations)
        raise NotExported("gone_member", osm_node_id=node.id, relations=relations)
    if node.relations is None:
        raise NotExported("gone_member_unknown", osm_node_id=node.id)
    return report_gone(node, observation)


def _position(observation: Mapping) -> tuple[float, float]:
    position = observation.get("position") or {}
    if position.get("lat") is None or position.get("lon") is None:
        raise NotExported("no_position")
    return position["lat"], position["lon"]
