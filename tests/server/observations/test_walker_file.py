"""Importing a walker's file: the work a phone could not send, replayed as she made it."""

import base64
import hashlib

import pytest

from server.auth.models import Member, Role
from server.auth.service import create_member, issue_token
from server.auth.tokens import token_digest
from server.extensions import db
from server.photos.models import Photo
from server.photos.storage import photo_store
from server.validation import LONE_SURROGATE_MESSAGE, MAX_ERRORS
from sync.walker_file import proof, proof_message
from tests.builders import create_change, jpeg_bytes, new_id, photo_change, update_change

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"


def walker_of(group) -> Member:
    return db.session.scalars(
        db.select(Member).filter_by(group_id=group.id, pseudonym="mouette")
    ).one()


def organiser_of(group) -> Member:
    return db.session.scalars(
        db.select(Member).filter_by(group_id=group.id, role=Role.ORGANISER.label)
    ).first()


def photo_entry(data: bytes) -> dict:
    return {
        "sha256": hashlib.sha256(data).hexdigest(),
        "media_type": "image/jpeg",
        "data_base64": base64.b64encode(data).decode(),
    }


def walker_file(group, changes, photos=(), member_id=None, token=None) -> dict:
    """What the PWA saves (pwa/src/sync/walkerfile.js): features for people, the outbox for us,
    proved by the phone of `token` (the walker's own by default; None: no proof)."""
    work = {
        "version": 1,
        "group_id": group.id,
        "member_id": member_id or walker_of(group).id,
        "pseudonym": "mouette",
        "saved_at": "2026-11-21T12:00:00+01:00",
        "changes": list(changes),
        "photos": list(photos),
    }
    token = group.walker_token if token is None else token
    if token:
        message = proof_message(
            work["group_id"],
            work["member_id"],
            work["saved_at"],
            work["changes"],
            [p["sha256"] for p in work["photos"]],
        )
        work["proof"] = proof(token_digest(token), message)
    return {"type": "FeatureCollection", "features": [], "camwalk_walker_file": work}


def post_file(client, group, body, who="organiser", query=""):
    return client.post(
        f"/api/v1/groups/{group.id}/walker-files{query}", json=body, headers=group.headers(who)
    )


def pull_all(client, group) -> dict:
    r = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "limit": 1000, "changes": []},
        headers=group.headers("organiser"),
    )
    return {o["id"]: o for o in r.json["observations"]}


@pytest.fixture
def two_cameras(group):
    good, bad = jpeg_bytes(90), PDF
    first = create_change(group.walk.id, operator="Police municipale")
    second = create_change(group.walk.id)
    changes = [
        first,
        photo_change(first["observation_id"], hashlib.sha256(good).hexdigest()),
        update_change(
            first["observation_id"], 1, "2026-11-21T09:20:00+01:00", mount=(None, "pole")
        ),
        second,
        photo_change(second["observation_id"], hashlib.sha256(bad).hexdigest()),
    ]
    return changes, [photo_entry(good), photo_entry(bad)]


def test_an_organiser_imports_a_walkers_unsent_work_as_hers(client, group, two_cameras):
    changes, photos = two_cameras
    r = post_file(client, group, walker_file(group, changes, photos))
    assert r.status_code == 200, r.json
    answer = r.json
    assert answer["walker"]["pseudonym"] == "mouette"
    assert [x["status"] for x in answer["results"]] == ["applied"] * 4
    # The PDF was refused, and the attach_photo that needed it was left out, not rejected.
    assert [p["code"] for p in answer["photos"]["refused"]] == ["unsupported_photo_type"]
    assert [(s["index"], s["code"]) for s in answer["skipped"]] == [(4, "photo_missing")]
    held = pull_all(client, group)
    first, second = held[changes[0]["observation_id"]], held[changes[3]["observation_id"]]
    assert first["created_by"] == "mouette" and second["created_by"] == "mouette"
    assert first["mount"] == "pole" and first["operator"] == "Police municipale"
    assert len(first["photos"]) == 1 and second["photos"] == []


def test_importing_the_same_file_twice_applies_nothing_twice(client, group, two_cameras):
    changes, photos = two_cameras
    body = walker_file(group, changes, photos)
    post_file(client, group, body)
    versions = {k: o["version"] for k, o in pull_all(client, group).items()}
    again = post_file(client, group, body).json
    assert all(x["replayed"] for x in again["results"])
    assert {k: o["version"] for k, o in pull_all(client, group).items()} == versions


