"""Signed, expiring export links for JOSM's remote control, which cannot send a token."""

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import sqlalchemy as sa

from server.exports import signed
from server.extensions import db
from server.osm.models import Export

MADE_AT = dt.datetime(2026, 11, 21, 9, 14, 3, 123456, tzinfo=dt.UTC)


@pytest.fixture
def report(client, group, add_observation):
    """The report of a walk export with one camera to create."""
    add_observation(group, 5.385, 43.299)
    headers = group.headers("organiser")
    with client.get(f"/api/v1/walks/{group.walk.id}/export.osc", headers=headers) as answer:
        report_url = answer.headers["X-Camwalk-Export-Report"]
    return client.get(report_url, headers=headers).get_json()


def signed_link(report) -> tuple[str, dict]:
    link = urlsplit(unquote(report["josm_url"].split("url=", 1)[1]))
    return link.path, {key: values[0] for key, values in parse_qs(link.query).items()}


def test_josm_fetches_the_export_through_the_signed_link_without_a_token(client, report):
    path, query = signed_link(report)
    assert path == f"/api/v1/exports/{report['id']}/download"

    with client.get(path, query_string=query) as answer:
        data = answer.data
    assert answer.status_code == 200
    assert answer.mimetype == "application/osmchange+xml"
    assert b"<create>" in data and b"man_made" in data


def test_the_link_is_valid_ten_minutes():
    link = signed.sign("k", 7, MADE_AT, now=1_000_000)
    assert link["exp"] == 1_000_600
    signed.check("k", 7, MADE_AT, link["exp"], link["sig"], now=1_000_600)
    with pytest.raises(signed.DownloadLinkExpired):
        signed.check("k", 7, MADE_AT, link["exp"], link["sig"], now=1_000_601)


def test_the_link_names_one_export_not_its_id_alone():
    link = signed.sign("k", 7, MADE_AT, now=1_000_000)
    for made_at in (MADE_AT + dt.timedelta(microseconds=1), None):
        with pytest.raises(signed.DownloadLinkInvalid):
            signed.check("k", 7, made_at, link["exp"], link["sig"], now=1_000_000)


def test_a_link_to_a_deleted_export_does_not_fetch_the_next_export_given_its_id(
    client, report, make_group
):
    """Deleting a group (`camwalk demo` replaces its group) or restoring a backup frees
    export ids, and SQLite gives the highest freed id to the next export, of any group: the
    link made for the deleted export must not download that one."""
    path, query = signed_link(report)
    other = make_group("Belsunce")
    db.session.execute(sa.delete(Export).where(Export.id == report["id"]))
    db.session.add(
        Export(id=report["id"], group_id=other.group.id, walk_id=other.walk.id, format="osc",
               counts={}, report=[])
    )  # fmt: skip
    db.session.commit()
    answer = client.get(path, query_string=query)
    assert (answer.status_code, answer.get_json()["code"]) == (403, "download_link_invalid")


def test_an_expired_link_is_refused(client, app, report):
    path, _ = signed_link(report)
    made_at = db.session.get(Export, report["id"]).created_at
    old = signed.sign(app.config["SECRET_KEY"], report["id"], made_at, now=1_000_000)
    answer = client.get(path, query_string=old)
    assert answer.status_code == 403
    assert answer.get_json()["code"] == "download_link_expired"


def _flip_last(text: str) -> str:
    return text[:-1] + ("0" if text[-1] != "0" else "1")


@pytest.mark.parametrize(
    "tamper, status, code",
    [
        pytest.param(
            lambda path, q: (path, q | {"exp": str(int(q["exp"]) + 3600)}),
            403,
            "download_link_invalid",
            id="later expiry",
        ),
        pytest.param(
            lambda path, q: (path, q | {"sig": _flip_last(q["sig"])}),
            403,
            "download_link_invalid",
            id="changed signature",
        ),
        pytest.param(
            lambda path, q: (path.replace("/exports/", "/exports/9"), q),
            403,
            "download_link_invalid",
            id="other export id",
        ),
        pytest.param(
            lambda path, q: (path, {"exp": q["exp"]}), 422, "invalid_input", id="no signature"
        ),
    ],
)
def test_a_tampered_link_is_refused(client, report, tamper, status, code):
    path, query = tamper(*signed_link(report))
    answer = client.get(path, query_string=query)
    assert (answer.status_code, answer.get_json()["code"]) == (status, code)


def test_a_link_signed_with_another_key_is_refused(client, report):
    path, _ = signed_link(report)
    made_at = db.session.get(Export, report["id"]).created_at
    forged = signed.sign("not-the-server-key", report["id"], made_at)
    answer = client.get(path, query_string=forged)
    assert answer.get_json()["code"] == "download_link_invalid"
