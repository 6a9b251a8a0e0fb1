"""The exports read from the database give the very files they gave before they were made fast.

A seeded survey mixes everything the export tells apart: matches and ambiguous matches, links,
links to nodes absent from the cache, two observations on one node, creates next to a camera
marked "new", deletes, deletes of way vertices and of nodes whose ways are unknown, tag errors,
values XML must escape, signage fields, walkers' edits waiting for review, pending and deleted
rows, and a second walk. Its osmChange parts, export report, review plan, GeoJSON and CSV are
compared byte for byte with files written by the code as it was before the streaming loader
(data/export_same_files/); they came out the same on SpatiaLite and PostGIS.

Rewrite them only for an intended change of output:
`CAMWALK_WRITE_EXPORT_FILES=1 pytest tests/server/osm/test_export_same_files.py`.
"""

import datetime as dt
import io
import json
import os
import random
import re
import uuid
from pathlib import Path

import pytest

from server import geo
from server.exports.osc import Scope, export_osc, review_plan
from server.exports.tables import write_csv, write_geojson
from server.extensions import db
from server.groups.models import Walk
from server.observations.convert import approved_copy
from server.observations.models import Observation
from server.osm.service import store_node
from server.types import utcnow
from tests.builders import EVERYWHERE

FILES = Path(__file__).resolve().parent / "data" / "export_same_files"
WRITE = os.environ.get("CAMWALK_WRITE_EXPORT_FILES") == "1"

OPERATORS = ["Police municipale de Marseille", "RTM", 'Bar "Le <Zinc> & Co"', "Monoprix"]
NODE_TAG_CHOICES = [
    {},
    {"surveillance:type": "camera"},
    {"surveillance:type": "ALPR", "direction": "90;270"},
    {"camera:direction": "NE", "camera:mount": "wall"},
    {"camera:direction": "45-135"},
    {"note": 'vu depuis la place & l\'arrêt "Noailles"\nsecond line', "height": "4 m"},
    {"check_date": "2025-01-02", "operator": "RTM"},
    {"surveillance:type": "guard"},
]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _node_positions(rng: random.Random) -> list[tuple[int, float, float]]:
    nodes = [
        (500 + number, 5.38 + rng.random() * 0.003, 43.296 + rng.random() * 0.003)
        for number in range(60)
    ]
    # Twins about 5 m east of the first eight: GPS cannot tell such cameras apart.
    return nodes + [(600 + number, lon + 0.00006, lat) for number, lon, lat in nodes[:8]]


def _observation_fields(rng: random.Random, nodes) -> tuple[float, float, dict]:
    if rng.random() < 0.06:  # between a camera and its twin
        _, lon, lat = rng.choice(nodes[:8])
        lon, lat = lon + 0.00003 + rng.uniform(-1, 1) * 0.000005, lat
    elif rng.random() < 0.5:
        _, lon, lat = rng.choice(nodes)
        # 0-12 m off: within and just beyond the matching distance
        lon, lat = lon + rng.uniform(-1, 1) * 0.00012, lat + rng.uniform(-1, 1) * 0.00009
    else:
        lon, lat = 5.38 + rng.random() * 0.003, 43.296 + rng.random() * 0.003
    fields = {
        "kind": rng.choice(["camera"] * 6 + ["ALPR", "guard"]),
        "camera_type": rng.choice([None, "fixed", "dome", "panning"]),
        "mount": rng.choice([None, "wall", "pole"]),
        "direction": rng.choice([None, [], [rng.randrange(360)], [10, 190], [45]]),
        "operator": rng.choice([None, *OPERATORS]),
        "height_m": rng.choice([None, 3, 4.5, 2.25]),
        "surveillance": rng.choice([None, "public", "outdoor"]),
        "zone": rng.choice([None, "town", "shop"]),
        "surveyed_on": rng.choice([None, dt.date(2024, 5, 4), dt.date(2026, 1, 3)]),
        "presence": "gone" if rng.random() < 0.08 else "present",
        "sign": rng.choice([None, "none", "visible"]),
        "sign_cnil": rng.choice([None, "yes", "no"]),
        "filmed_by": rng.choice([None, "shop", "city"]),
        "aimed_at_road": rng.choice([None, "yes"]),
        "osm_new": rng.random() < 0.04,
        "note": rng.choice([None, "derrière le kiosque", "=HYPERLINK(1)"]),
    }
    roll = rng.random()
    if roll < 0.12 or (fields["presence"] == "gone" and roll < 0.7):
        fields["osm_node_id"] = rng.choice(nodes)[0]
    elif roll < 0.14:
        fields["osm_node_id"] = 999  # not in the cache
    if rng.random() < 0.02:
        fields["direction"] = list(range(0, 360, 5))  # 265 characters: a tag error
    return lon, lat, fields


