"""sign-in links and password device: a way back in, and a password a lost phone cannot keep

- `member.password_device_id`: the device a password was set or last changed from. Signing
  that device out clears the password, so whoever held it cannot log in with one he chose.
  Passwords set before this revision have none and stay as they are.
- `sign_in_link`: one-use links an organiser makes for a member (a walker who joined by
  invite has no password) to sign a phone in as herself; found by the code's SHA-256, with a
  sealed copy to show the QR code again, as invites.

Revision ID: c8e3f1a6d520
Revises: a7c4e2f1b9d3
"""

import sqlalchemy as sa
from alembic import op

revision = "c8e3f1a6d520"
down_revision = "a7c4e2f1b9d3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_device_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_member_password_device_id_device_token",
            "device_token",
            ["password_device_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "sign_in_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("code_sealed", sa.String(length=255), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_sign_in_link_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["member.id"],
            name=op.f("fk_sign_in_link_created_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_link")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_sign_in_link_code_hash")),
    )
    op.create_index(op.f("ix_sign_in_link_member_id"), "sign_in_link", ["member_id"])


def downgrade():
    op.drop_index(op.f("ix_sign_in_link_member_id"), table_name="sign_in_link")
    op.drop_table("sign_in_link")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint("fk_member_password_device_id_device_token", type_="foreignkey")
        batch_op.drop_column("password_device_id")
