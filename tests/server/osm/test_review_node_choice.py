"""The review card names the OSM node each survey will change, and the organiser's choice of
another node, or of "new camera", is what the export, its dry run and the upload do.

The close-neighbours case: two OSM cameras 3.15 m apart and a survey between them, 1.45 m
from one and 1.70 m from the other. GPS cannot tell them apart; the card says so.
"""

from xml.etree.ElementTree import fromstring

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.observations.models import Observation
from server.osm.service import store_node
from tests.builders import MANY_IDS, create_change, nothing_to_check

METRE_DEG = 1 / 111_195.08  # one metre of latitude, in degrees (camwalk's sphere)
LON, LAT = 5.3812345, 43.2961234
NEAR_TAGS = {"man_made": "surveillance", "operator": "RTM", "camera:type": "dome"}
FAR_TAGS = {"man_made": "surveillance", "surveillance:type": "camera"}


@pytest.fixture
def neighbours(app):
    store_node(501, 4, LON, LAT, NEAR_TAGS)
    store_node(502, 7, LON, LAT + 3.15 * METRE_DEG, FAR_TAGS)
    db.session.commit()


def log_survey(client, group, north_m=1.45, **fields) -> str:
    """A walker's log, pending review; its id."""
    position = {"lat": LAT + north_m * METRE_DEG, "lon": LON, "accuracy_m": 4}
    change = create_change(group.walk.id, position=position, direction=None, **fields)
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [change]}, headers=group.headers()
    )
    assert answer.json["results"][0]["status"] == "applied", answer.json
    return change["observation_id"]


def card(client, group, observation_id, status="pending") -> dict:
    answer = client.get(
        f"/api/v1/groups/{group.id}/review?status={status}", headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.json
    (item,) = [item for item in answer.json if item["id"] == observation_id]
    return item["osm_change"]


def choose(client, group, observation_id, who="organiser", **body):
    return client.post(
        f"/api/v1/observations/{observation_id}/osm-node", json=body, headers=group.headers(who)
    )


def approve(client, group, observation_id):
    answer = client.post(
        f"/api/v1/observations/{observation_id}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json


def export(client, group) -> tuple[dict, dict]:
    """The HTTP osmChange as {action: [(id, tags)]}, and the upload's dry run (made first: after
    the file, its creates would wait for a fetch, server/exports/upload.py `held_back`)."""
    preview = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload",
        json={"dry_run": True},
        headers=group.headers("organiser"),
    ).get_json()
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        document = fromstring(answer.data)
    actions = {
        block.tag: [
            (int(node.get("id")), {t.get("k"): t.get("v") for t in node.iterfind("tag")})
            for node in block.iterfind("node")
        ]
        for block in document
    }
    return actions, preview


def test_a_survey_between_two_close_cameras_shows_both_and_is_ambiguous(client, group, neighbours):
    survey = log_survey(client, group, operator="Police municipale")

    change = card(client, group, survey)

    assert change["action"] == "modify" and change["once_approved"] is True
    assert change["chosen_by"] == "distance" and change["ambiguous_with"] == 502
    assert change["node"] == {
        "id": 501,
        "version": 4,
        "tags": NEAR_TAGS,
        "url": "https://www.openstreetmap.org/node/501",
        "lat": LAT,
        "lon": LON,
        "distance_m": 1.45,
        "part_of_way": False,
    }
    assert [(c["id"], c["distance_m"], c["taken_by"]) for c in change["candidates"]] == [
        (501, 1.45, None),
        (502, 1.7, None),
    ]
    assert change["candidates"][1]["tags"] == FAR_TAGS


def test_choosing_the_runner_up_makes_the_export_and_its_dry_run_modify_it(
    client, group, neighbours
):
    survey = log_survey(client, group, operator="Police municipale")

    chosen = choose(client, group, survey, osm_node_id=502)
    approve(client, group, survey)
    actions, preview = export(client, group)

    assert chosen.status_code == 200, chosen.json
    assert chosen.json["observation"]["osm_node_id"] == 502
    change = card(client, group, survey, status="approved")
    assert (change["action"], change["chosen_by"], change["node"]["id"]) == ("modify", "link", 502)
    assert change["ambiguous_with"] is None and change["once_approved"] is False
    assert [node_id for node_id, _ in actions["modify"]] == [502]
    assert actions["modify"][0][1]["operator"] == "Police municipale"
    assert "create" not in actions or actions["create"] == []
    assert [(c["action"], c["node"]) for c in preview["changes"]] == [("modify", 502)]
    assert preview["ambiguous"] == []


def test_new_camera_makes_a_create_even_next_to_a_mapped_camera(client, group, neighbours):
    survey = log_survey(client, group, north_m=0.3)

    assert card(client, group, survey)["node"]["id"] == 501
    chosen = choose(client, group, survey, new_camera=True)
    approve(client, group, survey)
    actions, preview = export(client, group)

    assert chosen.status_code == 200, chosen.json
    assert chosen.json["observation"]["osm_new"] is True
    change = card(client, group, survey, status="approved")
    assert (change["action"], change["chosen_by"], change["node"]) == (
        "create",
        "new_camera",
        None,
    )
    assert [c["id"] for c in change["candidates"]] == [501, 502]  # still offered, to undo
    assert [node_id for node_id, _ in actions["create"]] == [-1]
    assert actions.get("modify", []) == []
    assert [(c["action"], c["node"]) for c in preview["changes"]] == [("create", -1)]


def test_the_choice_is_an_organiser_edit_in_history_that_walkers_pull(client, group, neighbours):
    survey = log_survey(client, group)
    before = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"cursor": 0}, headers=group.headers()
    ).json["cursor"]

    choose(client, group, survey, osm_node_id=502)
    pulled = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"cursor": before}, headers=group.headers()
    ).json
    history = client.get(f"/api/v1/observations/{survey}/history", headers=group.headers()).json

    assert [(o["id"], o["osm_node_id"], o["osm_new"]) for o in pulled["observations"]] == [
        (survey, 502, False)
    ]
    assert history[-1]["op"] == "osm_choice" and history[-1]["by"] == "karim"
    assert history[-1]["payload"]["fields"]["osm_node_id"] == {"old": None, "new": 502}
    # Back to a node after "new camera" clears the mark in the same edit.
    choose(client, group, survey, new_camera=True)
    again = choose(client, group, survey, osm_node_id=501).json["observation"]
    assert (again["osm_node_id"], again["osm_new"]) == (501, False)


