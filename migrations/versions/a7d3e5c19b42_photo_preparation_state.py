"""photo preparation state: uploads answer once the bytes are stored; a worker does the rest

- `photo.state`: received (bytes stored, copies not made yet), prepared, or failed. Photos
  uploaded before this revision had their copies made during the upload: prepared.
- `photo.failure_code`: why a failed photo could not be prepared (unreadable_photo, ...).
- `photo.prepare_attempts`, `photo.queued_at`: how often a job started on the photo, and when
  it was last queued or started, so that a job lost with its worker is queued again.

The queue itself is not part of this schema: huey creates its own tables (PostgreSQL) or file
(SQLite) on first use.

Revision ID: a7d3e5c19b42
Revises: d8a4c6e2b913
"""

import sqlalchemy as sa
from alembic import op

revision = "a7d3e5c19b42"
down_revision = "d8a4c6e2b913"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both engines: a batch copy of "photo" would, on SQLite, drop the table
# that observation links cascade from (see b3f9d2e71c58).
def upgrade():
    op.add_column(
        "photo",
        sa.Column("state", sa.String(length=16), server_default="prepared", nullable=False),
    )
    op.add_column("photo", sa.Column("failure_code", sa.String(length=40), nullable=True))
    op.add_column(
        "photo", sa.Column("prepare_attempts", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("photo", sa.Column("queued_at", sa.DateTime(), nullable=True))


def downgrade():
    for column in ("queued_at", "prepare_attempts", "failure_code", "state"):
        op.drop_column("photo", column)
