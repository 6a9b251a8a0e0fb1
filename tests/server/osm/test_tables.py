"""GeoJSON and CSV exports: RFC 7946 points, one CSV row per observation, private fields only
on request, organisers only."""

import csv
import io
import json

import pytest

from server import geo
from server.extensions import db
from server.osm.cli import export_group


@pytest.fixture
def logged(group, add_observation):
    from server.auth.models import Member

    walker = db.session.query(Member).filter_by(group_id=group.id, pseudonym="mouette").one()
    first = add_observation(
        group, 5.38123456, 43.29612344, operator="Ville & Co", direction=[90, 180],
        note="behind the \"Bar\", line\nbreak", created_by_id=walker.id, osm_node_id=101,
    )  # fmt: skip
    second = add_observation(group, 5.385, 43.299, review_status="pending", mount="moon")
    add_observation(group, 5.386, 43.2995, deleted=True)
    return first, second


def download(client, group, path, private=False):
    url = f"/api/v1/walks/{group.walk.id}/{path}" + ("?private=1" if private else "")
    with client.get(url, headers=group.headers("organiser")) as answer:
        return answer, answer.data


def test_the_geojson_is_a_feature_collection_of_lon_lat_points_with_map_friendly_names(
    client, group, logged
):
    answer, data = download(client, group, "export.geojson")
    assert answer.status_code == 200
    assert answer.mimetype == "application/geo+json"
    collection = json.loads(data)
    assert collection["type"] == "FeatureCollection"
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [5.3812346, 43.2961234]}
    assert {
        "kind": "camera", "operator": "Ville & Co", "direction": "90;180", "osm_id": 101,
        "review_status": "approved", "surveyed_on": "2024-05-04",
    }.items() <= first["properties"].items()  # fmt: skip
    assert len(collection["features"]) == 2
    assert "note" not in first["properties"] and "walker" not in first["properties"]


def test_private_fields_are_written_only_when_asked_for(client, group, logged):
    _, data = download(client, group, "export.geojson", private=True)
    properties = json.loads(data)["features"][0]["properties"]
    assert properties["walker"] == "mouette"
    assert properties["note"] == 'behind the "Bar", line\nbreak'


def test_the_csv_has_a_header_one_row_per_observation_and_osm_tag_columns(client, group, logged):
    answer, data = download(client, group, "export.csv", private=True)
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) == 2
    first, second = rows
    assert (first["lat"], first["lon"]) == ("43.2961234", "5.3812346")
    assert first["osm:camera:direction"] == "90;180"
    assert first["osm:check_date"] == "2024-05-04"
    assert first["note"] == 'behind the "Bar", line\nbreak'
    assert second["osm:camera:mount"] == "" and "moon" in second["tag_problems"]


