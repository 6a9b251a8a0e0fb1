"""Publishing a photo on the public campaign map: the organiser's switch and boxes, the blurred
copy anyone may fetch, and what the public GeoJSON lists."""

import hashlib
import io
import json
import struct
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import ExifTags, Image, ImageChops, ImageStat

from server.extensions import db
from server.photos.models import Photo

# Real photos of the shared set. None of it carries an EXIF orientation other than 1, so the
# turned one is this photo with its orientation tag set to 6 (its GPS block kept).
GPS_JPEG = "exif-samples/jpg/gps/DSCN0010.jpg"
SECOND_JPEG = "exif-samples/jpg/gps/DSCN0012.jpg"
BOX = [0.25, 0.3, 0.3, 0.35]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def turned(data: bytes, orientation: int = 6) -> bytes:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    exif[ExifTags.Base.Orientation] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


class Campaign:
    """One group, one walk, observations with photos: everything made through the API."""

    def __init__(self, client, group):
        self.client, self.group = client, group

    def upload(self, data: bytes) -> str:
        digest = sha(data)
        answer = self.client.put(
            f"/api/v1/photos/{digest}", data=data, headers=self.group.headers("walker")
        )
        assert answer.status_code in (200, 201), answer.json
        return digest

    def observe(self, *photos: str, review: str | None = "approved") -> str:
        obs = str(uuid.uuid4())
        create = {
            "change_id": str(uuid.uuid4()),
            "observation_id": obs,
            "op": "create",
            "walk_id": self.group.walk.id,
            "made_at": "2026-11-21T09:14:03+01:00",
            "fields": {
                "position": {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 6},
                "kind": "camera",
                "direction": [180],
                "surveyed_on": "2026-11-21",
            },
        }
        attaches = [
            {
                "change_id": str(uuid.uuid4()),
                "observation_id": obs,
                "op": "attach_photo",
                "made_at": "2026-11-21T09:15:00+01:00",
                "photo": {"sha256": digest, "role": "close_up"},
            }
            for digest in photos
        ]
        answer = self.client.post(
            f"/api/v1/groups/{self.group.id}/sync",
            json={"cursor": 0, "limit": 10, "changes": [create, *attaches]},
            headers=self.group.headers("walker"),
        )
        assert answer.status_code == 200, answer.json
        if review is not None:
            self.review(obs, review)
        return obs

    def review(self, obs: str, status: str) -> None:
        answer = self.client.post(
            f"/api/v1/observations/{obs}/review",
            json={"status": status},
            headers=self.group.headers("organiser"),
        )
        assert answer.status_code == 200, answer.json

    def public_map(self, on: bool) -> None:
        answer = self.client.patch(
            f"/api/v1/groups/{self.group.id}/settings",
            json={"public_map": on},
            headers=self.group.headers("organiser"),
        )
        assert answer.status_code == 200, answer.json

    def publish(self, digest: str, public: bool = True, blur=(), who="organiser"):
        return self.client.put(
            f"/api/v1/photos/{digest}/publication",
            json={"public": public, "blur": [list(box) for box in blur]},
            headers=self.group.headers(who) if who else {},
        )

    def display(self, digest: str) -> Image.Image:
        answer = self.client.get(
            f"/api/v1/photos/{digest}/display", headers=self.group.headers("walker")
        )
        assert answer.status_code == 200
        return Image.open(io.BytesIO(answer.data)).convert("L")

    def geojson(self) -> dict:
        answer = self.client.get(f"/api/v1/public/{self.group.group.slug}/cameras.geojson")
        assert answer.status_code == 200, answer.json
        return answer.json


def fetch(client, url: str):
    """GET a public URL as an anonymous visitor (the URL is absolute: keep path and query)."""
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


def public_files(app) -> list[Path]:
    return sorted(Path(app.config["PHOTO_DIR"]).rglob("public-*.jpg"))


def jpeg_markers(data: bytes) -> list[int]:
    """The marker bytes of every segment before the image data (APP1 = 0xE1: EXIF, XMP)."""
    markers, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: pixels follow
            break
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
    return markers


def detail(image: Image.Image, box) -> float:
    """Mean difference between horizontal neighbours inside a pixel box: the fine detail a
    face or a number plate is made of."""
    region = image.crop(box)
    shifted = ImageChops.offset(region, 1, 0)
    return ImageStat.Stat(ImageChops.difference(region, shifted).crop((1, 0, *region.size))).mean[
        0
    ]