def test_a_node_another_survey_names_is_refused_with_a_conflict(client, group, neighbours):
    first, second = log_survey(client, group), log_survey(client, group, north_m=2.0)
    choose(client, group, first, osm_node_id=502)

    refused = choose(client, group, second, osm_node_id=502)

    assert refused.status_code == 409
    assert refused.json["code"] == "osm_node_taken" and first in refused.json["message"]
    assert card(client, group, second)["candidates"][0]["taken_by"] == first


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"osm_node_id": 999}, 422, "osm_node_unknown"),
        ({"osm_node_id": 501, "new_camera": True}, 422, "invalid_input"),
        ({}, 422, "invalid_input"),
        ({"new_camera": False}, 422, "invalid_input"),
        ({"osm_node_id": "501"}, 422, "invalid_input"),
    ],
)
def test_a_choice_that_names_no_cached_node_or_both_is_refused(
    client, group, neighbours, body, status, code
):
    survey = log_survey(client, group)

    refused = choose(client, group, survey, **body)

    assert (refused.status_code, refused.json["code"]) == (status, code)
    assert card(client, group, survey)["chosen_by"] == "distance"


def load_only_around(group, lon, lat, metres=100):
    """Her group's walk loaded the OSM cameras of a small box, not everywhere."""
    half = metres * METRE_DEG
    group.walk.osm_fetched_bbox = [lon - 2 * half, lat - half, lon + 2 * half, lat + half]
    db.session.commit()


def test_a_far_node_only_another_group_fetched_is_as_unknown_as_one_never_cached(
    client, group, neighbours
):
    # Another group's fetch cached a camera two kilometres away, where hers never loaded.
    store_node(777, 1, LON, LAT + 2000 * METRE_DEG, FAR_TAGS)
    load_only_around(group, LON, LAT)
    survey = log_survey(client, group)

    elsewhere = choose(client, group, survey, osm_node_id=777)
    never_cached = choose(client, group, survey, osm_node_id=999)

    # Naming ids one by one must not tell which places other groups fetched.
    assert (elsewhere.status_code, elsewhere.json["code"]) == (422, "osm_node_unknown")
    assert elsewhere.json["message"].replace("777", "999") == never_cached.json["message"]
    load_only_around(group, LON, LAT + 2000 * METRE_DEG)
    assert choose(client, group, survey, osm_node_id=777).status_code == 200


