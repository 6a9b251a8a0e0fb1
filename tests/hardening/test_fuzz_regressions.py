"""Requests the fuzzer (test_fuzz.py) found answered with a 500, kept as plain tests."""


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
