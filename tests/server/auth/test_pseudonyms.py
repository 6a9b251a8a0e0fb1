"""Nobody can join as someone else: pseudonyms are NFC, visible, and unlike the group's."""

import unicodedata

import pytest

from server.auth.pseudonyms import problem, skeleton


def join(client, group, pseudonym):
    body = {"invite_code": group.invite_code, "pseudonym": pseudonym}
    return client.post("/api/v1/join", json=body)


@pytest.mark.parametrize(
    "look_alike",
    [
        "k\u0430rim",  # Cyrillic а
        "KARIM",
        "Karim",
        "kar\u0131m",  # dotless ı
        "kar1m",
        "karlm",
        "karim.",
        "ka rim",
        "\uff4b\uff41\uff52\uff49\uff4d",  # fullwidth
        "k\u00e1rim",
        "\U0001d424\U0001d41a\U0001d42b\U0001d422\U0001d426",  # mathematical bold
        "ka\u0433im",  # Cyrillic г for r
        "\u13e6arim",  # Cherokee capital TSE for K (folds to a Cherokee small letter)
        "\uabb6arim",  # the same Cherokee letter, small
        "kar\u0269m",  # Latin small iota
        "\u0199arim",  # k with hook, which no decomposition gives back
    ],
)
def test_a_pseudonym_that_looks_like_the_organisers_is_refused(client, group, look_alike):
    answer = join(client, group, look_alike)

    assert answer.status_code == 409, answer.json
    assert answer.json["code"] == "pseudonym_taken"


@pytest.mark.parametrize(
    "look_alike",
    [
        "\u0461txhac",  # Cyrillic small omega for w
        "\u13b3TXHAC",  # Cherokee LA, drawn as W, beside the upper case of the name
        "\u2c73txhac",  # w with hook
    ],
)
def test_look_alikes_an_attacker_found_are_refused(client, group, look_alike):
    assert join(client, group, "wtxhac").status_code == 201
    answer = join(client, group, look_alike)
    assert (answer.status_code, answer.json["code"]) == (409, "pseudonym_taken")


def test_a_removed_members_pseudonym_cannot_be_taken_by_a_look_alike(client, group):
    member_id = join(client, group, "goeland").json["member"]["id"]
    url = f"/api/v1/groups/{group.id}/members/{member_id}"
    assert client.delete(url, headers=group.headers("organiser")).status_code == 204

    assert join(client, group, "GOELAND").status_code == 409


@pytest.mark.parametrize(
    "hidden",
    [
        "kar\u202eim",  # right-to-left override
        "kar\u2066im",  # left-to-right isolate
        "kar\u200bim",  # zero-width space
        "kar\u200dim",  # zero-width joiner
        "\ufeffkarim2",  # BOM
        "kar\u00adim2",  # soft hyphen
        "kar\x07im",  # control
        "kar\u3164im",  # Hangul filler, a letter that draws nothing
        "kar\u00a0im2",  # no-break space
        "e\u0301\u0301\u0301\u0301",  # zalgo
        "\u2605",  # no letter at all
    ],
)
def test_invisible_reordering_and_control_characters_are_refused(client, group, hidden):
    answer = join(client, group, hidden)

    assert answer.status_code == 422, answer.json
    assert "pseudonym" in answer.json["errors"]


def test_a_pseudonym_is_stored_nfc_and_found_again_typed_the_other_way(client, group):
    decomposed = unicodedata.normalize("NFD", "Léa")
    answer = join(client, group, decomposed)

    assert answer.status_code == 201
    assert answer.json["member"]["pseudonym"] == "Léa" == unicodedata.normalize("NFC", "Léa")
    assert join(client, group, "Léa").status_code == 409


@pytest.mark.parametrize("name", ["Léa", "goéland", "مريم", "小林", "Zoë B.", "walker-7"])
def test_ordinary_pseudonyms_of_many_scripts_are_fine(name):
    assert problem(unicodedata.normalize("NFC", name)) is None


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [("mouette", "rnouette", True), ("Léa", "Lea", True), ("lea", "leo", False),
     ("karim", "karima", False), ("Noé", "Noë", True), ("mouette", "mouettes", False)],
)  # fmt: skip
def test_skeletons_are_equal_only_for_look_alikes(one, other, same):
    assert (skeleton(one) == skeleton(other)) is same
