"""Two walkers editing one observation: merges, conflicts, delete against edit, photos."""

import hashlib

import sqlalchemy as sa

from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.observations.models import Conflict, Revision
from server.photos.models import ObservationPhoto, Photo
from tests.builders import jpeg_bytes


def second_walker(group) -> dict:
    member = create_member(group.group, "sam", Role.WALKER)
    token = issue_token(member, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def created(sync_api, **fields) -> str:
    change = sync_api.create(**fields)
    sync_api.sync([change])
    return change["observation_id"]


def test_edits_of_different_fields_by_two_walkers_both_apply(sync_api, group, by_id):
    sam = second_walker(group)
    obs = created(sync_api)
    sync_api.sync([sync_api.update(obs, 1, operator=(None, "SNCF"))])

    answer = sync_api.sync([sync_api.update(obs, 1, mount=(None, "pole"))], headers=sam)

    assert answer["results"][0]["status"] == "applied"
    pulled = by_id(answer)[obs]
    assert (pulled["operator"], pulled["mount"], pulled["version"]) == ("SNCF", "pole", 3)


def test_a_base_version_of_0_is_a_phone_that_pulled_no_version_yet(sync_api, group, by_id):
    # A client written from the docs (tests/sync/sync_walker_model.py is one) bases an edit of
    # a camera it logged offline on 0: it holds no version of the server's. Its own create is
    # seen, so the edit applies; a value another walker set is not, so replacing it is
    # concurrent, ranked as a conflict, never applied as fresh.
    sam = second_walker(group)
    mine = sync_api.create()
    answer = sync_api.sync(
        [mine, sync_api.update(mine["observation_id"], 0, mount=(None, "pole"))]
    )
    assert [result["status"] for result in answer["results"]] == ["applied", "applied"]
    assert by_id(answer)[mine["observation_id"]]["mount"] == "pole"

    sams = sync_api.sync(
        [sync_api.update(mine["observation_id"], 0, mount=("pole", "wall"))], headers=sam
    )

    assert sams["results"][0]["status"] == "conflict"
    assert sams["results"][0]["conflict_ids"] == [f"{sams['results'][0]['change_id']}/mount"]


def test_the_same_field_set_two_ways_opens_a_conflict_both_walkers_pull(sync_api, group, by_id):
    sam = second_walker(group)
    obs = created(sync_api)
    early = sync_api.update(obs, 1, made_at="2026-11-21T10:00:00+01:00", operator=(None, "SNCF"))
    late = sync_api.update(obs, 1, made_at="2026-11-21T10:05:00+01:00", operator=(None, "RTM"))
    sync_api.sync([early])

    sams = sync_api.sync([late], headers=sam)
    mine = sync_api.sync()

    key = f"{late['change_id']}/operator"
    assert sams["results"][0]["status"] == "conflict"
    assert sams["results"][0]["conflict_ids"] == [key]
    for answer in (sams, mine):
        assert by_id(answer)[obs]["operator"] == "RTM"  # the later sighting wins for now
        assert by_id(answer)[obs]["conflicts"] == [key]
        # Even the walker whose value lost sees both values, with who sent them.
        [detail] = by_id(answer)[obs]["conflict_details"]
        assert (detail["key"], detail["field"]) == (key, "operator")
        assert [(v["value"], v["pseudonym"]) for v in detail["values"]] == [
            ("RTM", "sam"),
            ("SNCF", "mouette"),
        ]
    record = db.session.scalar(sa.select(Conflict).where(Conflict.key == key))
    assert [side["value"] for side in record.sides] == ["RTM", "SNCF"]
    assert [side["pseudonym"] for side in record.sides] == ["sam", "mouette"]
    assert record.base_value == {"value": None}


def test_a_stale_delete_against_an_edit_keeps_the_observation_with_a_conflict(
    sync_api, group, by_id
):
    sam = second_walker(group)
    obs = created(sync_api)
    sync_api.sync([sync_api.update(obs, 1, operator=(None, "SNCF"))], headers=sam)

    delete = sync_api.delete(obs, 1)
    answer = sync_api.sync([delete])

    assert answer["results"][0]["status"] == "conflict"
    pulled = by_id(answer)[obs]
    assert pulled["deleted"] is False and pulled["operator"] == "SNCF"
    assert pulled["conflicts"] == [f"{delete['change_id']}/deleted"]


def test_an_edit_reaching_a_deleted_observation_revives_it(sync_api, group, by_id):
    sam = second_walker(group)
    obs = created(sync_api)
    sync_api.sync([sync_api.delete(obs, 1)])

    edit = sync_api.update(obs, 1, operator=(None, "SNCF"))
    answer = sync_api.sync([edit], headers=sam)

    assert answer["results"][0]["status"] == "conflict"
    assert by_id(answer)[obs]["deleted"] is False
    assert by_id(answer)[obs]["conflicts"] == [f"{edit['change_id']}/deleted"]


def test_an_own_delete_applies_and_pulls_as_a_tombstone(sync_api, by_id):
    obs = created(sync_api)

    answer = sync_api.sync([sync_api.delete(obs, 1)])

    assert answer["results"][0]["status"] == "applied"
    assert by_id(answer)[obs]["deleted"] is True


def test_an_uploaded_photo_is_attached_and_detached(sync_api, by_id):
    obs = created(sync_api)
    digest = sync_api.upload_photo()

    attached = sync_api.sync([sync_api.photo("attach_photo", obs, digest, "context")])
    linked = db.session.execute(sa.select(ObservationPhoto.role)).scalars().all()
    detached = sync_api.sync([sync_api.photo("detach_photo", obs, digest)])

    assert by_id(attached)[obs]["photos"] == [{"sha256": digest, "role": "context"}]
    assert linked == ["context"]
    assert by_id(detached)[obs]["photos"] == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ObservationPhoto)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Photo)) == 1