def make_survey(group, seed: int = 19) -> Walk:
    """The seeded survey of the module docstring in `group` (a GroupFixture); returns its
    second walk."""
    rng = random.Random(seed)
    nodes = _node_positions(rng)
    for osm_id, lon, lat in nodes:
        extra = rng.choice(NODE_TAG_CHOICES)
        part_of_way = rng.choice([False, False, False, True, None])
        store_node(
            osm_id, rng.randrange(1, 5), lon, lat, {"man_made": "surveillance", **extra},
            part_of_way,
        )  # fmt: skip
    second = Walk(group_id=group.group.id, name="second walk", osm_fetched_bbox=EVERYWHERE)
    db.session.add(second)
    db.session.flush()
    for number in range(260):
        lon, lat, fields = _observation_fields(rng, nodes)
        status = rng.choice(["approved"] * 8 + ["pending", "rejected"])
        observation = Observation(
            uuid=_uuid(rng),
            group_id=group.group.id,
            walk_id=second.id if number % 7 == 0 else group.walk.id,
            geom=geo.point_element(lon, lat),
            review_status=status,
            deleted=rng.random() < 0.03,
            **fields,
        )
        db.session.add(observation)
        db.session.flush()
        if status == "approved":
            observation.approved = approved_copy(observation)
            if rng.random() < 0.06:  # a walker's edit since, waiting for review
                observation.operator = "edited since"
                observation.osm_node_id = None
    db.session.commit()
    return second


def _outputs(scope: Scope, prefix: str, walk_names: dict[int, str]) -> dict[str, bytes]:
    files: dict[str, io.BytesIO] = {}

    class Part:
        def __init__(self, number):
            self.out = files.setdefault(f"{prefix}.part{number}.osc", io.BytesIO())

        def __enter__(self):
            return self.out

        def __exit__(self, *exc):
            return False

    result = export_osc(scope, Part, max_elements=40)
    report = {key: value for key, value in result.as_dict().items() if key != "export_id"}
    outputs = {name: out.getvalue() for name, out in files.items()}
    outputs[f"{prefix}.report.json"] = _json(report)
    for kind, write in (("geojson", write_geojson), ("csv", write_csv)):
        out = io.BytesIO()
        write(scope, out, private=True, signage=True)
        outputs[f"{prefix}.{kind}"] = _walk_names(out.getvalue(), walk_names)
    return outputs


def _walk_names(content: bytes, walk_names: dict[int, str]) -> bytes:
    """Walk ids come from a sequence PostgreSQL does not rewind between tests: named instead
    (GeoJSON `"walk_id": 3,`, CSV `<uuid>,3,`)."""
    pattern = rb'("walk_id": |[0-9a-f-]{36},)(\d+),'
    return re.sub(pattern, lambda m: m[1] + walk_names[int(m[2])].encode() + b",", content)


def _plan_outputs(scope: Scope) -> bytes:
    overrides, uuids = _card_overrides(scope)
    plans = review_plan(scope, overrides, uuids)
    return _json({uuid: _plain(plan) for uuid, plan in sorted(plans.items())})


