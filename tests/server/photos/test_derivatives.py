"""Served copies: sized, upright, JPEG, and carrying no metadata at all."""

import hashlib
import io
import json
import shutil
import subprocess

import pytest
from PIL import Image, ImageCms

from server.photos.exif_reader import read_photo_metadata

# Shared photos with a position, a camera make and model, and in three containers.
WITH_METADATA = [
    "exif-samples/jpg/hdr/iphone_hdr_YES.jpg",
    "exifr/heic-iphone7.heic",
    "exifr/png/png_with_exif_and_gps.png",
    "exifr/issue-metadata-extractor-152.tif",
]
LIMITS = {"display": 1600, "thumb": 320}


def upload(client, group, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
    assert response.status_code == 201, response.json
    return digest


def served(client, group, digest: str, size: str):
    return client.get(f"/api/v1/photos/{digest}/{size}", headers=group.headers())


@pytest.mark.parametrize("relative", WITH_METADATA)
@pytest.mark.parametrize("size", ["display", "thumb"])
def test_served_copies_carry_no_exif_xmp_or_icc(client, group, shared_photos, relative, size):
    digest = upload(client, group, (shared_photos / relative).read_bytes())

    body = served(client, group, digest, size).data

    with Image.open(io.BytesIO(body)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & image.info.keys()
    meta = read_photo_metadata(body)
    assert (meta.lat, meta.lon, meta.make, meta.model, meta.taken_at) == (None,) * 5


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed")
def test_exiftool_finds_nothing_but_the_jpeg_itself_in_a_served_copy(
    client, group, shared_photos, tmp_path
):
    digest = upload(client, group, (shared_photos / WITH_METADATA[0]).read_bytes())
    path = tmp_path / "display.jpg"
    path.write_bytes(served(client, group, digest, "display").data)

    output = subprocess.run(
        ["exiftool", "-j", "-G", "-a", str(path)], capture_output=True, check=True, text=True
    ).stdout

    groups = {key.split(":")[0] for key in json.loads(output)[0] if ":" in key}
    assert groups <= {"ExifTool", "File", "JFIF", "Composite"}  # JFIF: pixel density only
    assert "GPS" not in output and "Apple" not in output and "iPhone" not in output


@pytest.mark.parametrize("size", ["display", "thumb"])
def test_served_copies_fit_their_size_and_keep_the_aspect(client, group, shared_photos, size):
    # 3264 x 2448: both copies are smaller than the original.
    digest = upload(client, group, (shared_photos / WITH_METADATA[0]).read_bytes())

    with Image.open(io.BytesIO(served(client, group, digest, size).data)) as image:
        assert max(image.size) == LIMITS[size]
        assert image.size[0] / image.size[1] == pytest.approx(3264 / 2448, rel=0.01)


def test_a_small_photo_is_never_enlarged(client, group, make_photo):
    digest = upload(client, group, make_photo("png", size=(40, 30)))

    with Image.open(io.BytesIO(served(client, group, digest, "display").data)) as image:
        assert image.size == (40, 30)


def test_served_copies_have_fixed_type_nosniff_and_long_caching(client, group, make_photo):
    digest = upload(client, group, make_photo("png"))

    response = served(client, group, digest, "thumb")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]


def test_a_second_request_with_the_etag_is_304(client, group, make_photo):
    digest = upload(client, group, make_photo("png"))
    etag = served(client, group, digest, "thumb").headers["ETag"]

    response = client.get(
        f"/api/v1/photos/{digest}/thumb", headers={**group.headers(), "If-None-Match": etag}
    )

    assert response.status_code == 304


def halves(orientation: int) -> bytes:
    """A 40x20 JPEG, red on the left and blue on the right, with this EXIF orientation."""
    image = Image.new("RGB", (40, 20), "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


@pytest.mark.parametrize(
    "orientation, size, red_at, blue_at",
    [
        (1, (40, 20), (5, 10), (35, 10)),  # as stored
        (3, (40, 20), (35, 10), (5, 10)),  # turned half round
        (6, (20, 40), (10, 5), (10, 35)),  # turned a quarter clockwise: left goes on top
        (8, (20, 40), (10, 35), (10, 5)),  # a quarter anticlockwise: left goes to the bottom
    ],
)
def test_the_exif_orientation_is_applied_to_the_pixels(
    client, group, orientation, size, red_at, blue_at
):
    digest = upload(client, group, halves(orientation))

    with Image.open(io.BytesIO(served(client, group, digest, "display").data)) as image:
        assert image.size == size
        red, blue = image.getpixel(red_at), image.getpixel(blue_at)
    assert red[0] > 200 and red[2] < 60
    assert blue[2] > 200 and blue[0] < 60


def test_the_receipt_gives_the_upright_width_and_height(client, group):
    data = halves(6)
    digest = hashlib.sha256(data).hexdigest()

    response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())

    assert (response.json["width"], response.json["height"]) == (20, 40)


def test_an_icc_profile_is_converted_and_dropped(client, group):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (30, 30), (200, 40, 40)).save(out, "JPEG", icc_profile=profile)
    digest = upload(client, group, out.getvalue())

    with Image.open(io.BytesIO(served(client, group, digest, "display").data)) as image:
        assert "icc_profile" not in image.info
        assert image.getpixel((15, 15))[0] > 180


def test_a_transparent_png_is_served_on_white(client, group):
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(out, "PNG")
    digest = upload(client, group, out.getvalue())

    with Image.open(io.BytesIO(served(client, group, digest, "thumb").data)) as image:
        assert image.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)


def test_another_groups_photo_is_404_for_both_sizes(client, make_group, make_photo):
    owner, stranger = make_group("Noailles"), make_group("Belsunce")
    digest = upload(client, owner, make_photo("png"))

    for size in LIMITS:
        response = served(client, stranger, digest, size)
        assert response.status_code == 404
        assert response.json["code"] == "not_found"


def test_served_copies_need_a_token(client, group, make_photo):
    digest = upload(client, group, make_photo("png"))

    assert client.get(f"/api/v1/photos/{digest}/thumb").status_code == 401


def test_a_lost_served_copy_is_made_again_from_the_kept_original(app, client, group, make_photo):
    from server.extensions import db
    from server.photos.storage import photo_store

    group.group.keep_originals = True
    db.session.commit()
    digest = upload(client, group, make_photo("png", size=(50, 25)))
    key = f"g{group.id}/{digest[:2]}/{digest}/display.jpg"
    photo_store().delete(key)

    response = served(client, group, digest, "display")

    assert response.status_code == 200
    assert photo_store().exists(key)


def test_a_lost_display_copy_without_an_original_is_409_and_says_the_file_is_missing(
    client, group, make_photo
):
    """It was a 404, as for a photo that does not exist; it is the server's loss, which the
    same bytes sent again mend (tests/server/photos/test_worker.py)."""
    from server.photos.storage import photo_store

    digest = upload(client, group, make_photo("png", size=(50, 25)))
    photo_store().delete(f"g{group.id}/{digest[:2]}/{digest}/display.jpg")

    response = served(client, group, digest, "display")

    assert (response.status_code, response.json["code"]) == (409, "photo_preparation_failed")
    assert "upload the same photo again" in response.json["message"]