def test_a_file_imported_after_the_phone_synced_changes_nothing(client, group):
    create = create_change(group.walk.id)
    sent = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "limit": 10, "changes": [create]},
        headers=group.headers("walker"),
    )
    assert sent.status_code == 200
    answer = post_file(client, group, walker_file(group, [create])).json
    assert answer["results"][0]["replayed"] is True


def test_a_change_the_schema_refuses_is_reported_and_the_rest_goes_in(client, group):
    bad = create_change(group.walk.id, kind="tank")
    good = create_change(group.walk.id)
    other_walk = create_change(987654)
    answer = post_file(client, group, walker_file(group, [bad, good, other_walk])).json
    results = [(x["change_id"], x["status"]) for x in answer["results"]]
    assert results == [(good["change_id"], "applied"), (other_walk["change_id"], "rejected")]
    assert answer["results"][1]["error"]["code"] == "unknown_walk"  # rejected alone, as in sync
    assert [(s["index"], s["code"]) for s in answer["skipped"]] == [(0, "invalid_input")]
    assert answer["skipped"][0]["errors"]["fields"]["kind"]


def test_a_change_with_thousands_of_faults_is_reported_cut_to_its_first_ones(client, group):
    bad = create_change(group.walk.id, **{f"colour_{n}": "red" for n in range(2_000)})
    answer = post_file(client, group, walker_file(group, [bad])).json
    (skipped,) = answer["skipped"]
    assert (skipped["code"], skipped["error_count"]) == ("invalid_input", 2_000)
    assert sum(len(m) for m in skipped["errors"]["fields"].values()) == MAX_ERRORS


def test_a_change_holding_half_an_emoji_is_left_out_and_the_rest_goes_in(client, group):
    """The file holds the text the phone shows too (features): never read, never a 422."""
    half = "abc\ud83d"  # JavaScript's slice() through an emoji
    good, bad = create_change(group.walk.id), create_change(group.walk.id, operator=half)
    body = walker_file(group, [bad, good])
    body["features"] = [{"type": "Feature", "geometry": None, "properties": {"operator": half}}]

    answer = post_file(client, group, body)

    assert answer.status_code == 200, answer.json
    assert [x["change_id"] for x in answer.json["results"]] == [good["change_id"]]
    [skipped] = answer.json["skipped"]
    assert (skipped["index"], skipped["code"]) == (0, "invalid_input")
    assert skipped["errors"] == {"fields": {"operator": [LONE_SURROGATE_MESSAGE]}}
    assert set(pull_all(client, group)) == {good["observation_id"]}


def test_half_an_emoji_in_the_files_own_fields_is_a_422_saying_where(client, group):
    body = walker_file(group, [create_change(group.walk.id)])
    body["camwalk_walker_file"]["pseudonym"] = "mouette\udcf7"

    answer = post_file(client, group, body)

    assert (answer.status_code, answer.json["code"]) == (422, "invalid_input")
    assert answer.json["errors"] == {
        "camwalk_walker_file": {"pseudonym": [LONE_SURROGATE_MESSAGE]}
    }
    assert pull_all(client, group) == {}


@pytest.mark.parametrize(
    ("who", "status"),
    [("walker", 403), ("organiser", 422)],
)
def test_only_an_organiser_imports_and_only_her_groups_walkers(
    client, group, make_group, who, status
):
    stranger = make_group("Belsunce")
    body = walker_file(group, [create_change(group.walk.id)], member_id=walker_of(stranger).id)
    r = post_file(client, group, body, who=who)
    assert r.status_code == status
    if status == 422:
        assert r.json["code"] == "walker_file_unknown_walker"


def test_a_file_of_another_group_is_refused_whole(client, group, make_group):
    other = make_group("Belsunce")
    body = walker_file(other, [create_change(other.walk.id)])
    r = post_file(client, group, body)
    assert (r.status_code, r.json["code"]) == (422, "walker_file_wrong_group")
    assert pull_all(client, group) == {}


def test_a_file_that_is_not_a_walker_file_is_a_422(client, group):
    r = post_file(client, group, {"type": "FeatureCollection", "features": []})
    assert r.status_code == 422
    assert "camwalk_walker_file" in r.json["errors"]


