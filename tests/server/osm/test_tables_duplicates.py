"""The GeoJSON and CSV exports mark the cameras that may be one device, as the public map does:
a pair flagged by a duplicate hint and not merged yet, both of whose cameras the file holds
(server/reports/duplicates.py)."""

import csv
import io
import json

import pytest

from server.exports.tables import csv_columns
from server.extensions import db
from server.observations.models import DuplicateHint

# The CSV's columns before `possible_duplicate` was added: spreadsheets rely on their order.
COLUMNS_BEFORE = [
    "lat", "lon", "id", "walk_id", "kind", "surveillance", "camera_type", "mount",
    "direction", "zone", "operator", "height_m", "manufacturer", "model", "surveyed_on",
    "presence", "review_status", "osm_id",
]  # fmt: skip


@pytest.fixture
def pairs(group, add_observation):
    """Cameras by name: A and B published, flagged as one device; C published, flagged with
    D, never approved; E published, flagged with F, an approved report that an OSM camera is
    gone (on no public map); G, the survivor of a merged pair; I, alone."""
    made = {}
    for index, name in enumerate("ABCDEFGI"):
        fields = {"D": {"review_status": "pending"}, "F": {"presence": "gone", "osm_node_id": 7}}
        made[name] = add_observation(group, 5.38 + index * 0.001, 43.29, **fields.get(name, {}))
    tombstone = add_observation(group, 5.39, 43.29, merged_into_id=made["G"].id)
    for a, b, status in (
        (made["A"], made["B"], "open"),
        (made["C"], made["D"], "open"),
        (made["E"], made["F"], "open"),
        (made["G"], tombstone, "merged"),
    ):
        db.session.add(
            DuplicateHint(
                group_id=group.id,
                observation_a_id=min(a.id, b.id),
                observation_b_id=max(a.id, b.id),
                distance_m=3.0,
                status=status,
            )
        )
    db.session.commit()
    return {observation.uuid: name for name, observation in made.items()}


def download(client, group, path):
    url = f"/api/v1/walks/{group.walk.id}/{path}"
    with client.get(url, headers=group.headers("organiser")) as answer:
        assert answer.status_code == 200
        return answer.data


@pytest.mark.parametrize(
    ("options", "marked"),
    [
        ("", {"A": True, "B": True, "C": True, "D": True, "E": True, "F": True}),
        ("?approved=1", {"A": True, "B": True, "C": False, "E": False}),
    ],
)
def test_the_geojson_marks_each_camera_flagged_with_another_of_the_file(
    client, group, pairs, options, marked
):
    collection = json.loads(download(client, group, "export.geojson" + options))
    found = {
        pairs[feature["id"]]: feature["properties"]["possible_duplicate"]
        for feature in collection["features"]
    }
    assert found == {**marked, "G": False, "I": False}


@pytest.mark.parametrize("options", ["", "?approved=1", "?spreadsheet=1", "?approved=1&signage=1"])
def test_the_csv_says_it_in_a_last_column_and_keeps_the_others_in_their_order(
    client, group, pairs, options
):
    data = download(client, group, "export.csv" + options)
    spreadsheet = "spreadsheet" in options
    text = data.decode("utf-8-sig" if spreadsheet else "utf-8")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if spreadsheet else ","))
    header, rows = table[0], table[1:]
    assert header[: len(COLUMNS_BEFORE)] == COLUMNS_BEFORE
    assert header[-2:] == ["tag_problems", "possible_duplicate"]
    assert header == csv_columns(signage="signage" in options)
    by_camera = {pairs[row[header.index("id")]]: row[-1] for row in rows}
    assert by_camera["A"] == by_camera["B"] == "true"  # as in the GeoJSON, in both forms
    assert by_camera["I"] == by_camera["G"] == "false"
    assert by_camera["C"] == ("false" if "approved" in options else "true")
