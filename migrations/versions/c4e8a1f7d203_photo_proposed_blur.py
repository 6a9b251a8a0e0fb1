"""photo proposed blur: faces and number plates the server found, offered before publishing

- `photo.proposed_blur`: boxes [x, y, w, h] (fractions of the upright image) that the face and
  plate detector proposes; null until the photo has been looked at. Photos stored before this
  revision are looked at when an organiser first opens them to publish.

Revision ID: c4e8a1f7d203
Revises: a7d3e5c19b42
"""

import sqlalchemy as sa
from alembic import op

revision = "c4e8a1f7d203"
down_revision = "a7d3e5c19b42"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both engines: a batch copy of "photo" would, on SQLite, drop the table
# that observation links cascade from (see b3f9d2e71c58).
def upgrade():
    op.add_column("photo", sa.Column("proposed_blur", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("photo", "proposed_blur")
