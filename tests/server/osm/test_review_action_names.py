"""The OpenAPI document names every action the review card's OSM block may carry: a client
written from the document refused `remove_camera`, which the server sends for a gone camera
on a node that stays (server/exports/osc.py `_action_name`)."""

import dataclasses
import typing

from server.exports.osc import _action_name
from sync.osm import records


def _every_action_name() -> set[str]:
    """What `_action_name` makes of no action and of each kind the planner may return, a
    Modify that takes a camera's tags off its node included: asked of the code, not listed."""
    names = {_action_name(None)}
    for kind in typing.get_args(records.Action):
        fields = dataclasses.fields(kind)
        values = {item.name: 1 for item in fields if item.default is dataclasses.MISSING}
        names.add(_action_name(kind(**values)))
        if "removed" in {item.name for item in fields}:
            names.add(_action_name(kind(**values, removed=("man_made",))))
    return names


def test_the_documents_action_enum_is_every_name_the_review_plan_gives(client):
    document = client.get("/api/openapi.json").json

    action = document["components"]["schemas"]["OsmChange"]["properties"]["action"]

    assert "remove_camera" in _every_action_name()
    assert set(action["enum"]) == _every_action_name()
