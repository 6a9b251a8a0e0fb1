"""The commune's signage file: counts, the table of missing or incomplete signs with blurred
photos, the method, as JSON, CSV and a PDF whose text is read back with pypdf."""

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from server.extensions import db
from server.groups.models import Walk
from sync.fields import SIGN_CHECKLIST
from tests.builders import create_change
from tests.server.observations.conftest import SyncApi

ALL_YES = dict.fromkeys(SIGN_CHECKLIST, "yes")
EAST = 5.3812345


def at(i):
    return {"lat": 43.2961234 + i / 1000, "lon": EAST, "accuracy_m": 5}


@pytest.fixture
def commune(client, group):
    """Five approved cameras in "Noailles walk", one more in a second walk of the same name,
    one pending (not counted), one in another commune (not counted), and an approved guard and
    gunshot detector (not cameras: not counted)."""
    api = SyncApi(client, group)
    again = Walk(group_id=group.id, name="  noailles   WALK ", date=dt.date(2026, 11, 28))
    elsewhere = Walk(group_id=group.id, name="Belsunce")
    db.session.add_all([again, elsewhere])
    db.session.commit()
    cameras = {
        "no_sign": api.create(
            position=at(0), sign="none", filmed_by="business", aimed_at_road="yes"
        ),
        "complete": api.create(
            position=at(1), sign="seen", **ALL_YES, filmed_by="public_authority"
        ),
        "no_cnil": api.create(
            position=at(2),
            sign="seen",
            **{**ALL_YES, "sign_cnil": "no", "sign_retention": None},
            filmed_by="residence",
            aimed_at_road="yes",
            operator="=Résidence Les Pins",
        ),
        "unchecked": api.create(position=at(3)),
        "half": api.create(position=at(4), sign="seen", sign_pictogram="yes"),
        "second_walk": create_change(again.id, position=at(5), sign="none"),
        "elsewhere": create_change(elsewhere.id, position=at(6), sign="none"),
        "pending": api.create(position=at(7), sign="none"),
        # Not cameras: the file about video signs leaves them out.
        "guard": api.create(position=at(8), kind="guard", camera_type=None, sign="none"),
        "gunshot": api.create(
            position=at(9), kind="gunshot_detector", camera_type=None, sign="none"
        ),
    }
    photo, unlisted = api.upload_photo(), api.upload_photo(shade=40)
    attach = api.photo("attach_photo", cameras["no_sign"]["observation_id"], photo)
    other = api.photo("attach_photo", cameras["complete"]["observation_id"], unlisted)
    api.sync([*cameras.values(), attach, other])
    for name, change in cameras.items():
        if name != "pending":
            answer = client.post(
                f"/api/v1/observations/{change['observation_id']}/review",
                json={"status": "approved"},
                headers=group.headers("organiser"),
            )
            assert answer.status_code == 200, answer.json
    for sha in (photo, unlisted):
        published = client.put(
            f"/api/v1/photos/{sha}/publication",
            json={"public": True, "blur": [[0.1, 0.1, 0.3, 0.3]]},
            headers=group.headers("organiser"),
        )
        assert published.status_code == 200, published.json
    ids = {name: change["observation_id"] for name, change in cameras.items()}
    return ids | {"photo": photo, "unlisted_photo": unlisted}


def get(client, group, path):
    with client.get(
        f"/api/v1/walks/{group.walk.id}/{path}", headers=group.headers("organiser")
    ) as answer:
        return answer, answer.data


def test_the_file_counts_the_communes_approved_cameras(client, group, commune):
    answer, _ = get(client, group, "signage")

    report = answer.json
    assert report["commune"] == "Noailles walk" and len(report["walks"]) == 2
    assert [w["date"] for w in report["walks"]] == [None, "2026-11-28"]
    assert report["counts"] == {
        "cameras": 6,
        "no_sign": 2,
        "complete_sign": 1,
        "incomplete_sign": 1,
        "partly_checked_sign": 1,
        "sign_not_checked": 1,
        "private_aimed_at_road": 2,
    }
    listed = {row["id"]: row for row in report["rows"]}
    assert set(listed) == {
        commune["no_sign"],
        commune["no_cnil"],
        commune["second_walk"],
        commune["half"],
    }
    assert sorted(row["number"] for row in report["rows"]) == [1, 2, 3, 4]
    assert listed[commune["half"]]["lacking"] == []  # partly recorded: not called incomplete
    no_cnil = listed[commune["no_cnil"]]
    assert (no_cnil["lacking"], no_cnil["unanswered"]) == (["sign_cnil"], ["sign_retention"])
    assert listed[commune["no_sign"]]["lacking"] == ["sign"]
    assert listed[commune["no_sign"]]["photos"] == [commune["photo"]]
    numbered = [p["number"] for p in report["map"]["points"]]
    assert len(numbered) == 6 and sorted(n for n in numbered if n) == [1, 2, 3, 4]
    assert report["method"]["surveyors"] == 1
    assert report["method"]["first_day"] == report["method"]["last_day"] == "2026-11-21"


