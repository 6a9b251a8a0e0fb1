"""Only a request naming the copy it holds counts against the public photos' revalidation
allowance (`CAMWALK_PUBLIC_REVALIDATION_RATE_LIMIT`): `If-None-Match: *` names no copy, and a
client sending it on every request took the larger allowance for what are first reads.

The limits count before the photo is looked for, so an unknown campaign's photo (404) is
counted as a published one would be: no photo needs to be made for these tests."""

import pytest

PHOTO = "/api/v1/public/nobody/photos/0123abcd.jpg"


@pytest.fixture
def allowances(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_RATE_LIMIT", "2 per minute")
    monkeypatch.setitem(app.config, "PUBLIC_REVALIDATION_RATE_LIMIT", "4 per minute")


def statuses(client, if_none_match: str, times: int = 3) -> list[int]:
    return [
        client.get(PHOTO, headers={"If-None-Match": if_none_match}).status_code
        for _ in range(times)
    ]


def test_if_none_match_star_counts_as_a_first_read(client, allowances):
    assert statuses(client, "*") == [404, 404, 429]


def test_naming_the_copy_held_counts_as_asking_again(client, allowances):
    assert statuses(client, '"0123abcd"') == [404, 404, 404]
    assert statuses(client, 'W/"0123abcd"', times=2) == [404, 429]  # four asked again
    assert statuses(client, '"another"', times=3) == [404, 404, 429]  # names another photo
