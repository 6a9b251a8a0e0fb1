"""photo public name: find the photo a public map's name stands for by an index

A request for a public photo worked out the name of every published photo of the campaign
(one HMAC each) to find the one asked for: 12 ms at 300, up to 250 ms at 3,000, and as much
for a name that stands for nothing. `photo.public_name` holds the name each photo was last
handed out under, indexed with its group (a name is asked for under a
group's map). The names are HMACs keyed with the server's secret, which a
migration does not hold: the column starts empty, and the server stores each name the first
time it hands it out (the public map or the organiser's view of the photo,
server/photos/publication.py).

Revision ID: d4a8f1c6e293
Revises: fbec45a24470
"""

import sqlalchemy as sa
from alembic import op

revision = "d4a8f1c6e293"
down_revision = "fbec45a24470"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both engines: a batch copy of "photo" would, on SQLite, drop the table
# that observation links cascade from (see b3f9d2e71c58).
def upgrade():
    op.add_column("photo", sa.Column("public_name", sa.String(length=32), nullable=True))
    op.create_index("ix_photo_group_id_public_name", "photo", ["group_id", "public_name"])


def downgrade():
    # The names are made again from the secret: the earlier code never stored them.
    op.drop_index("ix_photo_group_id_public_name", table_name="photo")
    op.drop_column("photo", "public_name")
