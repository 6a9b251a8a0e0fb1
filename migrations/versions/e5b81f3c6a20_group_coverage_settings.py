"""group coverage settings: a campaign's camera view assumptions and their publication

- `group.coverage`: JSON changes to the assumed angles and ranges (server/coverage), NULL for
  the defaults.
- `group.coverage_public`: the public map also shows approved cameras' views.

Revision ID: e5b81f3c6a20
Revises: d7a4c2e95b10
"""

import sqlalchemy as sa
from alembic import op

revision = "e5b81f3c6a20"
down_revision = "d7a4c2e95b10"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on both engines: a batch copy of "group" would, on SQLite, drop the
    # table that invites, walks and members cascade from (see b3f9d2e71c58).
    op.add_column("group", sa.Column("coverage", sa.JSON(), nullable=True))
    op.add_column(
        "group",
        sa.Column("coverage_public", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    op.drop_column("group", "coverage_public")
    op.drop_column("group", "coverage")
