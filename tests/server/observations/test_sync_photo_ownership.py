"""A photo belongs to one observation, and photo-import drafts are written like synced creates.

Attaching a photo another observation holds is rejected `photo_in_use` (moving it would change
the other observation without a revision, so phones would keep showing it there); detaching it
first, even earlier in the same batch, frees it.
"""

import hashlib
import io

from PIL import Image

from server.extensions import db
from server.observations.models import Observation


def _upload_with_gps(client, group, lat, lon) -> str:
    """A JPEG whose EXIF places it at (lat, lon), uploaded to the group."""
    image = Image.new("RGB", (16, 12), (90, 120, 150))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)

    def dms(value):
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = ((value - degrees) * 60 - minutes) * 60
        return (degrees, minutes, round(seconds, 4))

    gps.update({1: "N", 2: dms(lat), 3: "E", 4: dms(lon)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
    assert response.status_code == 201, response.json
    return digest


def test_one_photo_can_show_two_cameras(sync_api, by_id):
    first, second = sync_api.create(), sync_api.create(position={"lat": 43.3, "lon": 5.4})
    digest = sync_api.upload_photo()
    sync_api.sync([first, second, sync_api.photo("attach_photo", first["observation_id"], digest)])

    answer = sync_api.sync(
        [sync_api.photo("attach_photo", second["observation_id"], digest, "context")]
    )

    assert answer["results"][0]["status"] == "applied"
    pulled = by_id(answer)
    assert pulled[second["observation_id"]]["photos"] == [{"sha256": digest, "role": "context"}]
    everyone = by_id(sync_api.sync([], cursor=0))
    assert everyone[first["observation_id"]]["photos"] == [{"sha256": digest, "role": "close_up"}]


def test_a_photo_detached_earlier_in_the_batch_can_go_to_another_observation(sync_api, by_id):
    first, second = sync_api.create(), sync_api.create(position={"lat": 43.3, "lon": 5.4})
    digest = sync_api.upload_photo()
    sync_api.sync([first, second, sync_api.photo("attach_photo", first["observation_id"], digest)])

    answer = sync_api.sync(
        [
            sync_api.photo("detach_photo", first["observation_id"], digest),
            sync_api.photo("attach_photo", second["observation_id"], digest),
        ]
    )

    assert [r["status"] for r in answer["results"]] == ["applied", "applied"]
    pulled = by_id(answer)
    assert pulled[first["observation_id"]]["photos"] == []
    assert [p["sha256"] for p in pulled[second["observation_id"]]["photos"]] == [digest]


def test_a_photo_import_draft_is_pulled_after_the_cursor_like_a_synced_create(
    client, group, sync_api, by_id
):
    before = sync_api.sync([sync_api.create()])
    digest = _upload_with_gps(client, group, 43.2961, 5.3812)

    made = client.post(
        f"/api/v1/walks/{group.walk.id}/photo-import",
        json={"photos": [digest]},
        headers=group.headers(),
    )
    after = sync_api.sync(cursor=before["cursor"])

    assert made.status_code == 201, made.json
    draft = made.json["observations"][0]
    pulled = by_id(after)
    assert draft["seq"] > before["cursor"]
    assert pulled[draft["id"]]["seq"] == draft["seq"]
    assert pulled[draft["id"]]["photos"] == [{"sha256": digest, "role": "close_up"}]


def test_a_photo_import_draft_carries_stamps_so_a_walker_edit_of_it_merges(
    client, group, sync_api, by_id
):
    digest = _upload_with_gps(client, group, 43.2961, 5.3812)
    draft = client.post(
        f"/api/v1/walks/{group.walk.id}/photo-import",
        json={"photos": [digest]},
        headers=group.headers(),
    ).json["observations"][0]

    answer = sync_api.sync([sync_api.update(draft["id"], 1, camera_type=(None, "dome"))])

    assert answer["results"][0]["status"] == "applied"
    row = db.session.query(Observation).filter_by(uuid=draft["id"]).one()
    assert set(row.field_stamps) >= {"position", "kind", "photos"}
    assert by_id(answer)[draft["id"]]["camera_type"] == "dome"


def test_a_photo_import_flags_a_nearby_observation_as_a_possible_duplicate(
    client, group, sync_api, by_id
):
    logged = sync_api.create(position={"lat": 43.2961, "lon": 5.3812, "accuracy_m": 5})
    logged["fields"]["direction"] = None
    first = sync_api.sync([logged])
    digest = _upload_with_gps(client, group, 43.29611, 5.38121)

    draft = client.post(
        f"/api/v1/walks/{group.walk.id}/photo-import",
        json={"photos": [digest]},
        headers=group.headers(),
    ).json["observations"][0]
    pulled = by_id(sync_api.sync(cursor=first["cursor"]))

    assert pulled[logged["observation_id"]]["duplicate_hints"] == [draft["id"]]
    assert pulled[draft["id"]]["duplicate_hints"] == [logged["observation_id"]]