def _card_overrides(scope: Scope) -> tuple[dict, list[str]]:
    """The card's "what if approved": a pending observation taken as approved in the values
    given; and every uuid of the scope."""
    rows = db.session.execute(
        db.select(Observation.uuid, Observation.review_status).where(*scope.where())
    ).all()
    pending = sorted(uuid for uuid, status in rows if status == "pending")
    overrides = {pending[0]: {"position": {"lat": 43.2975, "lon": 5.3815}, "kind": "camera"}}
    return overrides, sorted(uuid for uuid, _ in rows)


def _plain(plan) -> dict:
    node = plan.node.id if plan.node else None
    return {
        "action": plan.action,
        "reason": plan.skip.reason if plan.skip else None,
        "node": node,
        "distance_m": None if plan.distance_m is None else round(plan.distance_m, 6),
        "chosen_by": plan.chosen_by,
        "ambiguous_with": plan.ambiguous_with,
        "candidates": [(n.id, round(m, 6), taken) for n, m, taken in plan.candidates],
    }


def _json(value) -> bytes:
    return (json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode()


@pytest.fixture
def survey_outputs(app, group):
    second = make_survey(group)
    walk_names = {group.walk.id: "first walk", second.id: "second walk"}
    outputs = _outputs(Scope.of_group(group.group), "group", walk_names)
    # The walk's OSM cameras loaded again since the group's file, as after a mapper sent it:
    # its own file then has no warning about that one (tests/server/osm/test_upload_after_file.py).
    second.osm_fetched_at = utcnow()
    db.session.commit()
    outputs |= _outputs(Scope.of_walk(second), "walk", walk_names)
    outputs["group.review-plan.json"] = _plan_outputs(Scope.of_group(group.group))
    return outputs


def test_the_survey_exercises_every_kind_of_change(survey_outputs):
    counts = json.loads(survey_outputs["group.report.json"])["counts"]
    assert all(counts[key] > 0 for key in ("created", "modified", "deleted", "ambiguous"))
    reasons = " ".join(item.get("reason", "") for item in
                       json.loads(survey_outputs["group.report.json"])["skipped"])  # fmt: skip
    for reason in ("vertex of a way", "not known whether a way", "265 characters",
                   "is not in the OSM data", "already changed", "not linked"):  # fmt: skip
        assert reason in reasons
    assert b"&amp;" in survey_outputs["group.part0.osc"]
    assert "group.part1.osc" in survey_outputs  # more than one part


def test_the_exports_give_the_same_files_as_before(survey_outputs):
    if WRITE:
        FILES.mkdir(parents=True, exist_ok=True)
        for name, content in survey_outputs.items():
            (FILES / name).write_bytes(content)
    expected = {path.name: path.read_bytes() for path in sorted(FILES.iterdir())}
    assert sorted(survey_outputs) == sorted(expected)
    for name, content in survey_outputs.items():
        assert content == expected[name], name


def test_each_card_alone_is_planned_as_in_the_whole_queue(group, survey_outputs):
    """The card plans only its surveys and those that change a node (server/exports/osc.py
    `review_plan`): asked for one survey at a time, every survey of the scene gets the plan
    the whole queue gets, "already changed by" and ambiguous matches included."""
    scope = Scope.of_group(group.group)
    overrides, _ = _card_overrides(scope)
    whole = json.loads(survey_outputs["group.review-plan.json"])
    # Every survey that changes a node or is left out, and some creates (each is a pass).
    creates = [uuid for uuid, plan in whole.items() if plan["action"] == "create"]
    asked = [uuid for uuid, plan in whole.items() if plan["action"] != "create"] + creates[:10]
    alone = {uuid: _plain(review_plan(scope, overrides, [uuid])[uuid]) for uuid in asked}
    assert len(alone) > 60
    assert json.loads(_json(alone)) == {uuid: whole[uuid] for uuid in asked}
