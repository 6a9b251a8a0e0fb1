"""Data in `osm_node` across the migrations that added `vertex_known`, `demo_group_id`,
`relations` and `imported`."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server.extensions import db
from server.osm.models import OsmNode
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)

BEFORE = "e8b41f6c2d37"
BEFORE_RELATIONS = "d4a8f1c6e293"


def insert_node(conn, osm_id: int, part_of_way: bool) -> None:
    point = "GeomFromText" if conn.dialect.name == "sqlite" else "ST_GeomFromText"
    conn.execute(
        sa.text(
            "INSERT INTO osm_node (osm_id, version, geom, tags, part_of_way, fetched_at) "
            f"VALUES (:osm_id, 1, {point}('POINT(5.38 43.29)', 4326), '{{}}', :vertex, "
            "CURRENT_TIMESTAMP)"
        ),
        {"osm_id": osm_id, "vertex": part_of_way},
    )


def test_a_known_vertex_stays_known_and_every_other_cached_node_becomes_not_known(
    fresh_app,  # noqa: F811
):
    upgrade(revision=BEFORE)
    with db.engine.begin() as conn:
        insert_node(conn, 101, True)
        insert_node(conn, 102, False)

    upgrade()

    nodes = {n.osm_id: n for n in db.session.scalars(sa.select(OsmNode))}
    # 102 may have come from a file without ways: camwalk cannot tell, so it may not delete it.
    assert (nodes[101].part_of_way, nodes[102].part_of_way) == (True, None)
    assert {n.demo_group_id for n in nodes.values()} == {None}
    # A file's or a fetch's, camwalk cannot tell: none is shown to every group (d7e3a5c9f2b4).
    assert {n.imported for n in nodes.values()} == {False}
    db.session.remove()

    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT osm_id, part_of_way FROM osm_node ORDER BY osm_id"))
        assert [tuple(row) for row in rows] == [(101, True), (102, False)]


def test_every_cached_node_has_its_relations_not_known_and_the_downgrade_keeps_the_rest(
    fresh_app,  # noqa: F811
):
    upgrade(revision=BEFORE_RELATIONS)
    with db.engine.begin() as conn:
        insert_node(conn, 101, True)
        insert_node(conn, 102, False)
        conn.execute(sa.text("UPDATE osm_node SET vertex_known = :known"), {"known": True})

    upgrade()

    nodes = {n.osm_id: n for n in db.session.scalars(sa.select(OsmNode))}
    # A fetch before camwalk learnt relations did not ask for them: none may be deleted yet.
    assert {n.osm_id: n.relations for n in nodes.values()} == {101: None, 102: None}
    assert (nodes[101].part_of_way, nodes[102].part_of_way) == (True, False)
    nodes[102].relations = [55816]
    db.session.commit()
    db.session.remove()

    downgrade(revision=BEFORE_RELATIONS)
    with db.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT osm_id, part_of_way FROM osm_node ORDER BY osm_id"))
        assert [tuple(row) for row in rows] == [(101, True), (102, False)]
        columns = {column["name"] for column in sa.inspect(conn).get_columns("osm_node")}
    assert "relations" not in columns and "vertex_known" in columns
