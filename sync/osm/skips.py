"""Why an observation is left out of an osmChange: one stable code per reason, listed once.

The planner (plan.py), the survey rules (reapply.py) and the tag mapping (tags.py) refuse an
observation by raising a `LeftOut` with a code of SKIPS and the values its sentence names. The
export report, the upload's dry run and the review card carry the code and those values, so
that the app says it in the organiser's language (its dictionary has one sentence per code,
"exp.skip.<code>"); they carry the English sentence too, as `reason`, which the
`camwalk export osc` command prints and other tools read. Codes are never parsed out of the
sentence. A new reason is a new entry here, in docs/contract.md and in the app's dictionary.
"""

from collections.abc import Mapping

# code → the English sentence, filled in from the values the code carries (named in braces).
SKIPS: Mapping[str, str] = {
    "not_approved": "not approved by an organiser",
    "no_position": "no position",
    "future_survey_day": "surveyed on {surveyed}, a day that has not come yet: correct the day",
    "past_survey_day": (
        "surveyed on {surveyed}, before camwalk could be used (2015): correct the day"
    ),
    "node_not_in_data": (
        "OSM node {osm_node_id} is not in the OSM data: deleted since, or outside the area fetched"
    ),
    "node_taken": (
        "OSM node {osm_node_id} is already changed by observation {other_observation}: "
        "merge the duplicates"
    ),
    "nothing_to_change": "OSM node {osm_node_id} already says all this survey says",
    "gone_not_linked": "reported gone, but not linked to a node in the OSM data",
    "gone_vertex": (
        "OSM node {osm_node_id} is a vertex of a way: remove its camera tags in an editor"
    ),
    "gone_vertex_unknown": (
        "not known whether a way uses OSM node {osm_node_id}: fetch the walk's cameras "
        "from Overpass or the OSM API first"
    ),
    # `relations`: the ids of the relations listing the node, comma-separated.
    "gone_member": (
        "relations that list OSM node {osm_node_id}: {relations}; in an editor, take it out of "
        "them, or remove its camera tags"
    ),
    "gone_member_unknown": (
        "not known whether a relation lists OSM node {osm_node_id}: fetch the walk's cameras "
        "from Overpass or the OSM API first"
    ),
    # A new camera where the walk's OSM cameras were not loaded (loaded.py): one already
    # mapped there would be added a second time.
    "osm_not_loaded": (
        "a new camera, but the walk's OSM cameras were never loaded: load them first, or a "
        "camera already in OSM here would be added twice"
    ),
    "outside_loaded_area": (
        "a new camera outside the area whose OSM cameras were loaded: load the walk's OSM "
        "cameras again, or a camera already in OSM here would be added twice"
    ),
    "demo_node": "node {osm_node_id} is a demo camera, not in OpenStreetMap",
    # `checked`: the node's check_date (or survey:date); `surveyed`: the walk's day, before it;
    # `fields`: the keys (or "position") the survey would change.
    "newer_survey": (
        "OSM node {osm_node_id} was surveyed on {checked}, after this survey of {surveyed}: "
        "camwalk does not overwrite the newer values; compare them on the spot or in an editor"
    ),
    "gone_newer_survey": (
        "reported gone on {surveyed}, but OSM node {osm_node_id} was surveyed on {checked}, "
        "after: camwalk does not delete it; check on the spot"
    ),
    "move_vertex": "node {osm_node_id} is a vertex of a way: camwalk will not move it",
    "move_vertex_unknown": "node {osm_node_id} may be a vertex of a way: fetch its ways first",
    # Met only when an upload builds a change again after a version conflict (reapply.py).
    "no_longer_camera": "node {osm_node_id} is no longer tagged man_made=surveillance",
    "now_vertex": "node {osm_node_id} is now a vertex of a way: it cannot be deleted",
    "now_member": (
        "node {osm_node_id} is now a member of relation {relations}: it cannot be deleted"
    ),
    "no_longer_matches": (
        "node {osm_node_id} was found by distance and is now mapped as another kind or facing "
        "elsewhere: check which camera it is"
    ),
    # `fields`: the survey fields (or "tag 'key'") at fault; `problems`: what is wrong, in English.
    "bad_tags": "{problems}",
}


def reason(code: str, values: Mapping) -> str:
    """The English sentence of `code` with `values`."""
    return SKIPS[code].format(**values)


class LeftOut(ValueError):
    """An observation cannot become this OSM change: `code` (one of SKIPS) says why, `values`
    hold what its sentence names (the OSM node, the other observation...)."""

    def __init__(self, code: str, **values):
        self.code = code
        self.values = values
        super().__init__(reason(code, values))
