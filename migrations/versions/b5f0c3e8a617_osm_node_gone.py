"""osm node gone: the nodes camwalk's uploads took out of OSM, with the version they had then

An upload that deletes a camera's node (or takes its camera tags off a street lamp) removes its
row from the cache; data older than the upload (Overpass lags, an extract made before) brought
it back, and the next upload deleted it again (410 Gone). `version` keeps such data out: a
node a mapper brings back has a newer one. A new table: rows cached before are untouched, and
nodes uploads took out before this revision are not known (their versions were never kept).

Revision ID: b5f0c3e8a617
Revises: e7c2a9d4f168
"""

import sqlalchemy as sa
from alembic import op

revision = "b5f0c3e8a617"
down_revision = "e7c2a9d4f168"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "osm_node_gone",
        sa.Column("osm_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("gone_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("osm_id"),
    )


def downgrade():
    op.drop_table("osm_node_gone")
