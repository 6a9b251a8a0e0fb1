"""A photo reaches the public map beside a camera only once an organiser published it there.

A photo may show several cameras, and a walker links photos to cameras as she syncs: one an
organiser published beside camera A, linked by a walker to camera B, already approved, showed
beside B on the public map, in the signage file and under its public URL, with nobody having
looked at it beside B. Publication is recorded per camera (server/photos/publication.py), and
so is keeping it private: taken off beside one camera, it stays beside the others."""

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.observations.models import Observation
from server.photos.models import ObservationPhoto, Photo
from tests.server.observations.conftest import SyncApi
from tests.server.photos.test_publication import Campaign, fetch, public_files

A_LAT, B_LAT, C_LAT = 43.2961234, 43.2971234, 43.2951234


class Cameras(Campaign):
    """Cameras apart (the public map tells them by place), photos made small and fast."""

    def __init__(self, client, group):
        super().__init__(client, group)
        self.api = SyncApi(client, group)

    def camera(self, lat: float, *photos: str, **fields) -> str:
        position = {"lat": lat, "lon": 5.3812345, "accuracy_m": 5}
        create = self.api.create(position=position, **fields)
        obs = create["observation_id"]
        self.api.sync([create, *(self.link(obs, sha) for sha in photos)])
        self.review(obs, "approved")
        return obs

    def link(self, obs: str, sha: str) -> dict:
        return self.api.photo("attach_photo", obs, sha)

    def publish_beside(self, sha: str, obs: str, public: bool = True):
        """Published from camera `obs`'s card: the organiser's screen names the camera."""
        return self.client.put(
            f"/api/v1/photos/{sha}/publication",
            json={"public": public, "blur": [], "observation_id": obs},
            headers=self.group.headers("organiser"),
        )

    def photos_beside(self) -> dict[float, list[str]]:
        """The public map's photo URLs per camera, by latitude."""
        return {
            feature["geometry"]["coordinates"][1]: feature["properties"]["photos"]
            for feature in self.geojson()["features"]
        }

    def public_in_review(self) -> dict[str, bool]:
        """Per approved camera, whether the organiser's screens say its photo is public."""
        queue = self.client.get(
            f"/api/v1/groups/{self.group.id}/review?status=approved",
            headers=self.group.headers("organiser"),
        ).json
        return {item["id"]: [p["public"] for p in item["photos"]] for item in queue}


@pytest.fixture
def cameras(client, group):
    found = Cameras(client, group)
    found.public_map(True)
    return found


@pytest.fixture
def published_on_a(cameras):
    """Camera A with a photo published beside it, camera B approved without it, and the
    walker's sync that links the photo to B: (A, B, the photo, its public URL)."""
    sha = cameras.api.upload_photo()
    a = cameras.camera(A_LAT, sha)
    b = cameras.camera(B_LAT)
    url = cameras.publish(sha).json["public_url"]
    cameras.api.sync([cameras.link(b, sha)])
    return a, b, sha, url


def test_a_photo_a_walker_links_to_another_approved_camera_waits_there_for_an_organiser(
    cameras, published_on_a
):
    a, b, sha, url = published_on_a

    assert cameras.photos_beside() == {A_LAT: [url], B_LAT: []}
    assert cameras.public_in_review() == {a: [True], b: [False]}  # B's waits for her look

    again = cameras.publish(sha)

    assert again.status_code == 200 and again.json["public_url"] == url
    assert cameras.photos_beside() == {A_LAT: [url], B_LAT: [url]}
    assert cameras.public_in_review() == {a: [True], b: [True]}


