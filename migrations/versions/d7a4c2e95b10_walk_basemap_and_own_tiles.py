"""walk basemap and own tiles: the walk map kept per walk, and a group's no-third-party-tiles

- `walk_basemap`: one row per walk holding its streets, paths, buildings and landmarks as
  GeoJSON features (server/basemap), the box fetched, a digest phones revalidate with, and
  the compact gzipped form they download.
- `group.own_tiles_only`: walkers' phones then ask no tile server but the campaign's own.

Revision ID: d7a4c2e95b10
Revises: a7d3c5e91f24
"""

import sqlalchemy as sa
from alembic import op

revision = "d7a4c2e95b10"
down_revision = "a7d3c5e91f24"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "walk_basemap",
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("bbox", sa.JSON(), nullable=False),
        sa.Column("feature_count", sa.Integer(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["walk_id"],
            ["walk.id"],
            name=op.f("fk_walk_basemap_walk_id_walk"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("walk_id", name=op.f("pk_walk_basemap")),
    )
    # Plain ALTER TABLE on both engines: a batch copy of "group" would, on SQLite, drop the
    # table that invites, walks and members cascade from (see b3f9d2e71c58).
    op.add_column(
        "group",
        sa.Column("own_tiles_only", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    op.drop_column("group", "own_tiles_only")
    op.drop_table("walk_basemap")
