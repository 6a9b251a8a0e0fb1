"""database epoch: an id made with the database and made anew by every restore

- `database_epoch`: one row, `epoch`, a random id. Every sync answer carries it and a phone
  sends it back; a restore makes a new one, so a phone whose cursor was given by the database
  as it was before the restore is told to pull again from 0 (server/epoch.py).

Revision ID: e1f4a9c7b250
Revises: c8e3f1a6d520
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "e1f4a9c7b250"
down_revision = "c8e3f1a6d520"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "database_epoch",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_epoch")),
    )
    op.bulk_insert(table, [{"id": 1, "epoch": uuid.uuid4().hex}])


def downgrade():
    op.drop_table("database_epoch")
