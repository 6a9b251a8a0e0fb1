"""The table of nodes camwalk's uploads took out of OSM, added to a database holding a cache."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server.extensions import db
from server.osm.models import OsmNode
from server.osm.service import gone_versions, take_out
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)
from tests.migrations.test_osm_node_migrations import insert_node

BEFORE = "e7c2a9d4f168"


def test_the_cache_is_kept_and_a_node_taken_out_is_remembered_until_the_downgrade(
    fresh_app,  # noqa: F811
):
    upgrade(revision=BEFORE)
    with db.engine.begin() as conn:
        insert_node(conn, 101, True)
        insert_node(conn, 102, False)
        conn.execute(sa.text("UPDATE osm_node SET vertex_known = :known"), {"known": True})
        conn.execute(sa.text("UPDATE osm_node SET relations = '[55816]' WHERE osm_id = 101"))

    upgrade()

    nodes = {n.osm_id: n for n in db.session.scalars(sa.select(OsmNode))}
    assert {n.osm_id: (n.part_of_way, n.relations) for n in nodes.values()} == {
        101: (True, [55816]),
        102: (False, None),
    }
    assert gone_versions([101, 102]) == {}  # no upload before this revision kept a version
    take_out({102: 2})
    db.session.commit()
    assert gone_versions([101, 102]) == {102: 2}
    db.session.remove()

    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT osm_id, part_of_way FROM osm_node ORDER BY osm_id"))
        assert [tuple(row) for row in rows] == [(101, True)]
        assert "osm_node_gone" not in sa.inspect(conn).get_table_names()
