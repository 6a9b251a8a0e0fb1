"""observation osm new: an organiser's "new camera", which no OSM node is

The review card lets an organiser overrule matching by distance: a chosen node is stored in
`osm_node_id`, and "new camera" here, so that the export creates a node even when a mapped
camera lies within matching distance. Every existing row was left to matching: false.

Revision ID: a7d3c5e91f24
Revises: b3f7c2a91e55
"""

import sqlalchemy as sa
from alembic import op

revision = "a7d3c5e91f24"
down_revision = "b3f7c2a91e55"
branch_labels = None
depends_on = None


def upgrade():
    # ADD COLUMN only: rebuilding `observation` would lose its SpatiaLite geometry registration.
    op.add_column(
        "observation",
        sa.Column("osm_new", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    op.drop_column("observation", "osm_new")
