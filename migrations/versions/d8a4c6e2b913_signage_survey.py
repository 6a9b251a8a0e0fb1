"""signage survey: what a camera's sign says, who films, whether it films the road

- nine nullable string columns on `observation` for the signage fields of sync/fields.py
  (`sign`, the six checklist items, `filmed_by`, `aimed_at_road`). Existing observations
  have none: nothing was surveyed, and null says exactly that.
- `group.public_fields`: the signage fields a group shows on its public map, an empty JSON
  list for every existing group, so nothing new becomes public by upgrading.

Revision ID: d8a4c6e2b913
Revises: e5b81f3c6a20
"""

import sqlalchemy as sa
from alembic import op

revision = "d8a4c6e2b913"
down_revision = "e5b81f3c6a20"
branch_labels = None
depends_on = None

COLUMNS = (
    ("sign", 16),
    ("sign_pictogram", 3),
    ("sign_responsible", 3),
    ("sign_purpose", 3),
    ("sign_retention", 3),
    ("sign_rights_contact", 3),
    ("sign_cnil", 3),
    ("filmed_by", 32),
    ("aimed_at_road", 3),
)


# Plain ALTER TABLE, not batch mode: SQLite (3.35+) adds and drops these columns in place,
# whereas a batch copy of "group" trips over the foreign keys pointing at it.
def upgrade():
    for name, length in COLUMNS:
        op.add_column("observation", sa.Column(name, sa.String(length=length), nullable=True))
    op.add_column(
        "group",
        sa.Column("public_fields", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade():
    op.drop_column("group", "public_fields")
    for name, _ in reversed(COLUMNS):
        op.drop_column("observation", name)
