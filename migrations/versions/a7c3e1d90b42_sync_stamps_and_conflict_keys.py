"""sync: per-field stamps and delete stamp on observations, derived keys on conflicts

Revision ID: a7c3e1d90b42
Revises: f95589f35703
Create Date: 2026-11-23 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7c3e1d90b42"
down_revision = "f95589f35703"
branch_labels = None
depends_on = None


def upgrade():
    # Adding nullable columns and an index never makes batch mode rebuild the table on SQLite,
    # which matters for `observation`: rebuilding a SpatiaLite geometry table would lose its
    # registration in geometry_columns and its spatial index.
    with op.batch_alter_table("observation") as batch_op:
        batch_op.add_column(sa.Column("field_stamps", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("deleted_by", sa.JSON(), nullable=True))
    with op.batch_alter_table("conflict") as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=80), nullable=True))
        batch_op.create_index(batch_op.f("ix_conflict_key"), ["key"], unique=True)


def downgrade():
    with op.batch_alter_table("conflict") as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_key"))
    # Plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35 has it): batch mode would rebuild the
    # tables, and a rebuilt `observation` would lose its SpatiaLite geometry registration.
    op.drop_column("conflict", "key")
    op.drop_column("observation", "deleted_by")
    op.drop_column("observation", "field_stamps")
