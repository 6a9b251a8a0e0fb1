"""An upload OSM took but whose end camwalk never heard: it is read back, not sent again.

The answer to an upload can be lost (a dropped connection, a time-out on a large part), and
the process can die between OSM's answer and the storing of the new ids (a restart). OSM then
holds nodes camwalk does not know it made; the next upload would create them a second time."""

import pytest
from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_group, upload_scope
from server.extensions import db
from server.groups.models import Group
from server.osm.client import OsmClient, OsmHttpError
from server.osm.models import ChangesetUpload, OsmNode
from server.osm.service import store_node
from tests.builders import nothing_to_check

POLICE = "Police municipale de Marseille"


class ProcessDied(BaseException):
    """Stands for the process ending: nothing of camwalk runs after it."""


def dies_after_osm_applied(client_of):
    """A client whose process dies once OSM has applied its first upload, before camwalk
    reads the answer."""

    class Dying(OsmClient):
        def upload(self, changeset_id, osmchange):
            super().upload(changeset_id, osmchange)
            raise ProcessDied()

    return client_of(Dying)


def answer_lost_after_osm_applied(client_of, applied=True):
    """A client whose upload's answer is lost (a time-out), OSM having applied it or not."""

    class Lost(OsmClient):
        def upload(self, changeset_id, osmchange):
            if applied:
                super().upload(changeset_id, osmchange)
            raise OsmHttpError(None, "Read timed out.", f"{self.api_url}/upload")

    return client_of(Lost)


def visible_nodes(fake_osm) -> dict:
    return {i: n for i, n in fake_osm.state.nodes.items() if n.visible}


def statuses():
    db.session.expire_all()
    return [row.status for row in db.session.scalars(select(ChangesetUpload))]


@pytest.fixture
def survey(group, add_observation, fake_osm):
    """Two new cameras and one already in OSM (node 101, version 3) with a new operator."""
    fake_osm.state.add_node(101, 43.2961, 5.3812, {"man_made": "surveillance"}, version=3)
    store_node(101, 3, 5.3812, 43.2961, {"man_made": "surveillance"})
    db.session.commit()
    return [
        add_observation(group, 5.385, 43.299, camera_type="dome"),
        add_observation(group, 5.386, 43.299, camera_type="fixed"),
        add_observation(group, 5.3812, 43.2961, operator=POLICE),
    ]


def test_after_a_process_died_mid_upload_the_next_upload_reads_it_back(
    group, survey, fake_osm, osm_client, client_of
):
    with pytest.raises(ProcessDied):
        upload_scope(Scope.of_walk(group.walk), dies_after_osm_applied(client_of))
    made = visible_nodes(fake_osm)
    assert len(made) == 3 and statuses() == ["open"]

    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert visible_nodes(fake_osm).keys() == made.keys()  # nothing created twice
    (recovered,) = again.recovered
    assert recovered["created"] == 2 and recovered["modified"] == 1
    assert again.counts == {"created": 0, "modified": 0, "deleted": 0, **nothing_to_check()}
    assert again.changesets == []
    for observation in survey:
        db.session.refresh(observation)
        assert observation.osm_node_id in made
        assert observation.osm_version == made[observation.osm_node_id].version
    assert db.session.scalar(select(OsmNode.version).filter_by(osm_id=101)) == 4
    assert statuses() == ["recovered"]
    assert all(not changeset["open"] for changeset in fake_osm.state.changesets.values())


def test_a_lost_answer_is_read_back_at_once(group, survey, fake_osm, client_of):
    result = upload_scope(Scope.of_walk(group.walk), answer_lost_after_osm_applied(client_of))

    assert result.counts == {"created": 2, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert result.failed == []
    made = visible_nodes(fake_osm)
    for observation in survey:
        db.session.refresh(observation)
        assert observation.osm_node_id in made
    assert statuses() == ["recovered"]


def test_a_lost_answer_osm_did_not_apply_is_sent_by_the_next_upload(
    group, survey, fake_osm, osm_client, client_of
):
    lost = upload_scope(Scope.of_walk(group.walk), answer_lost_after_osm_applied(client_of, False))
    assert "the next upload checks what OSM kept" in lost.failed[0]["reason"]
    assert statuses() == ["answer_lost"]
    assert len(visible_nodes(fake_osm)) == 1

    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert again.recovered[0] | {"changeset": None} == {
        "changeset": None, "created": 0, "modified": 0, "deleted": 0
    }  # fmt: skip
    assert again.counts == {"created": 2, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert len(visible_nodes(fake_osm)) == 3
    assert sorted(statuses()) == ["done", "recovered"]


def test_a_group_upload_reads_back_what_a_walk_upload_left(
    group, survey, fake_osm, osm_client, client_of
):
    with pytest.raises(ProcessDied):
        upload_scope(Scope.of_walk(group.walk), dies_after_osm_applied(client_of))
    made = set(visible_nodes(fake_osm))

    again = upload_group(db.session.get(Group, group.id), osm_client)

    assert set(visible_nodes(fake_osm)) == made
    assert again.recovered[0]["created"] == 2
    assert again.counts["created"] == 0


def test_a_node_no_camera_matches_any_more_is_reported_not_forgotten(
    client, group, survey, fake_osm, osm_client, client_of
):
    """Between the dead upload and the next, an organiser moved one camera: the node OSM made
    for it no longer matches it. The organiser is told which node to check; the camera is
    planned as it is now."""
    with pytest.raises(ProcessDied):
        upload_scope(Scope.of_walk(group.walk), dies_after_osm_applied(client_of))
    moved = survey[0]
    approved = dict(moved.approved)
    approved["position"] = {**approved["position"], "lat": 43.2995}
    moved.approved = approved
    db.session.commit()

    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    (lost,) = again.failed
    assert "which no approved camera matches now" in lost["reason"]
    assert lost["node"] in fake_osm.state.nodes
    assert again.recovered[0]["created"] == 1