def test_the_phone_wire_form_of_a_change_is_what_the_file_holds(client, group):
    """The file holds outbox rows as the phone would send them: a fresh UUID per change."""
    create = create_change(group.walk.id, observation_id=new_id())
    answer = post_file(client, group, walker_file(group, [create])).json
    assert answer["results"][0]["observation_id"] == create["observation_id"]


def test_a_file_naming_the_organiser_cannot_approve_even_when_imported_anyway(client, group):
    """A walker wrote a file naming the organiser, with an approved camera in it: nothing
    proves it, so it is refused; imported anyway, its changes carry a walker's rights."""
    create = create_change(group.walk.id, review_status="approved", operator="Forged")
    organiser_id = organiser_of(group).id
    body = walker_file(group, [create], member_id=organiser_id)  # proved by mouette's phone

    refused = post_file(client, group, body)
    assert (refused.status_code, refused.json["code"]) == (422, "walker_file_unproven")
    assert pull_all(client, group) == {}

    answer = post_file(client, group, body, query="?unproven=accept").json
    assert answer["proven"] is False
    (result,) = answer["results"]
    assert (result["status"], result["error"]["code"]) == ("rejected", "organiser_only_field")
    assert pull_all(client, group) == {}


def test_an_organisers_own_proven_file_still_carries_a_walkers_rights(client, group):
    organiser_id = organiser_of(group).id
    create = create_change(group.walk.id, review_status="approved")
    body = walker_file(group, [create], member_id=organiser_id, token=group.organiser_token)
    answer = post_file(client, group, body).json
    assert answer["proven"] is True
    assert answer["results"][0]["error"]["code"] == "organiser_only_field"


def test_a_file_without_a_proof_or_edited_after_saving_is_not_proven(client, group):
    create = create_change(group.walk.id)
    unsigned = walker_file(group, [create], token="")
    assert post_file(client, group, unsigned).json["code"] == "walker_file_unproven"

    edited = walker_file(group, [create])
    edited["camwalk_walker_file"]["changes"].append(create_change(group.walk.id))
    answer = post_file(client, group, edited)
    assert answer.json["code"] == "walker_file_unproven"
    assert "mouette" in answer.json["message"]

    answer = post_file(client, group, edited, query="?unproven=accept").json
    assert [r["status"] for r in answer["results"]] == ["applied", "applied"]
    assert answer["proven"] is False


def test_a_phone_signed_out_after_saving_still_proves_its_file(client, group):
    """Removed from the group, her phone signed out: the work she saved is still hers."""
    sam = create_member(group.group, "sam", Role.WALKER)
    db.session.flush()
    token = issue_token(sam, "phone")
    db.session.commit()
    body = walker_file(group, [create_change(group.walk.id)], member_id=sam.id, token=token)
    removed = client.delete(
        f"/api/v1/groups/{group.id}/members/{sam.id}", headers=group.headers("organiser")
    )
    assert removed.status_code in (200, 204), removed.json

    answer = post_file(client, group, body).json
    assert answer["proven"] is True and answer["walker"]["pseudonym"] == "sam"
    assert answer["results"][0]["status"] == "applied"


def test_half_an_emoji_in_a_change_id_is_left_out_never_a_500(client, group):
    bad = {**create_change(group.walk.id), "change_id": "4f0c\ud83d"}
    good = create_change(group.walk.id)
    answer = post_file(client, group, walker_file(group, [bad, good]))
    assert answer.status_code == 200, answer.json
    assert [x["change_id"] for x in answer.json["results"]] == [good["change_id"]]
    assert [s["index"] for s in answer.json["skipped"]] == [0]


def _proof_line(change: dict) -> str:
    return f"change {change['change_id']} {change['op']} {change['observation_id']}"


def test_changes_taken_out_into_saved_at_leave_the_file_unproven(client, group):
    """Whoever carries a proven file cannot drop its first changes by writing their lines
    into `saved_at`: the message would read the same, line for line."""
    first, second = create_change(group.walk.id), create_change(group.walk.id)
    body = walker_file(group, [first, second])
    work = body["camwalk_walker_file"]
    work["saved_at"] += "\n" + _proof_line(first)
    work["changes"] = [second]

    answer = post_file(client, group, body)

    assert (answer.status_code, answer.json["code"]) == (422, "walker_file_unproven")
    assert pull_all(client, group) == {}


