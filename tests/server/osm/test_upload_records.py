"""The observations a retry after a version conflict builds on: read with one statement per
batch of ids before anything is sent, not one per modify or delete."""

from sqlalchemy import select

from server.exports import upload
from server.exports.osc import Scope, observation_record
from server.exports.upload import upload_scope
from server.extensions import db
from server.observations.models import Observation
from server.osm.client import OsmClient
from server.osm.models import OsmNode
from server.osm.service import store_node
from tests.builders import nothing_to_check

POLICE = "Police municipale de Marseille"


def cameras(fake_osm, group, add_observation, modifies: int, first_id: int = 101):
    """`modifies` cached OSM cameras surveyed with a new operator, and one reported gone."""
    observations = []
    for index in range(modifies + 1):
        node_id, lat, lon = first_id + index, 43.29 + index * 0.001, 5.37 + first_id * 1e-4
        tags = {"man_made": "surveillance"}
        fake_osm.state.add_node(node_id, lat, lon, tags, version=2)
        store_node(node_id, 2, lon, lat, tags, part_of_way=False)
        db.session.commit()
        if index < modifies:
            observations.append(add_observation(group, lon, lat, operator=POLICE))
        else:
            observations.append(
                add_observation(group, lon, lat, presence="gone", osm_node_id=node_id)
            )
    return observations


def statements_before_sending(statements):
    """A client that notes how many statements the upload ran before it opened a changeset."""
    counted = []

    class Counting(OsmClient):
        def create_changeset(self, body):
            counted.append(len(statements))
            return super().create_changeset(body)

    return Counting, counted


def test_the_statements_before_sending_do_not_grow_with_the_modifies_and_deletes(
    make_group, add_observation, fake_osm, client_of, statements
):
    Counting, counted = statements_before_sending(statements)
    for modifies, first_id in ((2, 101), (8, 201)):
        group = make_group()
        cameras(fake_osm, group, add_observation, modifies, first_id)
        statements.clear()
        result = upload_scope(Scope.of_walk(group.walk), client_of(Counting))
        assert result.counts == {
            "created": 0,
            "modified": modifies,
            "deleted": 1,
            **nothing_to_check(),
        }

    few, many = counted
    assert few == many


def test_a_retry_after_version_conflicts_builds_on_each_observation_as_approved(
    group, add_observation, fake_osm, osm_client
):
    """Every node edited on OSM since it was cached: each modify and the delete answer 409,
    and each is rebuilt from its own observation's record."""
    cameras(fake_osm, group, add_observation, 3)
    for node in fake_osm.state.nodes.values():
        node.version = 3
        node.tags["survey:date"] = "2023-01-01"

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts == {"created": 0, "modified": 3, "deleted": 1, **nothing_to_check()}, (
        result.failed
    )
    nodes = [fake_osm.state.nodes[101 + index] for index in range(4)]
    assert all(node.tags["operator"] == POLICE for node in nodes[:3])
    assert all(node.tags["survey:date"] == "2023-01-01" for node in nodes[:3])
    assert nodes[3].visible is False


def test_the_records_read_in_batches_are_those_read_one_by_one(group, add_observation, fake_osm):
    observations = cameras(fake_osm, group, add_observation, 4)
    one_by_one = {
        o.uuid: observation_record(db.session.scalar(select(Observation).filter_by(uuid=o.uuid)))
        for o in observations
    }

    assert upload._records(o.uuid for o in observations) == one_by_one
    assert upload._records((o.uuid for o in observations), size=3) == one_by_one  # two batches
    assert upload._records([]) == {}


def test_the_statements_after_osm_answers_do_not_grow_with_the_nodes(
    make_group, add_observation, fake_osm, client_of, statements
):
    """What the diffResult says is stored in the camera cache a batch of nodes at a time: a
    full changeset is 10,000 of them."""
    counted = []

    class Counting(OsmClient):
        def upload(self, changeset_id, body):
            answer = super().upload(changeset_id, body)
            counted.append(len(statements))
            return answer

        def close_changeset(self, changeset_id):
            counted[-1] = len(statements) - counted[-1]
            return super().close_changeset(changeset_id)

    for nodes, first_id in ((2, 301), (8, 401)):
        group = make_group()
        cameras(fake_osm, group, add_observation, nodes, first_id)  # and one gone
        for index in range(1, nodes):  # as many gone
            cameras(fake_osm, group, add_observation, 0, first_id + 50 + index)
        result = upload_scope(Scope.of_walk(group.walk), client_of(Counting))
        assert result.counts == {
            "created": 0,
            "modified": nodes,
            "deleted": nodes,
            **nothing_to_check(),
        }
        cached = db.session.scalars(
            select(OsmNode).where(OsmNode.osm_id.between(first_id, first_id + 99))
        ).all()
        assert sorted(node.osm_id for node in cached) == list(range(first_id, first_id + nodes))
        assert {node.version for node in cached} == {3}
        assert all(node.tags["operator"] == POLICE for node in cached)

    few, many = counted
    assert few == many