@pytest.mark.parametrize("options", ["", "?private=1&signage=1"])
def test_every_csv_column_has_a_name_of_its_own(client, group, logged, options):
    """Five OSM keys are also field names (direction, operator, …): csvkit and QGIS renamed
    one of each pair, and DictReader kept the tag, so a camera's direction read ''."""
    _, data = download(client, group, "export.csv" + options)
    header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert len(header) == len(set(header))
    assert {"direction", "osm:direction", "operator", "osm:operator"} <= set(header)
    first = next(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert first["direction"] == "90;180"  # the surveyed value, a two-lens camera
    assert first["osm:direction"] == ""  # a camera's own direction is camera:direction
    assert first["osm:camera:direction"] == "90;180"


def test_the_csv_leaves_private_columns_out_by_default(client, group, logged):
    _, data = download(client, group, "export.csv")
    header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert "note" not in header and "walker" not in header


@pytest.mark.parametrize("path", ["export.geojson", "export.csv"])
def test_walkers_may_not_download_tables(client, group, logged, path):
    answer = client.get(f"/api/v1/groups/{group.id}/{path}", headers=group.headers("walker"))
    assert answer.status_code == 403


@pytest.mark.parametrize("kind", ["geojson", "csv"])
def test_the_commands_write_the_same_files(app, group, logged, tmp_path, kind):
    target = tmp_path / f"out.{kind}"
    result = app.test_cli_runner().invoke(
        export_group, [kind, "--group", str(group.id), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "2 observations" in result.output
    assert "Ville & Co" in target.read_text(encoding="utf-8")


@pytest.fixture
def edited_since_approval(group, add_observation):
    """An approved camera a walker changed since (not reviewed yet), a pending one and a
    rejected one."""
    camera = add_observation(group, 5.3812, 43.2961, operator="Police municipale", mount="pole")
    camera.operator, camera.mount = "Mairie", "wall"  # the live values; the approved copy stays
    camera.geom = geo.point_element(5.3813, 43.2962)
    camera.review_status = "pending"
    add_observation(group, 5.385, 43.299, review_status="pending")
    add_observation(group, 5.386, 43.2995, review_status="rejected")
    db.session.commit()
    return camera


def test_a_file_to_publish_holds_approved_cameras_only_as_approved(
    client, group, edited_since_approval
):
    answer, data = download(client, group, "export.geojson?approved=1")
    assert answer.status_code == 200
    (feature,) = json.loads(data)["features"]
    assert feature["id"] == edited_since_approval.uuid
    assert feature["geometry"]["coordinates"] == [5.3812, 43.2961]
    assert feature["properties"]["operator"] == "Police municipale"
    assert feature["properties"]["mount"] == "pole"

    _, data = download(client, group, "export.csv?approved=1")
    (row,) = list(csv.DictReader(io.StringIO(data.decode(), newline="")))
    assert (row["lon"], row["lat"]) == ("5.3812000", "43.2961000")
    assert (row["operator"], row["osm:camera:mount"]) == ("Police municipale", "pole")

    # Without it, every live camera as it is now, to review.
    _, data = download(client, group, "export.geojson")
    features = json.loads(data)["features"]
    assert len(features) == 3
    mine = next(f for f in features if f["id"] == edited_since_approval.uuid)
    assert mine["properties"]["operator"] == "Mairie"


def test_a_file_to_publish_leaves_out_a_camera_reported_gone_as_the_public_map_does(
    client, group, edited_since_approval, add_observation
):
    """A walker's "gone" on an OSM camera, approved, is for the osmChange's delete: a file
    for a uMap showing it would publish a removed camera as present."""
    add_observation(group, 5.387, 43.2996, presence="gone", osm_node_id=9_100_000_003)
    public = client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"public_map": True},
        headers=group.headers("organiser"),
    )
    assert public.status_code == 200, public.json
    on_map = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json["features"]

    _, data = download(client, group, "export.geojson?approved=1")
    features = json.loads(data)["features"]
    assert len(features) == len(on_map) == 1
    # Its values are the approved copy's, so is its status (the camera is back in review).
    assert features[0]["properties"]["review_status"] == "approved"
    _, data = download(client, group, "export.csv?approved=1")
    (row,) = list(csv.DictReader(io.StringIO(data.decode(), newline="")))
    assert (row["presence"], row["review_status"]) == ("present", "approved")


def test_the_report_downloads_the_file_again_with_its_options(
    client, group, edited_since_approval
):
    answer, _ = download(client, group, "export.csv?approved=1&signage=1")
    report = client.get(
        f"/api/v1/exports/{answer.headers['X-Camwalk-Export-Id']}",
        headers=group.headers("organiser"),
    ).get_json()
    assert report["counts"] == {
        "rows": 1, "private": False, "signage": True, "approved": True, "spreadsheet": False,
    }  # fmt: skip
    with client.get(report["download_url"], headers=group.headers("organiser")) as again:
        assert again.status_code == 200
        rows = list(csv.DictReader(io.StringIO(again.data.decode(), newline="")))
    assert len(rows) == 1
    assert "sign" in rows[0]


def test_the_commands_write_a_file_to_publish_too(app, group, edited_since_approval, tmp_path):
    target = tmp_path / "cameras.geojson"
    result = app.test_cli_runner().invoke(
        export_group,
        ["geojson", "--walk", str(group.walk.id), "--approved", "-o", str(target)],
    )
    assert result.exit_code == 0, result.output
    assert "1 observations" in result.output
    (feature,) = json.loads(target.read_text(encoding="utf-8"))["features"]
    assert feature["properties"]["operator"] == "Police municipale"