def test_changes_folded_into_one_change_leave_the_file_unproven(client, group):
    """Nor fold a change's line into the values of the one before it, which the import would
    then skip as invalid: the middle change gone, the file still read as proven."""
    create = create_change(group.walk.id)
    edit = update_change(
        create["observation_id"], 1, "2026-11-21T09:20:00+01:00", mount=(None, "pole")
    )
    last = create_change(group.walk.id)
    body = walker_file(group, [create, edit, last])
    work = body["camwalk_walker_file"]
    folded = {**create, "observation_id": f"{create['observation_id']}\n{_proof_line(edit)}"}
    work["changes"] = [folded, last]

    answer = post_file(client, group, body)

    assert (answer.status_code, answer.json["code"]) == (422, "walker_file_unproven")
    assert pull_all(client, group) == {}


@pytest.mark.parametrize("field", ["member_id", "group_id"])
@pytest.mark.parametrize("number", [2**31, 2**63, 0])
def test_an_id_no_database_column_holds_is_a_422_naming_it(client, group, field, number):
    """PostgreSQL's ids are 32-bit and SQLite's 64-bit: a larger one was a 500 there."""
    body = walker_file(group, [create_change(group.walk.id)])
    body["camwalk_walker_file"][field] = number

    answer = post_file(client, group, body)

    assert (answer.status_code, answer.json["code"]) == (422, "invalid_input")
    assert field in answer.json["errors"]["camwalk_walker_file"]
    assert pull_all(client, group) == {}


def test_a_photo_no_change_that_may_go_in_attaches_is_not_stored(client, group):
    """Stored, it would hang on nothing and count against the walker's quota."""
    camera, loose, refused_role = jpeg_bytes(60), jpeg_bytes(70), jpeg_bytes(80)
    create = create_change(group.walk.id)
    changes = [
        create,
        photo_change(create["observation_id"], hashlib.sha256(camera).hexdigest()),
        photo_change(create["observation_id"], hashlib.sha256(refused_role).hexdigest(), "x"),
    ]
    photos = [photo_entry(camera), photo_entry(loose), photo_entry(refused_role)]

    answer = post_file(client, group, walker_file(group, changes, photos)).json

    assert [x["status"] for x in answer["results"]] == ["applied", "applied"]
    assert [(s["index"], s["code"]) for s in answer["skipped"]] == [(2, "invalid_input")]
    assert answer["photos"] == {"stored": [hashlib.sha256(camera).hexdigest()], "refused": []}
    stored = db.session.scalars(db.select(Photo.sha256).filter_by(group_id=group.id)).all()
    assert stored == [hashlib.sha256(camera).hexdigest()]


def test_a_file_whose_changes_are_all_skipped_stores_no_photo(client, group):
    photo = jpeg_bytes(60)
    attach = photo_change(new_id(), hashlib.sha256(photo).hexdigest(), "x")

    answer = post_file(client, group, walker_file(group, [attach], [photo_entry(photo)])).json

    assert answer["results"] == [] and [s["code"] for s in answer["skipped"]] == ["invalid_input"]
    assert answer["photos"] == {"stored": [], "refused": []}
    assert db.session.scalars(db.select(Photo).filter_by(group_id=group.id)).all() == []


def test_a_photo_whose_attach_the_server_rejects_is_not_kept(client, group, app):
    """Its change passed the schema, so the photo was stored for it; the push then rejected
    it (its camera is on no walk of the group), and nothing shows the photo."""
    kept, orphan = jpeg_bytes(60), jpeg_bytes(70)
    create, elsewhere = create_change(group.walk.id), create_change(987654)
    changes = [
        create,
        photo_change(create["observation_id"], hashlib.sha256(kept).hexdigest()),
        elsewhere,
        photo_change(elsewhere["observation_id"], hashlib.sha256(orphan).hexdigest()),
    ]
    body = walker_file(group, changes, [photo_entry(kept), photo_entry(orphan)])

    answer = post_file(client, group, body).json

    statuses = [x["status"] for x in answer["results"]]
    assert statuses == ["applied", "applied", "rejected", "rejected"], answer["results"]
    assert answer["photos"] == {"stored": [hashlib.sha256(kept).hexdigest()], "refused": []}
    stored = db.session.scalars(db.select(Photo.sha256).filter_by(group_id=group.id)).all()
    assert stored == [hashlib.sha256(kept).hexdigest()]
    store = photo_store()
    sha = hashlib.sha256(orphan).hexdigest()
    key = f"g{group.id}/{sha[:2]}/{sha}/"
    assert not any(store.exists(key + v) for v in ("original", "display.jpg", "thumb.jpg"))
