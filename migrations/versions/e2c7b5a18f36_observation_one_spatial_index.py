"""observation one spatial index: the GiST on geom::geography goes, the one on geom stays

PostgreSQL kept two GiST indexes on every observation's point: one on `geom` (the boxes a push
searches for duplicates, `&&`) and one on `geom::geography` (metre-radius searches). No
request searches observations by radius any more (a push scores its duplicates in Python), and
`server.geo.within_metres` now narrows by a box on `geom` first; the geography index only cost
every new observation an insert into it, measured at about 45 µs of a 120 µs row. The one on
`osm_node` stays: the review screen's nearest camera searches it.

Revision ID: e2c7b5a18f36
Revises: c4e8a1f7d203
"""

from alembic import op

revision = "e2c7b5a18f36"
down_revision = "c4e8a1f7d203"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_observation_geog")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_observation_geog ON observation "
            "USING gist ((geom::geography))"
        )
