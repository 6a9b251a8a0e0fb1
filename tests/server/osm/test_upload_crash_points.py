"""An upload whose process dies at any step, run again: every changeset OSM opened is
recorded and closed, and no camera is created twice.

The steps are those of one changeset: the row recorded, OSM asked to open it, its id stored,
the osmChange sent, the answer stored, the changeset closed, the row marked done. The process
is stood for by a client that raises ProcessDied (nothing of camwalk runs after it) before
or after OSM does what one call asks."""

import pytest
from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import UNFINISHED, upload_scope
from server.extensions import db
from server.osm.client import OsmClient, OsmHttpError
from server.osm.models import ChangesetUpload, OsmAccount
from server.osm.service import store_node
from tests.builders import nothing_to_check


class ProcessDied(BaseException):
    """Stands for the process ending: nothing of camwalk runs after it."""


def dying(call: str, after_osm: bool):
    """An OsmClient whose process dies at its first `call`, before OSM does it or after."""

    class Dying(OsmClient):
        pass

    def die(self, *args):
        if not after_osm:
            raise ProcessDied()
        getattr(OsmClient, call)(self, *args)
        raise ProcessDied()

    setattr(Dying, call, die)
    return Dying


STEPS = {
    "row recorded, OSM not yet asked to open": ("create_changeset", False),
    "OSM opened the changeset, its id not stored": ("create_changeset", True),
    "id stored, nothing sent": ("upload", False),
    "OSM applied the upload, its answer not read": ("upload", True),
    "answer stored, not yet closed": ("close_changeset", False),
    "OSM closed it, the row not marked": ("close_changeset", True),
}


def statuses():
    db.session.expire_all()
    return sorted(row.status for row in db.session.scalars(select(ChangesetUpload)))


@pytest.fixture
def survey(group, add_observation, fake_osm):
    """Two new cameras and one already in OSM (node 101) with a new operator."""
    tags = {"man_made": "surveillance"}
    fake_osm.state.add_node(101, 43.2961, 5.3812, tags, version=3)
    store_node(101, 3, 5.3812, 43.2961, tags)
    db.session.commit()
    return [
        add_observation(group, 5.385, 43.299, camera_type="dome"),
        add_observation(group, 5.386, 43.299, camera_type="fixed"),
        add_observation(group, 5.3812, 43.2961, operator="Police municipale"),
    ]


def check_nothing_twice_nothing_left_open(group, survey, fake_osm, osm_client):
    nodes = {i: n for i, n in fake_osm.state.nodes.items() if n.visible}
    assert len(nodes) == 3  # node 101 and the two new cameras, each made once
    for observation in survey:
        db.session.refresh(observation)
        assert observation.osm_node_id in nodes
    assert not any(changeset["open"] for changeset in fake_osm.state.changesets.values())
    assert not set(statuses()) & set(UNFINISHED)
    recorded = set(db.session.scalars(select(ChangesetUpload.changeset_id)))
    assert set(fake_osm.state.changesets) <= recorded  # every changeset OSM opened
    again = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert (again.changesets, again.recovered, again.failed) == ([], [], [])


@pytest.mark.parametrize("step", STEPS)
def test_an_upload_run_again_after_its_process_died_finishes_what_it_began(
    step, group, survey, fake_osm, client_of, osm_client
):
    with pytest.raises(ProcessDied):
        upload_scope(Scope.of_walk(group.walk), client_of(dying(*STEPS[step])))

    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert again.failed == []
    check_nothing_twice_nothing_left_open(group, survey, fake_osm, osm_client)


def test_a_changeset_osm_opened_unheard_is_found_closed_and_listed_as_recovered(
    group, survey, fake_osm, client_of, osm_client
):
    with pytest.raises(ProcessDied):
        upload_scope(Scope.of_walk(group.walk), client_of(dying("create_changeset", True)))
    (stray,) = fake_osm.state.changesets
    assert statuses() == ["opening"]
    assert fake_osm.state.changesets[stray]["open"]

    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert again.recovered == [{"changeset": stray, "created": 0, "modified": 0, "deleted": 0}]
    assert not fake_osm.state.changesets[stray]["open"]
    assert again.counts == {"created": 2, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert stray not in again.changesets
    assert statuses() == ["done", "recovered"]


def test_a_changeset_osm_never_opened_is_marked_not_found_and_nothing_else_is_closed(
    group, survey, fake_osm, client_of, osm_client
):
    """Another camwalk changeset of the account is open meanwhile, with another comment, and
    one of this group's recorded: neither is taken for the one never heard of."""
    with pytest.raises(ProcessDied):
        upload_scope(Scope.of_walk(group.walk), client_of(dying("create_changeset", False)))
    other = osm_client.create_changeset(
        b'<osm><changeset><tag k="created_by" v="camwalk 0.1.0"/>'
        b'<tag k="comment" v="Add 9 surveyed surveillance cameras, elsewhere"/></changeset></osm>'
    )

    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert fake_osm.state.changesets[other]["open"]
    assert again.recovered == []
    assert statuses() == ["done", "not_found"]


def test_without_the_users_name_from_osm_the_connected_accounts_is_used(
    group, survey, fake_osm, client_of, osm_client
):
    """A write_api token: OSM refuses user/details, the account says whose changesets."""
    fake_osm.state.user_details_allowed = False
    db.session.add(
        OsmAccount(
            group_id=group.id, token_encrypted="-", scope="write_api",
            api_url=osm_client.api_url, osm_user="karim_osm", osm_user_id=4242,
        )
    )  # fmt: skip
    db.session.commit()
    with pytest.raises(ProcessDied):
        upload_scope(Scope.of_walk(group.walk), client_of(dying("create_changeset", True)))
    (stray,) = fake_osm.state.changesets

    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert [item["changeset"] for item in again.recovered] == [stray]
    assert not fake_osm.state.changesets[stray]["open"]


def test_a_refused_changeset_leaves_no_row(group, survey, fake, fake_osm, osm_client):
    fake_osm.state.script.append(fake.Canned("PUT", "/changeset/create", 401, body="no"))

    with pytest.raises(OsmHttpError, match="401"):
        upload_scope(Scope.of_walk(group.walk), osm_client)

    assert statuses() == []
