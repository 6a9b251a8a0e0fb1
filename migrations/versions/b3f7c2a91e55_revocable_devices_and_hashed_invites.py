"""revocable devices and hashed invites: which invite admitted each member

Removing a member can now also revoke the invite she joined with, so the member records it.
Members who joined before this revision have none (null).

Revision ID: b3f7c2a91e55
Revises: e8b41f6c2d37
"""

import sqlalchemy as sa
from alembic import op

revision = "b3f7c2a91e55"
down_revision = "e8b41f6c2d37"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invite_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_member_invite_id_invite", "invite", ["invite_id"], ["id"], ondelete="SET NULL"
        )


def downgrade():
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint("fk_member_invite_id_invite", type_="foreignkey")
        batch_op.drop_column("invite_id")
