"""PUT /api/v1/photos/<sha256>: what is accepted, the receipt, and idempotence."""

import hashlib
from pathlib import Path

import pytest

from server.extensions import db
from server.photos.models import Photo

GPS_JPEG = "exif-samples/jpg/hdr/iphone_hdr_YES.jpg"
GPS_PNG = "exifr/png/png_with_exif_and_gps.png"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put(client, group, data: bytes, digest: str | None = None, who="walker", **headers):
    return client.put(
        f"/api/v1/photos/{digest or sha(data)}",
        data=data,
        headers={**group.headers(who), **headers},
    )


def stored_files(app) -> set[Path]:
    return {path for path in Path(app.config["PHOTO_DIR"]).rglob("*") if path.is_file()}


def test_a_new_photo_answers_201_with_a_receipt_holding_its_exif(client, group, shared_photos):
    data = (shared_photos / GPS_JPEG).read_bytes()

    response = put(client, group, data)

    assert response.status_code == 201
    receipt = response.json
    assert receipt["sha256"] == sha(data)
    assert receipt["size"] == len(data)
    assert receipt["type"] == "image/jpeg"
    assert (receipt["width"], receipt["height"]) == (3264, 2448)
    assert receipt["received_at"]
    assert receipt["exif"]["lat"] == pytest.approx(40.4469722, abs=1e-6)
    assert receipt["exif"]["lon"] == pytest.approx(-3.7247528, abs=1e-6)
    assert receipt["exif"]["direction_deg"] == pytest.approx(211.2013423)
    assert receipt["exif"]["direction_ref"] == "T"
    assert receipt["exif"]["taken_at"] == "2015-04-10T20:12:23"


def test_the_row_records_the_uploader_and_the_exif(client, group, shared_photos):
    data = (shared_photos / GPS_JPEG).read_bytes()
    put(client, group, data)

    photo = db.session.query(Photo).one()
    assert photo.group_id == group.id
    assert photo.uploaded_by_id is not None
    assert photo.exif_altitude_m == pytest.approx(639.6111111)
    assert photo.original_kept is False


def test_the_same_bytes_again_answer_200_with_the_same_receipt_and_rewrite_nothing(
    app, client, group, shared_photos
):
    data = (shared_photos / GPS_JPEG).read_bytes()
    first = put(client, group, data)
    before = {path: path.stat().st_mtime_ns for path in stored_files(app)}

    again = put(client, group, data)

    assert again.status_code == 200
    assert again.json == first.json
    assert {path: path.stat().st_mtime_ns for path in stored_files(app)} == before
    assert db.session.query(Photo).count() == 1


def test_the_receipt_can_be_fetched_again_by_its_hash(client, group, shared_photos):
    data = (shared_photos / GPS_PNG).read_bytes()
    receipt = put(client, group, data).json

    response = client.get(f"/api/v1/photos/{sha(data)}", headers=group.headers())

    assert response.status_code == 200
    assert response.json == receipt


def test_a_png_is_a_png_whatever_its_name_or_content_type(client, group, shared_photos):
    data = (shared_photos / GPS_PNG).read_bytes()

    response = put(
        client,
        group,
        data,
        **{"Content-Type": "image/jpeg", "Content-Disposition": 'attachment; filename="a.jpg"'},
    )

    assert response.status_code == 201
    assert response.json["type"] == "image/png"
    assert response.json["exif"]["lat"] == pytest.approx(50.2996028, abs=1e-6)


@pytest.mark.parametrize(
    "relative, media_type",
    [
        ("exifr/heic-iphone7.heic", "image/heic"),
        ("exifr/001.tif", "image/tiff"),
        ("exif-samples/jpg/gps/DSCN0010.jpg", "image/jpeg"),
    ],
)
def test_every_accepted_type_is_sniffed_from_the_bytes(
    client, group, shared_photos, relative, media_type
):
    response = put(client, group, (shared_photos / relative).read_bytes())

    assert response.status_code == 201
    assert response.json["type"] == media_type


def test_a_webp_upload_is_accepted(client, group, make_photo):
    response = put(client, group, make_photo("webp", size=(40, 30)))

    assert response.status_code == 201
    assert response.json["type"] == "image/webp"
    assert (response.json["width"], response.json["height"]) == (40, 30)


def test_rationals_with_a_zero_denominator_leave_the_position_empty_not_the_upload_refused(
    client, group, shared_photos
):
    # broken1.jpg writes its GPS latitude and longitude as 0/0: "unknown", not a place.
    response = put(client, group, (shared_photos / "exifr/broken1.jpg").read_bytes())

    assert response.status_code == 201
    assert response.json["exif"]["lat"] is None
    assert response.json["exif"]["lon"] is None


def test_a_gps_block_of_the_wrong_types_leaves_the_position_empty(client, group, make_photo):
    data = make_photo(
        "jpeg",
        gps={
            "GPSLatitudeRef": "N",
            "GPSLatitude": "forty-three",
            "GPSLongitudeRef": 7,
            "GPSLongitude": 5,
        },
    )

    response = put(client, group, data)

    assert response.status_code == 201
    assert (response.json["exif"]["lat"], response.json["exif"]["lon"]) == (None, None)


def test_each_group_holds_its_own_copy_of_the_same_bytes(client, make_group, shared_photos):
    data = (shared_photos / GPS_PNG).read_bytes()
    first, second = make_group("Noailles"), make_group("Belsunce")

    assert put(client, first, data).status_code == 201
    assert put(client, second, data).status_code == 201
    assert db.session.query(Photo).count() == 2


def test_a_group_that_keeps_originals_keeps_the_uploaded_bytes(app, client, group, make_photo):
    group.group.keep_originals = True
    db.session.commit()
    data = make_photo("jpeg", ifd0={"Make": "Acme"})

    put(client, group, data)

    photo = db.session.query(Photo).one()
    assert photo.original_kept is True
    originals = [path for path in stored_files(app) if path.name == "original"]
    assert [path.read_bytes() for path in originals if sha(data) in str(path)] == [data]


def test_a_group_that_does_not_keep_originals_stores_only_the_served_copies(
    app, client, group, make_photo
):
    data = make_photo("jpeg", size=(20, 12))

    put(client, group, data)

    names = sorted(path.name for path in stored_files(app) if sha(data) in str(path))
    assert names == ["display.jpg", "thumb.jpg"]


def test_an_upload_without_a_token_is_401(client, make_photo):
    data = make_photo("png")

    response = client.put(f"/api/v1/photos/{sha(data)}", data=data)

    assert response.status_code == 401
    assert db.session.query(Photo).count() == 0


def test_a_receipt_of_another_groups_photo_is_404(client, make_group, make_photo):
    owner, stranger = make_group("Noailles"), make_group("Belsunce")
    data = make_photo("png")
    put(client, owner, data)

    response = client.get(f"/api/v1/photos/{sha(data)}", headers=stranger.headers())

    assert response.status_code == 404
    assert response.json["code"] == "not_found"
