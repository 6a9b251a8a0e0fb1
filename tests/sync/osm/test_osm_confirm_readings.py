"""A walker's "still there" on an OSM camera keeps the node's tags as the mapper wrote them.

The phone fills a confirmation from the node's tags and the export writes those fields back,
so a misreading (`90;` read as two lenses, `12'` as 12 m) would replace a correct tag. The
cases live in data/confirm_readings.json, which the phone's tests read too
(pwa/test/geo/osmValues.test.js): both sides read every case alike.
"""

import json
from pathlib import Path

import pytest

from sync import fields
from sync.osm.tags import TEXT_FIELDS, modified_tags, observation_fields

CASES = json.loads((Path(__file__).parent / "data" / "confirm_readings.json").read_text())["cases"]
READ_FIELDS = (*TEXT_FIELDS, "direction", "height_m")
SURVEYED_ON = "2026-11-21"


def case_id(case: dict) -> str:
    return json.dumps(case["tags"], ensure_ascii=True)


def node_tags(case: dict) -> dict:
    return {"man_made": "surveillance", **case["tags"]}


def confirmation(case: dict) -> dict:
    """What the phone sends: the fields read, and a kind, which a record cannot be without."""
    reads = case["reads"]
    return {**reads, "kind": reads.get("kind", "camera"), "surveyed_on": SURVEYED_ON}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_server_reads_a_node_as_the_shared_cases_say(case):
    expected = dict.fromkeys(READ_FIELDS) | case["reads"]
    assert observation_fields(node_tags(case)) == expected


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_what_a_confirmation_reads_is_a_value_the_server_stores(case):
    for field, value in confirmation(case).items():
        assert fields.problem(field, value) is None, field


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_confirmation_keeps_every_tag_the_node_has(case):
    tags = node_tags(case)
    written = modified_tags(tags, confirmation(case))
    rewrites = case.get("export_rewrites", {})
    assert {key: written[key] for key in tags} == tags | rewrites
    assert written.keys() - tags.keys() <= {"check_date", "surveillance:type"}


def test_the_cases_cover_the_forms_mappers_write():
    read = {json.dumps(case["tags"]) for case in CASES}
    for tags in [
        {"camera:direction": "90;"},
        {"camera:direction": "NE;"},
        {"height": "12'"},
        {"height": "12 ft"},
        {"height": "4,5"},
        {"height": "4'6\""},
        {"camera:direction": "90-180"},
    ]:
        assert json.dumps(tags) in read


def test_every_height_in_whole_centimetres_up_to_100_m_is_read_and_finer_ones_are_not():
    # The phone's tests run the same loop: the writer's precision, spelt out on both sides.
    misread = []
    for cm in range(10_001):
        text = f"{cm / 100:.2f}"
        if observation_fields({"height": text})["height_m"] != cm / 100:
            misread.append(text)
        if observation_fields({"height": f"{text}5"})["height_m"] is not None:
            misread.append(f"{text}5")
    assert misread == []
