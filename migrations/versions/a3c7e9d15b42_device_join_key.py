"""device join key: a join whose answer was lost can be asked again by the same phone

- `device_token.join_key_hash`: SHA-256 of the random key a phone draws before joining. The
  same key, invite and pseudonym again, while that device is signed in and within a day of
  the join, return the member with a fresh token instead of "pseudonym taken" or "invite used
  up" (server/auth/service.py join_group). Devices made before this revision have none.

Revision ID: a3c7e9d15b42
Revises: b6e2d9a4f7c1
"""

import sqlalchemy as sa
from alembic import op

revision = "a3c7e9d15b42"
down_revision = "b6e2d9a4f7c1"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on both engines, as e5b81f3c6a20 explains: a batch copy of
    # device_token would, on SQLite, recreate the table member.password_device_id points to.
    op.add_column("device_token", sa.Column("join_key_hash", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_device_token_join_key_hash"), "device_token", ["join_key_hash"])


def downgrade():
    op.drop_index(op.f("ix_device_token_join_key_hash"), table_name="device_token")
    op.drop_column("device_token", "join_key_hash")
