"""demo osm cameras: the made-up cameras of `camwalk demo` belong to the demo group only

They used to sit in the server-wide OSM cache with plausible ids, so other groups' walks showed
them and an export could modify or delete the real node that happened to carry that id. Rows
from an earlier demo cannot be told apart from real ones here; `camwalk demo` removes them.
No ON DELETE CASCADE (SQLite cannot add one to an existing table, nor reflect it back): the
reference makes deleting the group fail while its cameras exist, so none is ever orphaned.
Added with ADD COLUMN only: rebuilding `osm_node` would lose its SpatiaLite geometry.

Revision ID: c6a2d8f4e1b7
Revises: b3f9e2a1c4d8
"""

import sqlalchemy as sa
from alembic import op

revision = "c6a2d8f4e1b7"
down_revision = "b3f9e2a1c4d8"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot add a constraint to a table, but can add a column that references one.
        op.execute(
            "ALTER TABLE osm_node ADD COLUMN demo_group_id INTEGER "
            'CONSTRAINT fk_osm_node_demo_group_id_group REFERENCES "group" (id)'
        )
    else:
        op.add_column("osm_node", sa.Column("demo_group_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_osm_node_demo_group_id_group"),
            "osm_node",
            "group",
            ["demo_group_id"],
            ["id"],
        )
    op.create_index(op.f("ix_osm_node_demo_group_id"), "osm_node", ["demo_group_id"])


def downgrade():
    op.drop_index(op.f("ix_osm_node_demo_group_id"), table_name="osm_node")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_osm_node_demo_group_id_group"), "osm_node", "foreignkey")
    op.drop_column("osm_node", "demo_group_id")
