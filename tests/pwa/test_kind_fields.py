"""The phone's form asks a device only the camera fields the OSM export writes for its kind.

The export's rule is `camera_fields` (sync/osm/tags.py); the phone states it once, as
`CAMERA_FIELDS` and `cameraFields` in pwa/src/model/observation.js. The cases in
data/kind_fields.json are read by both sides (pwa/test/model/kindFields.test.js runs the
phone's rule on them), so a walker is never asked for a field the export drops, nor left
without one it writes."""

import json
from pathlib import Path

import pytest

from sync.fields import KINDS
from sync.osm.tags import CAMERA_FIELDS, camera_fields

from .test_value_lists import OBSERVATION_JS, pwa_list

CASES = json.loads((Path(__file__).parent / "data" / "kind_fields.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: json.dumps(case["kind"]))
def test_the_export_writes_the_camera_fields_the_shared_cases_give_each_kind(case):
    assert [field for field, _ in camera_fields(case["kind"])] == case["fields"]


def test_the_shared_cases_cover_every_kind_and_none():
    assert {case["kind"] for case in CASES} >= {*KINDS, None}


def test_the_phone_names_the_camera_fields_the_export_writes():
    fields = pwa_list("CAMERA_FIELDS", OBSERVATION_JS.read_text())
    assert fields == [field for field, _ in CAMERA_FIELDS]