def test_the_csv_holds_the_same_table(client, group, commune):
    answer, data = get(client, group, "signage.csv")

    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert {row["id"] for row in rows} == {
        commune["no_sign"],
        commune["no_cnil"],
        commune["second_walk"],
        commune["half"],
    }
    no_cnil = next(row for row in rows if row["id"] == commune["no_cnil"])
    assert (no_cnil["lacking"], no_cnil["unanswered"], no_cnil["filmed_by"]) == (
        "sign_cnil",
        "sign_retention",
        "residence",
    )
    assert no_cnil["operator"] == "=Résidence Les Pins"  # as surveyed: the data form


def test_the_spreadsheet_csv_opens_in_a_french_spreadsheet_without_running_a_formula(
    client, group, commune
):
    answer, data = get(client, group, "signage.csv?spreadsheet=1")

    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].endswith('-spreadsheet.csv"')
    assert data.startswith(b"\xef\xbb\xbfnumber;id;lat;lon;")  # BOM, semicolons
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    no_cnil = next(row for row in rows if row["id"] == commune["no_cnil"])
    assert no_cnil["operator"] == "'=Résidence Les Pins"  # a spreadsheet must not run it


def test_the_blurred_photo_of_a_listed_camera_is_served_to_organisers_only(client, group, commune):
    answer, data = get(client, group, f"signage/photos/{commune['photo']}.jpg")
    walker = client.get(
        f"/api/v1/walks/{group.walk.id}/signage/photos/{commune['photo']}.jpg",
        headers=group.headers(),
    )

    unlisted, _ = get(client, group, f"signage/photos/{commune['unlisted_photo']}.jpg")

    assert answer.status_code == 200 and data[:2] == b"\xff\xd8"
    assert walker.status_code == 403
    assert unlisted.status_code == 404  # published, but its camera is not in the table


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                "Signalisation",
                "Noailles walk",
                "mention de la CNIL",
                "aucun",
                "Méthode",
                "Caméras relevées : 6",
            ],
        ),
        ("en", ["Signage", "CNIL mention", "none", "Method", "Cameras surveyed: 6"]),
    ],
)
def test_the_pdf_holds_the_counts_the_listed_rows_and_the_method(
    client, group, commune, lang, expected
):
    answer, data = get(client, group, f"signage.pdf?lang={lang}")

    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in expected:
        assert words in text
    # Survey dates and positions of the four listed cameras, and the photo in the table.
    assert text.count("2026-11-21") >= 4
    for i in (0, 2, 4, 5):
        assert f"{43.2961234 + i / 1000:.5f}" in text
    assert f"{43.2961234 + 1 / 1000:.5f}" not in text  # the complete sign is not listed
    assert any(page.images for page in reader.pages)


def test_walkers_get_no_signage_file(client, group):
    answer = client.get(f"/api/v1/walks/{group.walk.id}/signage.pdf", headers=group.headers())

    assert answer.status_code == 403


def test_a_communes_photos_and_surveyors_are_read_in_batches(group, commune):
    """A commune's cameras are unbounded: their photos and surveyors are read a batch at a
    time, never one statement naming more ids than SQLite takes (server/database.py). Made-up
    cameras (no photo, no revision) pad the commune's to past that limit."""
    from types import SimpleNamespace

    from server.database import SQLITE_MAX_PARAMETERS
    from server.reports import signage
    from server.reports.duplicates import open_duplicate_pairs

    rows = signage._cameras(signage.commune_walks(group.walk))
    padding = [SimpleNamespace(id=-i, approved={}) for i in range(1, SQLITE_MAX_PARAMETERS + 2)]
    padded = [*rows, *padding]

    assert (
        signage._public_photos([row.id for row in padded])
        == signage._public_photos([row.id for row in rows])
        != {}
    )
    assert signage._method(padded) == signage._method(rows)
    assert open_duplicate_pairs(padded) == open_duplicate_pairs(rows)
    assert signage._method(rows)["surveyors"] == 1


@pytest.mark.parametrize(("lang", "no_sign"), [("fr", "aucun panneau"), ("en", "no sign")])
def test_a_camera_with_no_sign_reads_as_lacking_the_sign_not_nothing(
    client, group, commune, lang, no_sign
):
    report, _ = get(client, group, "signage")
    _, data = get(client, group, f"signage.pdf?lang={lang}")

    line = next(row for row in report.json["rows"] if row["id"] == commune["no_sign"])
    assert line["lacking"] == ["sign"]  # the print view and the PDF only put it into words
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert no_sign in text
    assert "Mentions absentes" not in text and "Items missing" not in text


