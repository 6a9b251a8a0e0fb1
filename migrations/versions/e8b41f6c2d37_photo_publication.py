"""photo publication: an organiser's per-photo public flag and the boxes to blur

The public campaign map may show photos, but only those an organiser chose, with faces,
number plates and windows blurred. Existing photos stay private (server default false).

Revision ID: e8b41f6c2d37
Revises: d5e2a7c90f13
"""

import sqlalchemy as sa
from alembic import op

revision = "e8b41f6c2d37"
down_revision = "d5e2a7c90f13"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("public", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("blur", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_column("blur")
        batch_op.drop_column("public")
