"""osm node imported: the cached cameras an operator's file brought, which every group sees

A walk's map shows its group the cached OSM cameras inside the boxes its own walks fetched
(`walk.osm_fetched_bbox`, which knows its group) and those `camwalk osm import` brought for
everyone (`imported`), never those only another group's fetch brought: where a campaign
fetched is the outline of where it works.

Existing rows cannot tell a file's camera from a fetched one: all start as not imported. The
other choice, all imported, would keep showing every group the places every other group had
fetched until now, the very outline this hides, and once seen that cannot be taken back. This
one costs less and can be undone: each group still sees the cameras of the boxes it fetched,
and a file imported before is shown to everyone again by importing it again.
Added with ADD COLUMN only: rebuilding `osm_node` would lose its SpatiaLite geometry
registration and spatial index.

Revision ID: d7e3a5c9f2b4
Revises: b7d3e5a1c926
"""

import sqlalchemy as sa
from alembic import op

revision = "d7e3a5c9f2b4"
down_revision = "b7d3e5a1c926"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "osm_node",
        sa.Column("imported", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    op.drop_column("osm_node", "imported")
