"""Finding the photo a public name stands for: by the index of the names handed out, checked
against the photo as it is now, at a cost that does not grow with the campaign; and refused
as soon as the public map no longer shows its camera (server/photos/publication.py)."""

import uuid
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.observations.models import Observation
from server.photos import publication
from server.photos.models import ObservationPhoto, Photo
from tests.server.photos.test_publication import BOX, GPS_JPEG, Campaign, _walker_edit, fetch, sha


@pytest.fixture
def campaign(client, group):
    found = Campaign(client, group)
    found.public_map(True)
    return found


@pytest.fixture
def gps_photo(shared_photos) -> bytes:
    return (shared_photos / GPS_JPEG).read_bytes()


def add_published_photos(campaign, obs: str, first: int, count: int) -> None:
    """`count` more published photos on the camera `obs`, as rows: nobody asks for their
    files, only the map lists them."""
    observation = db.session.scalar(sa.select(Observation).where(Observation.uuid == obs))
    for index in range(first, first + count):
        photo = Photo(
            group_id=campaign.group.id,
            sha256=sha(f"another photo {index}".encode()),
            media_type="image/jpeg",
            size_bytes=1,
            public=True,
            blur=[],
        )
        db.session.add(photo)
        db.session.flush()
        db.session.add(
            ObservationPhoto(
                observation_id=observation.id, photo_id=photo.id, role="context", published=True
            )
        )
    db.session.commit()


def cost_of_asking(client, path: str, monkeypatch) -> tuple[int, int, int]:
    """(status, public names worked out, photo rows loaded) of one request for `path`."""
    names, rows = [], []
    name_of = publication.public_name
    monkeypatch.setattr(
        publication, "public_name", lambda photo: names.append(1) or name_of(photo)
    )

    def loaded(_photo, _context):
        rows.append(1)

    db.session.remove()  # no photo already held: each one the request reads is counted
    sa.event.listen(Photo, "load", loaded)
    try:
        status = client.get(path).status_code
    finally:
        sa.event.remove(Photo, "load", loaded)
        monkeypatch.setattr(publication, "public_name", name_of)
    return status, len(names), len(rows)


def test_asking_for_a_public_photo_costs_the_same_at_2_published_photos_as_at_200(
    campaign, client, gps_photo, monkeypatch
):
    """Every published photo's name was worked out (an HMAC each) to find the one asked
    for, and as many for a name that stands for nothing: a campaign's size made each
    visitor's photos cost seconds of CPU, which anyone could ask for."""
    digest = campaign.upload(gps_photo)
    obs = campaign.observe(digest)
    path = urlsplit(campaign.publish(digest, blur=[BOX]).json["public_url"]).path
    unknown = f"{path.rsplit('/', 1)[0]}/{'0' * 32}.jpg"
    add_published_photos(campaign, obs, 0, 1)
    campaign.geojson()
    few = [cost_of_asking(client, p, monkeypatch) for p in (path, unknown)]

    add_published_photos(campaign, obs, 1, 198)
    (feature,) = campaign.geojson()["features"]
    many = [cost_of_asking(client, p, monkeypatch) for p in (path, unknown)]

    assert len(feature["properties"]["photos"]) == 200
    assert many == few
    assert many == [(200, 1, 1), (404, 0, 0)]


def test_on_sqlite_a_public_photo_is_read_by_its_name_not_among_the_groups_cameras(
    campaign, client, gps_photo, statements
):
    """With the name and the map's rule in one query, SQLite read every camera of the group
    (by its group index) to find the photo's: no read by the group alone, no scan."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans from its statistics, which a few rows do not make")
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    path = urlsplit(campaign.publish(digest, blur=[BOX]).json["public_url"]).path
    statements.clear()

    assert client.get(path).status_code == 200

    plans = {
        sql: " ".join(row[-1] for row in db.session.connection().exec_driver_sql(
            f"EXPLAIN QUERY PLAN {sql}", params
        ))
        for sql, params in list(statements)
        if sql.startswith("SELECT") and ("FROM photo" in sql or "FROM observation" in sql)
    }  # fmt: skip
    assert plans
    for sql, plan in plans.items():
        assert "SCAN " not in plan and "(group_id=?)" not in plan, (sql, plan)


def test_a_row_holding_a_name_its_boxes_no_longer_give_is_not_served_under_it(
    campaign, client, gps_photo
):
    """The index only finds: the name must still be the photo's by its boxes as they are."""
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    assert fetch(client, url).status_code == 200

    # Boxes changed by anything but a publication, which would have renamed the photo.
    db.session.execute(sa.update(Photo.__table__).values(blur=[[0.0, 0.0, 0.5, 0.5]]))
    db.session.commit()

    assert fetch(client, url).status_code == 404


