"""approved copy of observations: what the public map and the OSM export show

A walker's edit of an approved observation now sends it back for review, and until an
organiser approves again the published values stay the approved ones. This keeps them in
`observation.approved`, in the sync engine's normal form. Observations approved before this
migration get a copy of their current values, which is what was approved.

Revision ID: b3f9d2e71c58
Revises: c6a2d8f4e1b7
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "b3f9d2e71c58"
down_revision = "c6a2d8f4e1b7"
branch_labels = None
depends_on = None

PLAIN = (
    "kind", "surveillance", "camera_type", "mount", "direction", "zone", "operator", "height_m",
    "manufacturer", "model", "note", "presence", "osm_node_id",
)  # fmt: skip


def upgrade():
    # Plain ALTER TABLE on both engines: a batch copy of observation would trip the foreign
    # keys that point at it on SQLite, and SQLite has added and dropped columns since 3.35.
    op.add_column("observation", sa.Column("approved", sa.JSON(none_as_null=True), nullable=True))
    bind = op.get_bind()
    # PostgreSQL takes a JSON value from text only through a cast; SQLite stores the text.
    value = "CAST(:copy AS JSON)" if bind.dialect.name == "postgresql" else ":copy"
    rows = bind.execute(
        sa.text(
            "SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, accuracy_m, surveyed_on, "
            f"{', '.join(PLAIN)} FROM observation WHERE review_status = 'approved'"
        )
    ).mappings()
    for row in list(rows):
        direction = row["direction"]
        if isinstance(direction, str):  # SQLite hands JSON back as text
            direction = json.loads(direction)
        surveyed_on = row["surveyed_on"]
        copy = {name: row[name] for name in PLAIN} | {
            "direction": direction,
            "position": {
                "lat": round(float(row["lat"]), 7),
                "lon": round(float(row["lon"]), 7),
                "accuracy_m": row["accuracy_m"],
            },
            "surveyed_on": str(surveyed_on) if surveyed_on is not None else None,
        }
        bind.execute(
            sa.text(f"UPDATE observation SET approved = {value} WHERE id = :id"),
            {"copy": json.dumps(copy), "id": row["id"]},
        )


def downgrade():
    op.drop_column("observation", "approved")