def test_a_node_the_card_offers_may_be_chosen_outside_her_loaded_box(client, group, neighbours):
    load_only_around(group, LON, LAT + 2000 * METRE_DEG)
    survey = log_survey(client, group)

    assert choose(client, group, survey, osm_node_id=502).status_code == 200
    change = card(client, group, survey)
    assert (change["chosen_by"], change["node"]["id"]) == ("link", 502)


def test_walkers_may_not_choose_and_an_uploaded_link_is_settled(client, group, neighbours):
    survey = log_survey(client, group)
    assert choose(client, group, survey, who="walker", osm_node_id=502).status_code == 403

    from server.observations.models import Observation

    row = db.session.query(Observation).filter_by(uuid=survey).one()
    row.osm_node_id, row.osm_version = 501, 5  # as an upload leaves it
    db.session.commit()
    refused = choose(client, group, survey, new_camera=True)

    assert (refused.status_code, refused.json["code"]) == (409, "osm_link_settled")


def test_a_chosen_node_that_vanished_from_osm_is_a_report_line_not_a_change(
    client, group, neighbours
):
    from server.osm.models import OsmNode

    survey = log_survey(client, group)
    choose(client, group, survey, osm_node_id=502)
    approve(client, group, survey)
    db.session.query(OsmNode).filter_by(osm_id=502).delete()  # a re-fetch found it deleted
    db.session.commit()

    actions, preview = export(client, group)

    assert all(block == [] for block in actions.values())
    (skipped,) = preview["skipped"]
    assert skipped["observation"] == survey and "502 is not in the OSM data" in skipped["reason"]
    change = card(client, group, survey, status="approved")
    assert change["action"] == "nothing" and "502" in change["reason"]


def test_a_chosen_node_is_modified_even_when_another_survey_is_nearer_to_it(
    client, group, neighbours
):
    chooser = log_survey(client, group, north_m=1.45, operator="Chosen")
    nearer = log_survey(client, group, north_m=3.05, operator="Nearer")  # 0.1 m from 502

    choose(client, group, chooser, osm_node_id=502)
    for survey in (chooser, nearer):
        approve(client, group, survey)
    actions, preview = export(client, group)

    modified = {node_id: tags["operator"] for node_id, tags in actions["modify"]}
    assert modified == {502: "Chosen", 501: "Nearer"}
    assert sorted(c["node"] for c in preview["changes"]) == [501, 502]


@pytest.mark.parametrize("choice", ["runner_up", "new_camera"])
def test_the_upload_to_the_osm_api_follows_the_choice(client, group, fake_osm, osm_client, choice):
    from server.exports.osc import Scope
    from server.exports.upload import upload_scope
    from server.observations.models import Observation

    for node_id, version, north_m, tags in ((501, 4, 0, NEAR_TAGS), (502, 7, 3.15, FAR_TAGS)):
        lat = LAT + north_m * METRE_DEG
        fake_osm.state.add_node(node_id, lat, LON, tags, version=version)
        store_node(node_id, version, LON, lat, tags)
    db.session.commit()
    survey = log_survey(client, group, operator="Police municipale")
    body = {"osm_node_id": 502} if choice == "runner_up" else {"new_camera": True}
    assert choose(client, group, survey, **body).status_code == 200
    approve(client, group, survey)

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    nodes = fake_osm.state.nodes
    assert nodes[501].tags == NEAR_TAGS and nodes[501].version == 4
    row = db.session.query(Observation).filter_by(uuid=survey).one()
    if choice == "runner_up":
        assert result.counts == {"created": 0, "modified": 1, "deleted": 0, **nothing_to_check()}
        assert nodes[502].tags["operator"] == "Police municipale"
        assert row.osm_node_id == 502
    else:
        assert result.counts == {"created": 1, "modified": 0, "deleted": 0, **nothing_to_check()}
        assert nodes[502].tags == FAR_TAGS
        assert row.osm_node_id not in (501, 502) and row.osm_node_id in nodes
        # In OSM now, linked to its own node: "new camera" has done its work.
        assert row.osm_new is False