def test_guards_and_gunshot_detectors_are_not_counted_drawn_or_listed(client, group, commune):
    report = get(client, group, "signage")[0].json

    assert report["counts"]["cameras"] == 6
    assert len(report["map"]["points"]) == 6
    assert not {commune["guard"], commune["gunshot"]} & {row["id"] for row in report["rows"]}


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "fr",
            [
                "Caméras relevées : 6",
                "- aucun panneau trouvé : 2",
                "- panneau vu, les six mentions notées présentes : 1",
                "- panneau vu, au moins une mention notée absente : 1",
                "- panneau vu, mentions en partie relevées (aucune notée absente) : 1",
                "- panneau non vérifié (« pas regardé » ou rien de noté) : 1",
            ],
        ),
        (
            "en",
            [
                "Cameras surveyed: 6",
                "- no sign found: 2",
                "- sign seen, all six items recorded as stated: 1",
                "- sign seen, at least one item recorded as not stated: 1",
                "- sign seen, items partly recorded (none as not stated): 1",
                "- sign not checked ('not looked' or nothing recorded): 1",
            ],
        ),
    ],
)
def test_the_pdfs_sign_counts_add_up_to_its_cameras(client, group, commune, lang, lines):
    report = get(client, group, "signage")[0].json
    _, data = get(client, group, f"signage.pdf?lang={lang}")

    counts = report["counts"]
    assert counts["cameras"] == sum(
        counts[k]
        for k in (
            "no_sign",
            "complete_sign",
            "incomplete_sign",
            "partly_checked_sign",
            "sign_not_checked",
        )
    )
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    for line in lines:
        assert line in text


def test_an_organiser_who_only_edited_a_camera_is_no_surveyor(client, group, commune):
    """The method's 'by N people' counts who logged, photographed or (as walkers) edited the
    cameras; an organiser fixing a typo at her desk surveyed nothing."""
    api = SyncApi(client, group)
    uuid = commune["no_cnil"]
    version = next(o for o in api.sync()["observations"] if o["id"] == uuid)["version"]
    fixed = api.update(uuid, version, operator=("=Résidence Les Pins", "Résidence Les Pins"))
    assert api.sync([fixed], who="organiser")["results"][0]["status"] == "applied"
    approved = client.post(
        f"/api/v1/observations/{uuid}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert approved.status_code == 200, approved.json

    report = get(client, group, "signage")[0].json

    assert next(r for r in report["rows"] if r["id"] == uuid)["operator"] == "Résidence Les Pins"
    assert report["method"]["surveyors"] == 1


def test_a_walker_who_only_answered_the_checklist_is_a_surveyor(client, group, commune):
    from server.auth.models import Role
    from server.auth.service import create_member, issue_token

    second = create_member(group.group, "goeland", Role.WALKER)
    db.session.flush()
    token = issue_token(second, "test")
    db.session.commit()
    api = SyncApi(client, group)
    uuid = commune["no_cnil"]
    version = next(o for o in api.sync()["observations"] if o["id"] == uuid)["version"]
    looked = api.update(uuid, version, sign_retention=(None, "yes"))
    answer = api.sync([looked], headers={"Authorization": f"Bearer {token}"})
    assert answer["results"][0]["status"] == "applied"
    client.post(
        f"/api/v1/observations/{uuid}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )

    assert get(client, group, "signage")[0].json["method"]["surveyors"] == 2


def test_the_same_camera_logged_on_two_walks_is_flagged_not_silently_counted_twice(
    client, group, commune
):
    from server.reports.signage import commune_walks

    again = next(w for w in commune_walks(group.walk) if w.id != group.walk.id)
    near = {**at(0), "lon": EAST + 0.00002}  # 1.6 m from the no-sign camera
    twin = create_change(again.id, position=near, sign="none")
    api = SyncApi(client, group)
    api.sync([twin])
    approved = client.post(
        f"/api/v1/observations/{twin['observation_id']}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert approved.status_code == 200, approved.json
    hints = client.get(f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser"))
    assert len(hints.json) == 1

    report = get(client, group, "signage")[0].json
    _, csv_data = get(client, group, "signage.csv")
    _, pdf = get(client, group, "signage.pdf?lang=en")

    assert report["open_duplicate_pairs"] == 1
    flagged = {row["id"] for row in report["rows"] if row["possible_duplicate"]}
    assert flagged == {commune["no_sign"], twin["observation_id"]}
    rows = csv.DictReader(io.StringIO(csv_data.decode()))
    assert {r["id"] for r in rows if r["possible_duplicate"] == "yes"} == flagged
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "1 pair of these cameras may be one device" in text
    for row in report["rows"]:
        assert (f"{row['number']}*" in text) is row["possible_duplicate"]


def test_a_published_photo_whose_files_are_lost_is_left_out_of_the_pdf_not_the_pdf(
    app, client, group, commune, caplog
):
    from pathlib import Path

    for path in Path(app.config["PHOTO_DIR"]).rglob("*"):
        if path.is_file() and commune["photo"] in str(path):
            path.unlink()

    answer, data = get(client, group, "signage.pdf")
    photo, _ = get(client, group, f"signage/photos/{commune['photo']}.jpg")

    assert answer.status_code == 200
    assert not any(page.images for page in PdfReader(io.BytesIO(data)).pages)
    assert photo.status_code == 404  # the photo itself is still not found
    assert commune["photo"] in caplog.text
