"""photo published per camera: observation_photo.published

A photo is linked to several cameras, while its publication was the photo's alone: a walker
who linked a photo published beside one camera to another approved camera put it on the
public map there too, with no organiser having looked at it beside that camera. Publication is
now also recorded on each link. Every link of a photo public today is marked published, so
nothing already on the public map disappears with the upgrade.

Revision ID: b7d3e5a1c926
Revises: c2f6a9d1e874
"""

import sqlalchemy as sa
from alembic import op

revision = "b7d3e5a1c926"
down_revision = "c2f6a9d1e874"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("observation_photo", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("published", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    link = sa.table(
        "observation_photo", sa.column("photo_id", sa.Integer), sa.column("published", sa.Boolean)
    )
    photo = sa.table("photo", sa.column("id", sa.Integer), sa.column("public", sa.Boolean))
    public = sa.select(photo.c.id).where(photo.c.public.is_(True))
    op.execute(sa.update(link).where(link.c.photo_id.in_(public)).values(published=True))


def downgrade():
    with op.batch_alter_table("observation_photo", schema=None) as batch_op:
        batch_op.drop_column("published")
