"""walk osm fetched at: when the walk's OSM cameras were last fetched from OSM

- `walk.osm_fetched_at`: set by the fetch of the walk's box (Overpass or the API's map call),
  null until one. An osmChange file exported after it may have gone to OSM through JOSM,
  which camwalk cannot see: until the walk is fetched again, an upload holds back its new
  cameras rather than create them a second time (server/exports/upload.py).

Revision ID: a7c4e2f1b9d3
Revises: f3a9c1d7e482
"""

import sqlalchemy as sa
from alembic import op

revision = "a7c4e2f1b9d3"
down_revision = "f3a9c1d7e482"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on both engines, as e5b81f3c6a20 explains.
    op.add_column("walk", sa.Column("osm_fetched_at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("walk", "osm_fetched_at")