def test_a_walker_who_later_links_the_chosen_node_gets_a_report_line_not_a_second_modify(
    client, group, neighbours
):
    from tests.builders import update_change

    chooser, walker = log_survey(client, group), log_survey(client, group, north_m=3.0)
    choose(client, group, chooser, osm_node_id=502)
    still_there = update_change(walker, 1, "2026-11-21T10:00:00+01:00", osm_node_id=(None, 502))
    client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [still_there]}, headers=group.headers()
    )
    for survey in (chooser, walker):
        approve(client, group, survey)

    actions, preview = export(client, group)

    assert [node_id for node_id, _ in actions["modify"]] == [502]
    (skipped,) = preview["skipped"]
    assert "502 is already changed by observation" in skipped["reason"]
    changes = {uuid: card(client, group, uuid, status="approved") for uuid in (chooser, walker)}
    assert sorted(change["action"] for change in changes.values()) == ["modify", "nothing"]


def test_a_walk_with_more_observations_under_review_than_a_statement_can_name_is_planned(
    app, group, client, neighbours
):
    """The card plans the walk with every observation under review taken as approved; their
    uuids went to the database as IN and NOT IN lists, one parameter each, which PostgreSQL
    refuses past 65,535: the review queue of a walk that large failed. The other uuids here
    stand for them (no row of the walk has these uuids)."""
    from server.exports.osc import Scope, review_plan

    survey = log_survey(client, group, operator="Police municipale")
    fields = {"position": {"lat": LAT + 1.45 * METRE_DEG, "lon": LON}, "kind": "camera"}
    overrides = {f"00000000-0000-4000-8000-{i:012d}": {} for i in range(MANY_IDS)}
    overrides[survey] = fields

    plan = review_plan(Scope(group.id, group.walk.id, ""), overrides, [survey])[survey]

    assert (plan.action, plan.node.id, plan.ambiguous_with) == ("modify", 501, 502)


def test_the_card_plans_the_walk_only_where_another_survey_could_take_its_node(
    app, group, client, neighbours, monkeypatch
):
    """The planner ties one observation to another only through a node: the first in place
    order to change it keeps it. So the card plans the surveys it shows and those that change
    a node, not every camera of the walk: a walk mostly approved, a few latest cameras under
    review, planned all its creates each time the review queue opened."""
    from server.exports import osc

    creates = [log_survey(client, group, north_m=100 + 40 * i) for i in range(4)]
    survey = log_survey(client, group, operator="Police municipale", osm_node_id=501)
    holder = log_survey(client, group, north_m=1.2, operator="Ville", osm_node_id=501)
    for uuid in [*creates, survey, holder]:
        approve(client, group, uuid)
    scope = osc.Scope(group.id, group.walk.id, "")
    whole = osc.review_plan(scope, {}, [*creates, survey, holder])
    planned = []
    plan_actions = osc.plan_actions

    def counted(observations, *args, **options):
        observations = (planned.append(item["id"]) or item for item in observations)
        return plan_actions(observations, *args, **options)

    monkeypatch.setattr(osc, "plan_actions", counted)

    alone = osc.review_plan(scope, {}, [survey])

    assert sorted(planned) == sorted([survey, holder])
    assert alone == {survey: whole[survey]}
    assert sorted(plan.action for plan in whole.values()) == [*["create"] * 4, "modify", "nothing"]


@pytest.mark.parametrize("place_held", [True, False])
def test_a_camera_moved_since_its_approval_is_planned_where_it_is_now(
    client, group, neighbours, place_held
):
    """The card plans a camera edited since its approval as approving it again would publish
    it: its approved copy, still stored, takes no part. Here the walker moved it far from
    camera 501; the next survey near 501 is the one to modify it. The approved copy's place
    key is held, or not (a copy written without the ORM): the plan reads it apart."""
    from tests.builders import update_change

    moved = log_survey(client, group, north_m=-1.0)
    approve(client, group, moved)
    if not place_held:
        where = Observation.uuid == moved
        db.session.execute(sa.update(Observation).where(where).values(approved_place=None))
        db.session.commit()
    (view,) = [
        o
        for o in client.post(
            f"/api/v1/groups/{group.id}/sync", json={"cursor": 0}, headers=group.headers()
        ).json["observations"]
        if o["id"] == moved
    ]
    away = {**view["position"], "lat": view["position"]["lat"] + 200 * METRE_DEG}
    edit = update_change(
        moved, view["version"], "2026-11-21T10:00:00+01:00", position=(view["position"], away)
    )
    client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [edit]}, headers=group.headers()
    )
    nearest = log_survey(client, group, north_m=-1.5)

    moved_card, nearest_card = card(client, group, moved), card(client, group, nearest)

    assert (moved_card["action"], moved_card["node"]) == ("create", None)
    assert (nearest_card["action"], nearest_card["chosen_by"]) == ("modify", "distance")
    assert nearest_card["node"]["id"] == 501
