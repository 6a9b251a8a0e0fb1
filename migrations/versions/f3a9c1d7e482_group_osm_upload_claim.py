"""group osm upload claim: one upload to OpenStreetMap at a time per group

- `group.osm_upload_since`: when the upload under way began or last went on to a changeset,
  null when none is. Two uploads of the same cameras at once (two organisers, a retry after a
  proxy timed out, the command beside the web page) each created the same new nodes in OSM.

Revision ID: f3a9c1d7e482
Revises: 5d2e9b7a4c31
"""

import sqlalchemy as sa
from alembic import op

revision = "f3a9c1d7e482"
down_revision = "5d2e9b7a4c31"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on both engines, as e5b81f3c6a20 explains.
    op.add_column("group", sa.Column("osm_upload_since", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("group", "osm_upload_since")
