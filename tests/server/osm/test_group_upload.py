"""A group's upload: one changeset per walk (a walk is a locality), split at the element limit."""

from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_group, upload_scope
from server.extensions import db
from server.groups.models import Walk
from server.osm import tokens
from server.osm.cli import upload_command
from server.osm.models import ChangesetUpload, OsmAccount
from tests.builders import EVERYWHERE, nothing_to_check


def second_walk(group, name="Belsunce walk") -> Walk:
    walk = Walk(group_id=group.id, name=name, osm_fetched_bbox=EVERYWHERE)
    db.session.add(walk)
    db.session.commit()
    return walk


def connect(group, fake_osm) -> None:
    """The group as if an organiser had connected its OSM account (token stored encrypted)."""
    group.group.hashtags = "#technopolice"
    db.session.add(
        OsmAccount(
            group_id=group.id,
            token_encrypted=tokens.encrypt("test-secret", fake_osm.state.token),
            scope="write_api",
            api_url=fake_osm.url,
        )
    )
    db.session.commit()


def test_a_group_upload_opens_one_changeset_per_walk_named_after_it(
    app, group, add_observation, fake_osm, osm_client
):
    other = second_walk(group)
    add_observation(group, 5.385, 43.299)
    add_observation(group, 5.386, 43.300)
    add_observation(group, 5.380, 43.301, walk_id=other.id)
    add_observation(group, 5.381, 43.302, walk_id=other.id, review_status="pending")

    result = upload_group(group.group, osm_client)

    assert result.counts == {"created": 3, "modified": 0, "deleted": 0, **nothing_to_check()}
    assert len(result.changesets) == 2
    comments = [fake_osm.state.changesets[c]["tags"]["comment"] for c in result.changesets]
    assert comments == [
        f"Add 2 surveyed surveillance cameras, {group.walk.name}",
        "Add 1 surveyed surveillance camera, Belsunce walk",
    ]
    rows = db.session.scalars(select(ChangesetUpload).order_by(ChangesetUpload.id)).all()
    assert [row.counts["created"] for row in rows] == [2, 1]


def test_a_walk_with_nothing_approved_opens_no_changeset(
    app, group, add_observation, fake_osm, osm_client
):
    second_walk(group)
    add_observation(group, 5.385, 43.299)
    result = upload_group(group.group, osm_client)
    assert len(result.changesets) == 1 and len(fake_osm.state.changesets) == 1


def test_a_walk_larger_than_the_element_limit_is_split_into_several_changesets(
    app, group, add_observation, fake_osm, osm_client
):
    for step in range(5):
        add_observation(group, 5.380 + step * 0.001, 43.299)
    result = upload_scope(Scope.of_walk(group.walk), osm_client, max_elements=2)

    assert len(result.changesets) == 3
    rows = db.session.scalars(select(ChangesetUpload).order_by(ChangesetUpload.id)).all()
    assert [row.counts["created"] for row in rows] == [2, 2, 1]
    assert all(not fake_osm.state.changesets[c]["open"] for c in result.changesets)


def test_the_group_endpoint_uploads_every_walk_with_the_connected_account(
    client, group, add_observation, fake_osm
):
    connect(group, fake_osm)
    other = second_walk(group)
    add_observation(group, 5.385, 43.299)
    add_observation(group, 5.380, 43.301, walk_id=other.id)

    answer = client.post(
        f"/api/v1/groups/{group.id}/osm-upload", json={}, headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["status"] == "done" and len(body["changesets"]) == 2
    assert body["counts"]["created"] == 2
    assert (
        client.post(
            f"/api/v1/groups/{group.id}/osm-upload", json={}, headers=group.headers()
        ).status_code
        == 403
    )


def test_the_cli_uploads_a_group_with_its_connected_account(app, group, add_observation, fake_osm):
    connect(group, fake_osm)
    second_walk(group)
    add_observation(group, 5.385, 43.299)
    result = app.test_cli_runner().invoke(upload_command, ["--group", str(group.id)], env={})
    assert result.exit_code == 0, result.output
    assert '"created": 1' in result.output
    assert len(fake_osm.state.changesets) == 1


def test_the_cli_refuses_a_real_upload_without_a_campaign_hashtag(
    app, group, add_observation, fake_osm
):
    add_observation(group, 5.385, 43.299)
    result = app.test_cli_runner().invoke(
        upload_command, ["--walk", str(group.walk.id), "--token", "t"]
    )
    assert result.exit_code == 1
    assert "hashtag" in result.output
    assert fake_osm.state.changesets == {}
