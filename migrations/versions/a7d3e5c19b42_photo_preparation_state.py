"""photo preparation state: uploads answer once the bytes are stored; a worker does the rest

- `photo.state`: received (bytes stored, copies not made yet), prepared, or failed. Photos
  uploaded before this revision had their copies made during the upload: prepared.
- `photo.failure_code`: why a failed photo could not be prepared (unreadable_photo, ...).
- `photo.prepare_attempts`, `photo.queued_at`: how often a job started on the photo, and when
  it was last queued or started, so that a job lost with its worker is queued again.

The queue itself is not part of this schema: huey creates its own tables (PostgreSQL) or file
(SQLite) on first use.

Revision ID: a7d3e5c19b42
Revises: b3f7c2a91e55
"""

import sqlalchemy as sa
from alembic import op

revision = "a7d3e5c19b42"
down_revision = "b3f7c2a91e55"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", sa.String(length=16), server_default="prepared", nullable=False)
        )
        batch_op.add_column(sa.Column("failure_code", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("prepare_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("queued_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_column("queued_at")
        batch_op.drop_column("prepare_attempts")
        batch_op.drop_column("failure_code")
        batch_op.drop_column("state")