@pytest.mark.parametrize("a_goes", ["rejected", "merged_away"])
def test_once_the_camera_it_was_published_beside_goes_its_url_shows_it_nowhere_else(
    cameras, client, published_on_a, a_goes
):
    a, _, _, url = published_on_a
    third = cameras.camera(C_LAT)

    if a_goes == "rejected":
        cameras.review(a, "rejected")
    else:  # merged into a third camera: one device, which it was published beside
        answer = client.post(
            f"/api/v1/observations/{third}/merge",
            json={"other": a, "take": []},
            headers=cameras.group.headers("organiser"),
        )
        assert answer.status_code == 200, answer.json

    shown = cameras.photos_beside()
    assert shown[B_LAT] == []
    if a_goes == "rejected":
        assert C_LAT in shown and url not in str(shown)
        assert fetch(client, url).status_code == 404
    else:
        assert shown == {B_LAT: [], C_LAT: [url]}
        assert fetch(client, url).status_code == 200
        # Kept private beside the survivor: the camera merged into it shows nothing any more.
        kept = cameras.publish_beside(published_on_a[2], third, public=False)
        assert (kept.status_code, kept.json["public"]) == (200, False)
        assert fetch(client, url).status_code == 404


def test_withdrawn_it_leaves_every_camera_and_published_again_only_those_on_the_map(
    cameras, client, published_on_a
):
    a, b, sha, url = published_on_a
    cameras.publish(sha)  # beside B too
    cameras.publish(sha, public=False)
    assert cameras.photos_beside() == {A_LAT: [], B_LAT: []}
    assert fetch(client, url).status_code == 404

    cameras.review(b, "rejected")
    cameras.publish(sha)
    cameras.review(b, "approved")  # back on the map: not the photo, which she did not look at

    assert cameras.photos_beside() == {A_LAT: [url], B_LAT: []}
    assert cameras.public_in_review() == {a: [True], b: [False]}


def test_kept_private_from_one_cameras_card_it_leaves_that_camera_alone(
    app, cameras, client, published_on_a
):
    a, b, sha, url = published_on_a
    cameras.publish_beside(sha, b)
    path = f"/api/v1/photos/{sha}/publication"
    by_walker = client.put(
        path,
        json={"public": False, "observation_id": b},
        headers=cameras.group.headers("walker"),
    )
    assert by_walker.status_code == 403

    kept = cameras.publish_beside(sha, b, public=False)

    assert (kept.status_code, kept.json["public"], kept.json["public_url"]) == (200, True, url)
    assert cameras.photos_beside() == {A_LAT: [url], B_LAT: []}
    assert cameras.public_in_review() == {a: [True], b: [False]}
    assert fetch(client, url).status_code == 200

    # Beside the last camera it was published with: private, as withdrawn everywhere.
    last = cameras.publish_beside(sha, a, public=False)

    assert (last.status_code, last.json["public"], last.json["public_url"]) == (200, False, None)
    assert cameras.photos_beside() == {A_LAT: [], B_LAT: []}
    assert cameras.public_in_review() == {a: [False], b: [False]}
    assert fetch(client, url).status_code == 404
    assert public_files(app) == []


def test_detached_by_a_walker_from_the_last_camera_it_was_published_beside_it_is_private(
    app, cameras, client, published_on_a
):
    a, b, sha, url = published_on_a
    assert len(public_files(app)) == 1

    cameras.api.sync([cameras.api.photo("detach_photo", a, sha)])

    # As withdrawn beside that camera by an organiser: nothing public left, on disk either.
    assert cameras.photos_beside() == {A_LAT: [], B_LAT: []}
    assert cameras.public_in_review() == {a: [], b: [False]}
    assert fetch(client, url).status_code == 404
    assert public_files(app) == []
    view = client.get(
        f"/api/v1/photos/{sha}/publication", headers=cameras.group.headers("organiser")
    ).json
    assert (view["public"], view["public_url"]) == (False, None)
    # Published again beside the camera that still shows it: her decision, as any other.
    assert cameras.publish_beside(sha, b).status_code == 200
    assert cameras.photos_beside() == {A_LAT: [], B_LAT: [url]}
    assert len(public_files(app)) == 1


