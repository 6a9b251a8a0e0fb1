"""observation osm not node: the OSM node a walker said this camera is not

The log form's "already in OSM?" banner asks about the mapped camera nearest the walker; her
"it is another one" is stored here (the node's id), so that the export never matches the
observation to that node by distance and the review card tells the organiser what she said.
Every existing row said nothing: null.

Revision ID: b8e4f2c7a915
Revises: a3c7e9d15b42
"""

import sqlalchemy as sa
from alembic import op

revision = "b8e4f2c7a915"
down_revision = "a3c7e9d15b42"
branch_labels = None
depends_on = None


def upgrade():
    # ADD COLUMN only: rebuilding `observation` would lose its SpatiaLite geometry registration.
    op.add_column("observation", sa.Column("osm_not_node_id", sa.BigInteger(), nullable=True))


def downgrade():
    op.drop_column("observation", "osm_not_node_id")
