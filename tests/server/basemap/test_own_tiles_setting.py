"""The "no third-party tiles" setting: organisers set it, every walk carries it to phones."""


def walks(client, group, who="walker"):
    return client.get(f"/api/v1/groups/{group.id}/walks", headers=group.headers(who)).json


def settings_url(group):
    return f"/api/v1/groups/{group.id}/settings"


def test_an_organiser_turns_third_party_tiles_off_and_the_walkers_walks_say_so(client, group):
    assert [w["own_tiles_only"] for w in walks(client, group)] == [False]

    answer = client.patch(
        settings_url(group), json={"own_tiles_only": True}, headers=group.headers("organiser")
    )

    assert answer.status_code == 200, answer.json
    assert answer.json["own_tiles_only"] is True
    assert [w["own_tiles_only"] for w in walks(client, group)] == [True]
    shown = client.get(settings_url(group), headers=group.headers("organiser")).json
    assert shown["own_tiles_only"] is True


def test_a_walker_cannot_turn_the_setting_off(client, group):
    answer = client.patch(
        settings_url(group), json={"own_tiles_only": False}, headers=group.headers("walker")
    )
    assert answer.status_code == 403


def test_the_setting_takes_a_boolean_only(client, group):
    answer = client.patch(
        settings_url(group), json={"own_tiles_only": "perhaps"}, headers=group.headers("organiser")
    )
    assert (answer.status_code, list(answer.json["errors"])) == (422, ["own_tiles_only"])
