"""Requests the fuzzer (test_fuzz.py) found answered with a 500, kept as plain tests."""

import pytest


def test_a_download_link_with_a_non_ascii_signature_is_refused_not_a_crash(client, group):
    response = client.get("/api/v1/exports/1/download?exp=9999999999&sig=s%C3%94")
    assert response.status_code == 403
    assert response.json["code"] == "download_link_invalid"


def test_a_path_id_beyond_64_bits_is_404_not_a_database_overflow(client, group):
    huge = 2**64 + 5
    for url in (
        f"/api/v1/groups/{group.id}/invites/{huge}",
        f"/api/v1/groups/{group.id}/members/{huge}",
    ):
        response = client.delete(url, headers=group.headers("organiser"))
        assert response.status_code == 404, url
    assert client.get(f"/api/v1/walks/{huge}", headers=group.headers()).status_code == 404


HUGE = 2**64 + 5


@pytest.mark.parametrize(
    ("path", "query"),
    [("conflicts", f"walk_id={HUGE}&status=resolved"), ("review", f"walk_id={HUGE}")],
)
def test_a_walk_filter_beyond_64_bits_is_422_not_a_database_overflow(client, group, path, query):
    url = f"/api/v1/groups/{group.id}/{path}?{query}"
    response = client.get(url, headers=group.headers("organiser"))
    assert response.status_code == 422
    assert "walk_id" in response.json["errors"]["query"]


def test_a_cursor_beyond_64_bits_is_422_not_a_database_overflow(client, group):
    body = {"cursor": HUGE}
    response = client.post(f"/api/v1/groups/{group.id}/sync", json=body, headers=group.headers())
    assert response.status_code == 422
    assert "cursor" in response.json["errors"]


@pytest.mark.parametrize("where", ["walk_id", "base_version"])
def test_a_change_with_a_number_beyond_64_bits_is_rejected_not_a_database_overflow(
    client, group, hardening_changes, where
):
    if where == "walk_id":
        change = hardening_changes.create(HUGE)
    else:
        change = hardening_changes.update(hardening_changes.create(1)["observation_id"], 1, "")
        change = {**change, "base_version": HUGE, "made_at": "2026-11-21T10:00Z"}
    body = {"changes": [change]}
    response = client.post(f"/api/v1/groups/{group.id}/sync", json=body, headers=group.headers())
    assert response.status_code == 200
    (result,) = response.json["results"]
    assert (result["status"], result["error"]["code"]) == ("rejected", "invalid_change")
    assert where in result["error"]["errors"]


PAST_INTEGER = 2**31  # one past PostgreSQL's INTEGER: what the fuzzer sent on PostGIS


def test_path_ids_past_the_integer_columns_are_404_not_an_overflow(client, group):
    orga = group.headers("organiser")
    for url in (
        f"/api/v1/groups/{group.id}/invites/{PAST_INTEGER}",
        f"/api/v1/me/devices/{PAST_INTEGER}",
        f"/api/v1/groups/{group.id}/members/{PAST_INTEGER}",
    ):
        assert client.delete(url, headers=orga).status_code == 404, url
    assert client.get(f"/api/v1/walks/{PAST_INTEGER}", headers=orga).status_code == 404
    assert client.get(f"/api/v1/conflicts/{PAST_INTEGER}", headers=orga).status_code == 404


def test_sync_numbers_past_the_integer_columns_are_refused(client, group, hardening_changes):
    url = f"/api/v1/groups/{group.id}/sync"
    cursor = client.post(url, json={"cursor": PAST_INTEGER}, headers=group.headers())
    assert cursor.status_code == 422
    body = {"changes": [hardening_changes.create(PAST_INTEGER)]}
    answer = client.post(url, json=body, headers=group.headers())
    assert answer.status_code == 200  # the change alone is rejected; the batch is not
    (result,) = answer.json["results"]
    assert (result["status"], result["error"]["code"]) == ("rejected", "invalid_change")


def test_a_walker_file_with_a_nul_key_over_nul_values_is_422_not_a_crash(client, group):
    features = [{"k\x00": [{"x": "\x00"}], "j\x00": {"z": "\x00"}}]
    body = {"type": "FeatureCollection", "features": features, "camwalk_walker_file": {}}
    response = client.post(
        f"/api/v1/groups/{group.id}/walker-files", json=body, headers=group.headers("organiser")
    )
    assert response.status_code == 422
    assert response.json["code"] == "invalid_input"