def test_detached_from_the_last_standing_camera_it_leaves_the_deleted_ones_too(
    app, cameras, published_on_a
):
    """A camera deleted since keeps its links (a later edit may bring it back): the photo's
    publication there goes with the rest, as when an organiser withdraws it."""
    a, _, sha, _ = published_on_a
    c = cameras.camera(C_LAT, sha)
    cameras.publish_beside(sha, c)
    with app.app_context():
        db.session.execute(
            sa.update(Observation).where(Observation.uuid == c).values(deleted=True)
        )
        db.session.commit()

    cameras.api.sync([cameras.api.photo("detach_photo", a, sha)])

    with app.app_context():
        links = db.session.execute(
            sa.select(Observation.uuid, ObservationPhoto.published)
            .join(ObservationPhoto, ObservationPhoto.observation_id == Observation.id)
            .join(Photo, Photo.id == ObservationPhoto.photo_id)
            .where(Photo.sha256 == sha)
        ).all()
        public = db.session.scalar(sa.select(Photo.public).where(Photo.sha256 == sha))
    assert public is False
    assert sorted(links) == sorted([(published_on_a[1], False), (c, False)])


def test_detached_from_one_camera_it_stays_beside_the_others(app, cameras, client, published_on_a):
    a, b, sha, url = published_on_a
    cameras.publish_beside(sha, b)

    cameras.api.sync([cameras.api.photo("detach_photo", a, sha)])

    assert cameras.photos_beside() == {A_LAT: [], B_LAT: [url]}
    assert cameras.public_in_review() == {a: [], b: [True]}
    assert fetch(client, url).status_code == 200
    assert len(public_files(app)) == 1


def test_the_signage_file_lists_a_photo_only_beside_the_camera_it_was_published_with(
    cameras, client
):
    sha = cameras.api.upload_photo()
    a = cameras.camera(A_LAT, sha, sign="none")
    b = cameras.camera(B_LAT, sign="none")
    cameras.publish(sha)
    cameras.api.sync([cameras.link(b, sha)])

    path = f"/api/v1/walks/{cameras.group.walk.id}/signage"
    report = client.get(path, headers=cameras.group.headers("organiser")).json

    assert {row["id"]: row["photos"] for row in report["rows"]} == {a: [sha], b: []}


def test_published_from_one_cameras_card_it_shows_beside_that_camera_alone(
    cameras, published_on_a
):
    a, b, sha, url = published_on_a

    again = cameras.publish_beside(sha, a)  # new boxes looked at beside A: not B's decision
    assert again.status_code == 200
    assert cameras.photos_beside() == {A_LAT: [url], B_LAT: []}

    assert cameras.publish_beside(sha, b).status_code == 200
    assert cameras.photos_beside() == {A_LAT: [url], B_LAT: [url]}


@pytest.mark.parametrize(
    ("camera", "public", "refusal"),
    [
        ("another", True, ["does not show this photo"]),
        ("unknown", True, ["does not show this photo"]),
        ("upper", True, ["must be a UUID in lower case"]),
        ("pending", True, "camera_not_approved"),
        ("another", False, ["does not show this photo"]),
        ("unknown", False, ["does not show this photo"]),
        ("pending", False, None),  # nothing shown there to take off: nothing changes
    ],
)
def test_a_camera_named_must_show_the_photo_and_be_on_the_map(
    cameras, published_on_a, camera, public, refusal
):
    _, b, sha, url = published_on_a
    other = cameras.camera(43.29, cameras.api.upload_photo(shade=40))
    pending = cameras.api.create()
    cameras.api.sync([pending, cameras.link(pending["observation_id"], sha)])
    named = {
        "another": other,
        "unknown": "0" * 8 + "-0000-4000-8000-" + "0" * 12,
        "upper": b.upper(),
        "pending": pending["observation_id"],
    }[camera]

    answer = cameras.publish_beside(sha, named, public=public)

    if refusal is None:
        assert (answer.status_code, answer.json["public_url"]) == (200, url)
    elif camera == "pending":
        assert (answer.status_code, answer.json["code"]) == (409, refusal)
    else:
        assert answer.status_code == 422
        assert answer.json["errors"] == {"observation_id": refusal}
    assert cameras.photos_beside() == {A_LAT: [url], B_LAT: [], 43.29: []}