def test_attaching_a_photo_never_uploaded_is_rejected(sync_api):
    obs = created(sync_api)
    cursor = sync_api.sync()["cursor"]

    answer = sync_api.sync([sync_api.photo("attach_photo", obs, "ab" * 32)], cursor=cursor)

    (result,) = answer["results"]
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "photo_not_uploaded"
    assert answer["observations"] == []


def test_a_walkers_create_may_carry_the_organisers_fields_at_their_default(sync_api, by_id):
    """The full set of fields of docs/contract.md, as a client written from it sends them."""
    blank = sync_api.create(review_status="pending", review_note=None, osm_new=False)
    meddling = [
        sync_api.create(review_status="approved"),
        sync_api.create(review_note="ok by me"),
        sync_api.create(osm_new=True),
    ]

    answer = sync_api.sync([blank, *meddling])

    first, *refused = answer["results"]
    assert first["status"] == "applied"
    assert [r["error"]["code"] for r in refused] == ["organiser_only_field"] * 3
    assert by_id(answer)[blank["observation_id"]]["review_status"] == "pending"
    assert set(by_id(answer)) == {blank["observation_id"]}


def test_an_attach_sent_again_once_its_photo_is_uploaded_is_applied(sync_api, by_id):
    """photo_not_uploaded is for the client to fix: the answer is not kept and replayed."""
    obs = created(sync_api)
    data = jpeg_bytes(77)
    attach = sync_api.photo("attach_photo", obs, hashlib.sha256(data).hexdigest())

    before = sync_api.sync([attach])["results"][0]
    sha = sync_api.upload_photo(77)
    answer = sync_api.sync([attach])

    assert before["error"]["code"] == "photo_not_uploaded"
    (after,) = answer["results"]
    assert (after["status"], after["replayed"]) == ("applied", False)
    assert by_id(answer)[obs]["photos"] == [{"sha256": sha, "role": "close_up"}]
    assert sync_api.sync([attach])["results"][0]["replayed"] is True
    history = db.session.scalars(
        sa.select(Revision.status).filter_by(change_id=attach["change_id"])
    )
    assert list(history) == ["applied"]


def test_a_walker_setting_the_review_status_is_rejected_but_an_organiser_may(sync_api, by_id):
    obs = created(sync_api)
    edit = sync_api.update(obs, 1, review_status=("pending", "approved"))

    walker = sync_api.sync([edit])["results"][0]
    organiser = sync_api.sync(
        [{**edit, "change_id": sync_api.create()["change_id"]}], who="organiser"
    )

    assert walker["error"]["code"] == "organiser_only_field"
    assert organiser["results"][0]["status"] == "applied"
    assert by_id(organiser)[obs]["review_status"] == "approved"