def pixel_box(size, fractions, margin=0):
    (width, height), (x, y, w, h) = size, fractions
    return (
        max(0, int(x * width) - margin),
        max(0, int(y * height) - margin),
        min(width, int((x + w) * width) + margin),
        min(height, int((y + h) * height) + margin),
    )


def cells_outside(size, box, count=8):
    """Pixel boxes of an even grid, without the cells that touch `box`."""
    width, height = size
    for i in range(count):
        for j in range(count):
            cell = (i * width // count, j * height // count)
            cell += ((i + 1) * width // count, (j + 1) * height // count)
            apart = (
                cell[2] <= box[0] or cell[0] >= box[2] or cell[3] <= box[1] or cell[1] >= box[3]
            )
            if apart:
                yield cell


def assert_blurred_only_inside(blurred, plain, box) -> None:
    """Detail gone inside the box (a margin in), the picture unchanged away from it."""
    inside = pixel_box(plain.size, box, margin=-4)
    assert detail(blurred, inside) < 0.2 * detail(plain, inside)
    around = pixel_box(plain.size, box, margin=16)
    for cell in cells_outside(plain.size, around):
        assert ImageStat.Stat(ImageChops.difference(blurred, plain).crop(cell)).mean[0] < 3


@pytest.fixture
def campaign(client, group):
    found = Campaign(client, group)
    found.public_map(True)
    return found


@pytest.fixture
def gps_photo(shared_photos) -> bytes:
    return (shared_photos / GPS_JPEG).read_bytes()


def test_a_published_photo_is_served_on_its_public_url_without_any_metadata(
    client, campaign, gps_photo
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)

    answer = campaign.publish(digest, blur=[BOX])
    served = fetch(client, answer.json["public_url"])

    assert answer.status_code == 200
    assert answer.json["sha256"] == digest and answer.json["public"] is True
    assert answer.json["blur"] == [pytest.approx(BOX)]
    assert served.status_code == 200
    assert served.mimetype == "image/jpeg"
    assert served.headers["Cache-Control"] == "public, no-cache"
    image = Image.open(io.BytesIO(served.data))
    assert image.getexif() == {}
    assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
    assert 0xE1 not in jpeg_markers(served.data)
    assert b"Exif" not in served.data and b"GPS" not in served.data
    assert max(image.size) <= 1600


def test_inside_a_box_the_detail_is_gone_and_outside_it_the_pixels_are_unchanged(
    campaign, client, gps_photo
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    plain = campaign.display(digest)

    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    blurred = Image.open(io.BytesIO(fetch(client, url).data)).convert("L")

    assert blurred.size == plain.size
    assert_blurred_only_inside(blurred, plain, BOX)


def test_a_box_is_placed_on_the_upright_image_of_a_photo_turned_by_its_exif_orientation(
    campaign, client, gps_photo
):
    data = turned(gps_photo)
    digest = campaign.upload(data)
    campaign.observe(digest)
    plain = campaign.display(digest)
    corner = [0.05, 0.05, 0.5, 0.3]  # top left of the upright image, wider than it is tall

    url = campaign.publish(digest, blur=[corner]).json["public_url"]
    blurred = Image.open(io.BytesIO(fetch(client, url).data)).convert("L")

    assert plain.size == blurred.size == (480, 640)  # the 640 x 480 photo, stood upright
    assert_blurred_only_inside(blurred, plain, corner)


def test_unpublishing_makes_the_public_url_404_and_removes_the_file(
    app, campaign, client, gps_photo
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    assert len(public_files(app)) == 1

    answer = campaign.publish(digest, public=False, blur=[BOX])

    assert answer.status_code == 200
    assert answer.json["public"] is False and answer.json["public_url"] is None
    assert answer.json["blur"] == [pytest.approx(BOX)]  # kept for the next publication
    assert fetch(client, url).status_code == 404
    assert public_files(app) == []


def test_a_cache_holding_a_withdrawn_photo_is_told_at_once(campaign, client, gps_photo):
    """A browser or a shared cache keeps the photo, but must ask before showing it again:
    304 while it is published, 404 as soon as an organiser withdraws it."""
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    kept = fetch(client, url)
    assert "no-cache" in kept.headers["Cache-Control"]
    asked = {"If-None-Match": kept.headers["ETag"]}
    parts = urlsplit(url)
    assert client.get(f"{parts.path}?{parts.query}", headers=asked).status_code == 304

    campaign.publish(digest, public=False, blur=[BOX])

    assert client.get(f"{parts.path}?{parts.query}", headers=asked).status_code == 404


def test_asking_again_for_a_public_photo_held_has_its_own_allowance(
    app, campaign, client, gps_photo, monkeypatch
):
    """A map showing its photos again asks for each with If-None-Match: those 304s used up the
    address's allowance, and the photos it had not shown yet answered 429. They are counted
    apart (a 304 costs the name lookup as a 200 does: bounded, not free)."""
    monkeypatch.setitem(app.config, "PUBLIC_RATE_LIMIT", "2 per minute")
    monkeypatch.setitem(app.config, "PUBLIC_REVALIDATION_RATE_LIMIT", "4 per minute")
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}"
    kept = client.get(path)
    asked = {"If-None-Match": kept.headers["ETag"]}

    again = [client.get(path, headers=asked).status_code for _ in range(5)]

    assert kept.status_code == 200
    assert again == [304, 304, 304, 304, 429]
    assert [client.get(path).status_code for _ in range(2)] == [200, 429]


def test_a_lost_public_copy_is_made_again_from_the_same_boxes(app, campaign, client, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    (copy,) = public_files(app)
    first = copy.read_bytes()
    copy.unlink()  # a restore without it, a lost disk

    again = fetch(client, url)

    assert again.status_code == 200
    assert again.data == first  # same source, same boxes, same bytes
    assert [p.read_bytes() for p in public_files(app)] == [first]


def test_a_lost_public_copy_with_nothing_left_to_make_it_from_is_a_404(
    app, campaign, client, gps_photo
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    for path in Path(app.config["PHOTO_DIR"]).rglob("*"):
        if path.is_file() and digest in str(path):
            path.unlink()

    assert fetch(client, url).status_code == 404
    assert public_files(app) == []


def test_publishing_again_with_the_same_boxes_answers_the_same(app, campaign, client, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)

    first = campaign.publish(digest, blur=[BOX])
    body = fetch(client, first.json["public_url"]).data
    second = campaign.publish(digest, blur=[BOX])

    assert second.status_code == 200 and second.json == first.json
    assert fetch(client, second.json["public_url"]).data == body
    assert len(public_files(app)) == 1


def test_changing_the_boxes_changes_the_url_and_the_old_url_404s(app, campaign, client, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    old = campaign.publish(digest, blur=[BOX]).json["public_url"]

    new = campaign.publish(digest, blur=[BOX, [0.0, 0.0, 0.1, 0.1]]).json["public_url"]

    assert new != old
    assert fetch(client, old).status_code == 404
    assert fetch(client, new).status_code == 200
    assert len(public_files(app)) == 1


def test_no_photo_is_served_while_the_public_map_is_off(campaign, client, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest).json["public_url"]

    campaign.public_map(False)

    assert fetch(client, url).status_code == 404


@pytest.mark.parametrize("review", [None, "rejected"], ids=["pending", "rejected"])
def test_a_photo_of_a_camera_not_approved_is_refused_publication_and_not_served(
    campaign, client, gps_photo, review
):
    """It was answered 200 with a public URL, while nothing was served: the organiser was told
    her photo was public when it was not (docs/privacy.md: approved cameras only)."""
    digest = campaign.upload(gps_photo)
    campaign.observe(digest, review=review)

    answer = campaign.publish(digest, blur=[BOX])

    assert answer.status_code == 409
    assert answer.json["code"] == "camera_not_approved"
    assert campaign.geojson()["features"] == []
    state = campaign.client.get(
        f"/api/v1/photos/{digest}/publication", headers=campaign.group.headers("organiser")
    ).json
    assert (state["public"], state["public_url"], state["decided"]) == (False, None, False)


def test_boxes_kept_private_before_the_review_are_published_once_the_camera_is_approved(
    campaign, client, gps_photo
):
    digest = campaign.upload(gps_photo)
    obs = campaign.observe(digest, review=None)
    kept = campaign.publish(digest, public=False, blur=[BOX])
    assert kept.status_code == 200 and kept.json["blur"] == [BOX]

    campaign.review(obs, "approved")
    answer = campaign.publish(digest, blur=[BOX])

    assert answer.status_code == 200
    assert fetch(client, answer.json["public_url"]).status_code == 200


def test_a_photo_of_a_camera_approved_as_gone_is_refused_publication(campaign, gps_photo):
    digest = campaign.upload(gps_photo)
    obs = campaign.observe(digest)
    _walker_edit(campaign, obs, presence="gone")
    campaign.review(obs, "approved")

    assert campaign.publish(digest).json["code"] == "camera_not_approved"


def test_a_photo_shared_with_an_approved_camera_may_be_published(campaign, client, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest, review=None)
    campaign.observe(digest)

    answer = campaign.publish(digest)

    assert answer.status_code == 200
    assert fetch(client, answer.json["public_url"]).status_code == 200


def _walker_edit(campaign, obs: str, **fields) -> None:
    """A walker's edit of a camera (base: what the pull shows her), synced."""
    pulled = campaign.client.post(
        f"/api/v1/groups/{campaign.group.id}/sync",
        json={"cursor": 0, "limit": 100, "changes": []},
        headers=campaign.group.headers("walker"),
    ).json["observations"]
    (current,) = [o for o in pulled if o["id"] == obs]
    change = {
        "change_id": str(uuid.uuid4()),
        "observation_id": obs,
        "op": "update",
        "base_version": current["version"],
        "made_at": "2026-11-22T10:00:00+01:00",
        "fields": {name: {"old": current[name], "new": new} for name, new in fields.items()},
    }
    answer = campaign.client.post(
        f"/api/v1/groups/{campaign.group.id}/sync",
        json={"cursor": 0, "limit": 1, "changes": [change]},
        headers=campaign.group.headers("walker"),
    )
    assert answer.json["results"][0]["status"] == "applied", answer.json


def test_a_walkers_edit_waiting_for_review_leaves_the_cameras_photos_shown(
    campaign, client, gps_photo
):
    digest = campaign.upload(gps_photo)
    obs = campaign.observe(digest)
    url = campaign.publish(digest).json["public_url"]

    _walker_edit(campaign, obs, mount="wall")

    (feature,) = campaign.geojson()["features"]
    assert feature["properties"]["mount"] is None  # as approved: the edit waits
    assert feature["properties"]["photos"] == [url]
    assert fetch(client, url).status_code == 200


def test_a_camera_approved_as_gone_takes_its_photos_off_the_map(campaign, client, gps_photo):
    digest = campaign.upload(gps_photo)
    obs = campaign.observe(digest)
    url = campaign.publish(digest).json["public_url"]

    _walker_edit(campaign, obs, presence="gone")
    assert fetch(client, url).status_code == 200  # the report waits for review
    campaign.review(obs, "approved")

    assert campaign.geojson()["features"] == []
    assert fetch(client, url).status_code == 404


def test_the_public_url_does_not_give_away_the_originals_hash(app, campaign, client, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    features = client.get(f"/api/v1/public/{campaign.group.group.slug}/cameras.geojson").json

    assert digest not in url and digest[:16] not in url
    assert digest not in json.dumps(features)
    # Another server (another secret) names the same photo differently.
    app.config["SECRET_KEY"], secret = "another server", app.config["SECRET_KEY"]
    try:
        other = campaign.publish(digest, blur=[BOX]).json["public_url"]
    finally:
        app.config["SECRET_KEY"] = secret
    assert other != url


def test_the_public_url_of_a_photo_is_only_served_under_its_own_group(
    campaign, client, make_group, gps_photo
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest).json["public_url"]
    other = Campaign(client, make_group("Belsunce"))
    other.public_map(True)

    path = urlsplit(url)
    moved = path.path.replace(campaign.group.group.slug, other.group.group.slug)

    assert fetch(client, url).status_code == 200
    assert client.get(f"{moved}?{path.query}").status_code == 404


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("walker", 403, "forbidden"),
        ("other_organiser", 404, "not_found"),
        (None, 401, "unauthenticated"),
    ],
)
def test_only_the_groups_organisers_may_publish_a_photo(
    app, campaign, client, make_group, gps_photo, who, status, code
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    if who == "other_organiser":
        caller = Campaign(client, make_group("Belsunce"))
        answer = caller.publish(digest)
    else:
        answer = campaign.publish(digest, who=who)

    assert (answer.status_code, answer.json["code"]) == (status, code)
    assert db.session.query(Photo).one().public is False
    assert public_files(app) == []


def test_a_photo_no_observation_shows_cannot_be_published(app, campaign, gps_photo):
    digest = campaign.upload(gps_photo)

    answer = campaign.publish(digest)

    assert answer.status_code == 404
    assert public_files(app) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"public": True, "blur": [[-0.1, 0.2, 0.3, 0.3]]}, "blur"),
        ({"public": True, "blur": [[0.2, 0.2, 1.3, 0.3]]}, "blur"),
        ({"public": True, "blur": [[0.2, 0.2, 0, 0.3]]}, "blur"),
        ({"public": True, "blur": [[0.2, 0.2, 0.3, 0]]}, "blur"),
        ({"public": True, "blur": [[0.8, 0.2, 0.3, 0.3]]}, "blur"),
        ({"public": True, "blur": [[0.2, 0.8, 0.3, 0.3]]}, "blur"),
        ({"public": True, "blur": [[0.2, 0.2, 0.3]]}, "blur"),
        ({"public": True, "blur": [[0.01, 0.01, 0.01, 0.01]] * 51}, "blur"),
        ({"public": True, "blur": [["a", 0.2, 0.3, 0.3]]}, "blur"),
        ({"public": "maybe"}, "public"),
        ({"blur": []}, "public"),
        ({"public": True, "note": "faces"}, "note"),
    ],
    ids=[
        "negative",
        "over_one",
        "zero_width",
        "zero_height",
        "past_right_edge",
        "past_bottom_edge",
        "three_numbers",
        "too_many_boxes",
        "not_a_number",
        "public_not_bool",
        "public_missing",
        "unknown_key",
    ],
)
def test_a_publication_body_that_breaks_a_rule_is_refused_with_422(
    app, campaign, client, gps_photo, body, field
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)

    answer = client.put(
        f"/api/v1/photos/{digest}/publication",
        json=body,
        headers=campaign.group.headers("organiser"),
    )

    assert answer.status_code == 422
    assert answer.json["code"] == "invalid_input"
    assert field in answer.json["errors"]
    assert db.session.query(Photo).one().public is False
    assert public_files(app) == []


def test_fifty_boxes_touching_the_edges_are_accepted(campaign, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    boxes = [[0.98, 0.98, 0.02, 0.02]] * 49 + [[0.0, 0.0, 1.0, 1.0]]

    answer = campaign.publish(digest, blur=boxes)

    assert answer.status_code == 200 and len(answer.json["blur"]) == 50


@pytest.mark.parametrize(
    ("damage", "status", "code"),
    [("missing", 409, "photo_file_missing"), ("garbled", 422, "unreadable_photo")],
)
def test_a_photo_whose_file_cannot_be_rendered_is_not_published(
    app, campaign, gps_photo, damage, status, code
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    display = next(Path(app.config["PHOTO_DIR"]).rglob(f"{digest}/display.jpg"))
    if damage == "missing":
        display.unlink()
    else:
        display.write_bytes(display.read_bytes()[:2000])

    answer = campaign.publish(digest)

    assert (answer.status_code, answer.json["code"]) == (status, code)
    db.session.expire_all()
    assert db.session.query(Photo).one().public is False
    assert public_files(app) == []


def test_the_public_map_lists_the_urls_of_public_photos_only(campaign, client, shared_photos):
    shown = campaign.upload((shared_photos / GPS_JPEG).read_bytes())
    hidden = campaign.upload((shared_photos / SECOND_JPEG).read_bytes())
    campaign.observe(shown, hidden)
    url = campaign.publish(shown, blur=[BOX]).json["public_url"]

    (feature,) = campaign.geojson()["features"]

    assert feature["properties"]["photos"] == [url]
    assert hidden not in str(campaign.geojson())
    assert fetch(client, url).status_code == 200


def test_the_public_map_lists_no_photo_until_one_is_published(campaign, gps_photo):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)

    (feature,) = campaign.geojson()["features"]

    assert feature["properties"]["photos"] == []
    assert digest not in str(campaign.geojson())


def test_the_review_queue_shows_whether_each_photo_is_public_and_its_boxes(
    campaign, client, gps_photo
):
    digest = campaign.upload(gps_photo)
    obs = campaign.observe(digest)
    campaign.publish(digest, blur=[BOX])
    _walker_edit(campaign, obs, mount="wall")  # back in the queue, still on the map

    queue = client.get(
        f"/api/v1/groups/{campaign.group.id}/review?status=pending",
        headers=campaign.group.headers("organiser"),
    ).json

    (photo,) = queue[0]["photos"]
    assert photo["sha256"] == digest and photo["public"] is True
    assert photo["blur"] == [pytest.approx(BOX)]
