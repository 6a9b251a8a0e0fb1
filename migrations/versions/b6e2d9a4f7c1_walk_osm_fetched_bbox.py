"""walk osm fetched bbox: the box the walk's last fetch of OSM cameras covered

- `walk.osm_fetched_bbox`: JSON `[west, south, east, north]`, set with `osm_fetched_at` by the
  fetch of the walk's box, null until one. New cameras are created only inside it
  (sync/osm/loaded.py): elsewhere camwalk has not seen what OSM holds. Walks fetched before
  this revision have none: their new cameras wait for the next "Load OSM cameras", since the
  box those fetches covered is not known any more.

Revision ID: b6e2d9a4f7c1
Revises: e1f4a9c7b250
"""

import sqlalchemy as sa
from alembic import op

revision = "b6e2d9a4f7c1"
down_revision = "e1f4a9c7b250"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on both engines, as a7c4e2f1b9d3 did for this table: a batch copy of
    # "walk" would, on SQLite, drop the table observations cascade from (see b3f9d2e71c58).
    op.add_column("walk", sa.Column("osm_fetched_bbox", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("walk", "osm_fetched_bbox")
