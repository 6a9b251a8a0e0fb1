"""revocable devices and hashed invites: invite codes no longer kept in clear

- `member.invite_id`: the invite that admitted each member, so that removing her can also
  revoke it. Members who joined before this revision have none.
- `invite.code` becomes `invite.code_hash` (SHA-256, to find an invite by its code) and
  `invite.code_sealed` (the code encrypted with a key derived from SECRET_KEY, to show it to
  organisers again). This migration cannot reach SECRET_KEY, so invites made before it keep
  working by their hash but cannot be shown again (`code_sealed` null): organisers make a new
  one to print. Hashing uses the standard library's hashlib, not the app.
- `rate_limit_counter`: join and login attempts counted once per server instead of once per
  worker; keys are HMACs of the client address, rows are deleted when their window ends.
- Downgrade puts the hash where the code was: invites made after this revision stop working
  (their codes are not recoverable), which is the point of hashing them. Upgrading again
  takes such a hash back as it is, and the invites work again.

Revision ID: b3f7c2a91e55
Revises: b3f9d2e71c58
"""

import hashlib
import re

import sqlalchemy as sa
from alembic import op

revision = "b3f7c2a91e55"
down_revision = "b3f9d2e71c58"
branch_labels = None
depends_on = None

HASH = re.compile(r"[0-9a-f]{64}")

invite = sa.table(
    "invite",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("code_hash", sa.String),
)


def upgrade():
    op.create_table(
        "rate_limit_counter",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_rate_limit_counter")),
    )
    op.create_index(op.f("ix_rate_limit_counter_expires_at"), "rate_limit_counter", ["expires_at"])
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invite_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_member_invite_id_invite", "invite", ["invite_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("code_sealed", sa.String(length=255), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.select(invite.c.id, invite.c.code)).all():
        # 64 hex digits is the hash this revision's downgrade put in the code's place
        # (camwalk's codes have 11 characters): hashed again, the invite would never admit
        # anyone after a downgrade and a new upgrade.
        if HASH.fullmatch(row.code):
            digest = row.code
        else:
            digest = hashlib.sha256(row.code.encode()).hexdigest()
        conn.execute(invite.update().where(invite.c.id == row.id).values(code_hash=digest))
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.alter_column("code_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_invite_code_hash", ["code_hash"])
        batch_op.drop_constraint("uq_invite_code", type_="unique")
        batch_op.drop_column("code")


def downgrade():
    op.drop_index(op.f("ix_rate_limit_counter_expires_at"), table_name="rate_limit_counter")
    op.drop_table("rate_limit_counter")
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    conn.execute(invite.update().values(code=invite.c.code_hash))
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.alter_column("code", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_invite_code", ["code"])
        batch_op.drop_constraint("uq_invite_code_hash", type_="unique")
        batch_op.drop_column("code_sealed")
        batch_op.drop_column("code_hash")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint("fk_member_invite_id_invite", type_="foreignkey")
        batch_op.drop_column("invite_id")
