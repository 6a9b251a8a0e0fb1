"""The phone asks the signage survey of the devices the commune's signage file counts.

The file's rule is `concerns` (sync/signage.py); the phone states it once, as `signageFields`
in pwa/src/model/observation.js. The cases in data/signage_kinds.json are read by both sides
(pwa/test/model/signageKinds.test.js runs the phone's rule on them), so a walker is never
asked about a sign on a device the file leaves out, nor left unasked about one it counts."""

import json
from pathlib import Path

import pytest

from sync.fields import KINDS, SIGNAGE_FIELDS
from sync.signage import concerns

from .test_value_lists import OBSERVATION_JS, pwa_list

CASES = json.loads((Path(__file__).parent / "data" / "signage_kinds.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["kind"])
def test_the_signage_file_counts_the_kinds_the_shared_cases_say_are_asked(case):
    assert concerns(case["kind"]) is case["asked"]


def test_the_shared_cases_cover_every_kind():
    assert sorted(case["kind"] for case in CASES) == sorted(KINDS)


def test_the_phone_names_the_signage_fields_the_server_merges():
    assert pwa_list("SIGNAGE_FIELDS", OBSERVATION_JS.read_text()) == list(SIGNAGE_FIELDS)