def test_under_a_new_secret_key_the_old_names_404_and_the_map_hands_out_new_ones(
    app, campaign, client, gps_photo, monkeypatch
):
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    old = campaign.publish(digest, blur=[BOX]).json["public_url"]

    monkeypatch.setitem(app.config, "SECRET_KEY", "the new secret")

    assert fetch(client, old).status_code == 404
    (feature,) = campaign.geojson()["features"]
    (new,) = feature["properties"]["photos"]
    assert new != old
    assert fetch(client, new).status_code == 200
    assert fetch(client, old).status_code == 404
    editor = client.get(
        f"/api/v1/photos/{digest}/publication", headers=campaign.group.headers("organiser")
    )
    assert editor.json["public_url"] == new


@pytest.mark.parametrize("shown_by", ["map", "editor"])
def test_a_photo_published_before_names_were_stored_is_served_once_it_is_shown(
    campaign, client, gps_photo, shown_by
):
    """The migration cannot name the photos (it does not hold the secret): the first time the
    map or the organiser's editor hands a name out, it is stored."""
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    db.session.execute(sa.update(Photo.__table__).values(public_name=None))
    db.session.commit()
    assert fetch(client, url).status_code == 404

    if shown_by == "map":
        (feature,) = campaign.geojson()["features"]
        shown = feature["properties"]["photos"]
    else:
        shown = [
            client.get(
                f"/api/v1/photos/{digest}/publication",
                headers=campaign.group.headers("organiser"),
            ).json["public_url"]
        ]

    assert shown == [url]
    assert fetch(client, url).status_code == 200


def test_handing_out_a_name_keeps_the_one_a_publication_stored_meanwhile(campaign, gps_photo):
    """The map read the row with no name yet; an organiser's new boxes then renamed it: the
    map's name (for the boxes it read) must not take the new one's place."""
    digest = campaign.upload(gps_photo)
    campaign.observe(digest)
    campaign.publish(digest, blur=[BOX])
    db.session.execute(sa.update(Photo.__table__).values(public_name=None))
    db.session.commit()
    read = db.session.scalar(sa.select(Photo))
    assert read.public_name is None
    renamed = {"blur": [[0.0, 0.0, 0.5, 0.5]], "public_name": "f" * 32}
    db.session.execute(sa.update(Photo.__table__).values(**renamed))

    publication._names_handed_out([read])

    stored = db.session.execute(sa.select(Photo.__table__.c.public_name)).scalar_one()
    assert stored == "f" * 32


def _shown_then(campaign, client, gps_photo, change) -> tuple[int, int]:
    """The photo's status on the public map before and after `change(campaign, obs)`."""
    digest = campaign.upload(gps_photo)
    obs = campaign.observe(digest)
    url = campaign.publish(digest, blur=[BOX]).json["public_url"]
    before = fetch(client, url).status_code
    change(campaign, obs)
    return before, fetch(client, url).status_code


def _delete(campaign, obs: str) -> None:
    """An organiser deletes the camera (a walker's delete of an approved one is a conflict)."""
    pulled = campaign.client.post(
        f"/api/v1/groups/{campaign.group.id}/sync",
        json={"cursor": 0, "limit": 100, "changes": []},
        headers=campaign.group.headers("walker"),
    ).json["observations"]
    (current,) = [o for o in pulled if o["id"] == obs]
    change = {
        "change_id": str(uuid.uuid4()),
        "observation_id": obs,
        "op": "delete",
        "base_version": current["version"],
        "made_at": "2026-11-22T10:00:00+01:00",
    }
    answer = campaign.client.post(
        f"/api/v1/groups/{campaign.group.id}/sync",
        json={"cursor": 0, "limit": 1, "changes": [change]},
        headers=campaign.group.headers("organiser"),
    )
    assert answer.json["results"][0]["status"] == "applied", answer.json


def _unpublish(campaign, obs: str) -> None:
    assert (
        campaign.publish(db.session.scalar(sa.select(Photo.sha256)), public=False).status_code
        == 200
    )


def _reject(campaign, obs: str) -> None:
    campaign.review(obs, "rejected")


def _gone(campaign, obs: str) -> None:
    _walker_edit(campaign, obs, presence="gone")
    campaign.review(obs, "approved")


def _map_off(campaign, obs: str) -> None:
    campaign.public_map(False)


@pytest.mark.parametrize(
    "change",
    [_unpublish, _reject, _gone, _delete, _map_off],
    ids=["unpublished", "rejected", "approved_as_gone", "deleted", "public_map_off"],
)
def test_a_name_found_in_the_index_is_refused_once_the_map_no_longer_shows_the_camera(
    campaign, client, gps_photo, change
):
    assert _shown_then(campaign, client, gps_photo, change) == (200, 404)
