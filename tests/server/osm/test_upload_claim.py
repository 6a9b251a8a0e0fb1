"""One upload to OpenStreetMap at a time per group.

Two uploads of the same approved cameras at once (two organisers, a retry while the first
request still runs behind a proxy that gave up, the command beside the web page) each planned
before the other stored the new node ids, and each created the same nodes in OSM."""

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from server.exports.errors import UploadUnderWay
from server.exports.osc import Scope
from server.exports.upload import UPLOAD_CLAIM_LEASE, UploadClaim, upload_group, upload_scope
from server.extensions import db
from server.groups.models import Group
from server.osm.cli import upload_command
from server.osm.client import OsmClient, OsmHttpError
from server.types import utcnow


@pytest.fixture
def ready(group):
    group.group.hashtags = "#technopolice"
    db.session.commit()
    return group


def created_nodes(fake_osm) -> int:
    return len(fake_osm.state.nodes)


def claimed_since(group):
    db.session.expire_all()
    return db.session.scalar(select(Group.osm_upload_since).filter_by(id=group.id))


def test_a_second_upload_while_the_first_is_under_way_sends_nothing(
    app, ready, add_observation, fake_osm, client_of
):
    """The first upload holds at OSM's door (its diff upload waits); the second, started then
    from another thread as another request would be, is refused before it opens a changeset.
    The first then ends: the cameras are in OSM once."""
    for step in range(3):
        add_observation(ready, 5.385 + step / 1000, 43.299)
    at_osm, go_on = threading.Event(), threading.Event()

    class HeldClient(OsmClient):
        def upload(self, changeset_id, osmchange):
            at_osm.set()
            assert go_on.wait(30)
            return super().upload(changeset_id, osmchange)

    results = []

    def first_upload():
        with app.app_context():
            client = client_of(HeldClient)
            try:
                results.append(upload_scope(Scope.of_walk(db.session.merge(ready.walk)), client))
            finally:
                client.close()
                db.session.remove()

    thread = threading.Thread(target=first_upload)
    thread.start()
    try:
        assert at_osm.wait(30)
        second = client_of()
        with pytest.raises(UploadUnderWay):
            upload_scope(Scope.of_walk(ready.walk), second)
        with pytest.raises(UploadUnderWay):
            upload_group(db.session.get(Group, ready.id), second)
        second.close()
        assert len(fake_osm.state.changesets) == 1
    finally:
        go_on.set()
        thread.join(30)

    (result,) = results
    assert result.counts["created"] == 3
    assert created_nodes(fake_osm) == 3
    assert claimed_since(ready) is None  # let go at the end


def test_the_upload_route_answers_409_while_another_upload_holds_the_claim(
    app, client, ready, add_observation, fake_osm, monkeypatch
):
    monkeypatch.setitem(app.config, "OSM_API_URL", fake_osm.url)
    monkeypatch.setitem(app.config, "OSM_TOKEN", fake_osm.state.token)
    add_observation(ready, 5.385, 43.299)
    url = f"/api/v1/walks/{ready.walk.id}/osm-upload"
    held = UploadClaim(ready.id)
    held.take()

    refused = client.post(url, json={}, headers=ready.headers("organiser"))
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "osm_upload_under_way"
    assert fake_osm.state.changesets == {}
    # A dry run sends nothing: it needs no claim.
    preview = client.post(url, json={"dry_run": True}, headers=ready.headers("organiser"))
    assert preview.status_code == 200

    held.release()
    done = client.post(url, json={}, headers=ready.headers("organiser"))
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["counts"]["created"] == 1


def test_a_claim_left_by_an_upload_that_died_is_taken_over_after_its_lease(
    ready, add_observation, fake_osm, osm_client
):
    add_observation(ready, 5.385, 43.299)
    ready.group.osm_upload_since = utcnow() - UPLOAD_CLAIM_LEASE + dt.timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(UploadUnderWay):
        upload_scope(Scope.of_walk(ready.walk), osm_client)

    ready.group.osm_upload_since = utcnow() - UPLOAD_CLAIM_LEASE - dt.timedelta(minutes=1)
    db.session.commit()
    assert upload_scope(Scope.of_walk(ready.walk), osm_client).counts["created"] == 1
    assert claimed_since(ready) is None


def test_an_upload_that_fails_lets_go_of_its_claim(
    ready, add_observation, fake, fake_osm, osm_client
):
    add_observation(ready, 5.385, 43.299)
    fake_osm.state.script.append(fake.Canned("PUT", "/changeset/create", 500, body="down"))
    with pytest.raises(OsmHttpError):
        upload_scope(Scope.of_walk(ready.walk), osm_client)
    assert claimed_since(ready) is None
    assert upload_scope(Scope.of_walk(ready.walk), osm_client).counts["created"] == 1


def test_an_upload_whose_claim_was_taken_over_stops_before_its_next_changeset(
    ready, add_observation, fake_osm, client_of
):
    """Parts of 1 element: the claim is renewed before each changeset. Once another upload
    has taken it (this one was thought dead), this one sends no more."""
    for step in range(3):
        add_observation(ready, 5.385 + step / 1000, 43.299)
    opened = []

    class TakenOverAfterOne(OsmClient):
        def create_changeset(self, xml):
            opened.append(super().create_changeset(xml))
            if len(opened) == 1:
                ready.group.osm_upload_since = utcnow() + dt.timedelta(seconds=1)
                db.session.commit()
            return opened[-1]

    client = client_of(TakenOverAfterOne)
    with pytest.raises(UploadUnderWay):
        upload_scope(Scope.of_walk(ready.walk), client, max_elements=1)
    client.close()
    assert len(opened) == 1
    assert created_nodes(fake_osm) == 1
    assert claimed_since(ready) is not None  # the other upload's, left alone


def test_the_upload_command_says_another_upload_is_under_way(app, ready, fake_osm):
    UploadClaim(ready.id).take()
    arguments = ["--walk", str(ready.walk.id), "--token", fake_osm.state.token]
    arguments += ["--api-url", fake_osm.url]
    result = app.test_cli_runner().invoke(upload_command, arguments)
    assert result.exit_code == 1, result.output
    assert "Another upload of this group to OpenStreetMap is under way" in result.output
    assert fake_osm.state.changesets == {}
