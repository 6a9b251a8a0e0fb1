"""duplicate hint dismissed: an organiser's "not the same camera"

A duplicate hint flags two cameras on one pole as surely as one camera logged twice; an
organiser who knows they are two says so, and the pair is flagged no more. The hint keeps that
answer: `status` `dismissed` (beside `open` and `merged`), with who (`dismissed_by_id`) and when
(`dismissed_at`). Every existing hint was open or merged: both columns null.

Revision ID: c9d4e7a2f816
Revises: b8e4f2c7a915
"""

import sqlalchemy as sa
from alembic import op

revision = "c9d4e7a2f816"
down_revision = "b8e4f2c7a915"
branch_labels = None
depends_on = None


def upgrade():
    # Batch: SQLite adds a foreign key only by rebuilding the table (nothing points at
    # `duplicate_hint`, so the rebuild loses nothing).
    with op.batch_alter_table("duplicate_hint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dismissed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("dismissed_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            "fk_duplicate_hint_dismissed_by_id_member",
            "member",
            ["dismissed_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    # A dismissed hint keeps its status: the earlier code flags only `open` hints, so the pair
    # stays unflagged there too; only who and when are lost.
    with op.batch_alter_table("duplicate_hint", schema=None) as batch_op:
        batch_op.drop_constraint("fk_duplicate_hint_dismissed_by_id_member", type_="foreignkey")
        batch_op.drop_column("dismissed_at")
        batch_op.drop_column("dismissed_by_id")
