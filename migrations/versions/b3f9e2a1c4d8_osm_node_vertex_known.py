"""osm node vertex known: whether the data a cached camera came from held its parent ways

A file without ways (such as `osmium tags-filter … n/man_made=surveillance` output) says
nothing about which cameras are way vertices; `vertex_known` records whether something did.
Existing rows cannot tell which data they came from: a vertex stays known, every other row
becomes "not known", so camwalk refuses to delete it until the next fetch settles it.
Added with ADD COLUMN only: rebuilding `osm_node` would lose its SpatiaLite geometry
registration and spatial index.

Revision ID: b3f9e2a1c4d8
Revises: e8b41f6c2d37
"""

import sqlalchemy as sa
from alembic import op

revision = "b3f9e2a1c4d8"
down_revision = "e8b41f6c2d37"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "osm_node",
        sa.Column("vertex_known", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.execute(sa.text("UPDATE osm_node SET vertex_known = part_of_way"))


def downgrade():
    op.drop_column("osm_node", "vertex_known")
