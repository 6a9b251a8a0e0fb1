"""osm node relations: the relations that list a cached camera as a member

A camera a relation lists (a `type=surveillance` relation, say) must not be deleted: the relation
would point at nothing, and OSM refuses it. `relations` holds their ids; NULL: not known, as
for every row cached before, so camwalk refuses to delete it until the next fetch settles it.
Added with ADD COLUMN only: rebuilding `osm_node` would lose its SpatiaLite geometry
registration and spatial index.

Revision ID: e7c2a9d4f168
Revises: d4a8f1c6e293
"""

import sqlalchemy as sa
from alembic import op

revision = "e7c2a9d4f168"
down_revision = "d4a8f1c6e293"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("osm_node", sa.Column("relations", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("osm_node", "relations")
