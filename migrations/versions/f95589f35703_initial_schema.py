"""initial schema: groups, members, walks, observations and their history, photos, OSM cache

Revision ID: f95589f35703
Revises:
Create Date: 2026-11-22 20:45:04.100937

"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry, alembic_helpers  # noqa: F401 - registers the geospatial ops

# revision identifiers, used by Alembic.
revision = "f95589f35703"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # geoalchemy2 creates each spatial index with its table (R*Tree on SpatiaLite, GiST on
    # PostGIS), so no explicit index operation is needed for the geometry columns.
    op.create_table(
        "group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("hashtags", sa.String(length=255), nullable=True),
        sa.Column("keep_originals", sa.Boolean(), nullable=False),
        sa.Column("public_map", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group")),
        sa.UniqueConstraint("slug", name=op.f("uq_group_slug")),
    )
    op.create_geospatial_table(
        "osm_node",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("osm_id", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "geom",
            Geometry(
                geometry_type="POINT",
                srid=4326,
                dimension=2,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("part_of_way", sa.Boolean(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_osm_node")),
        sa.UniqueConstraint("osm_id", name=op.f("uq_osm_node_osm_id")),
    )

    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_member_group_id_group"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("group_id", "pseudonym", name=op.f("uq_member_group_id_pseudonym")),
    )
    op.create_index(op.f("ix_member_group_id"), "member", ["group_id"], unique=False)

    op.create_geospatial_table(
        "walk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column(
            "area",
            Geometry(
                geometry_type="POLYGON",
                srid=4326,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
            ),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_walk_group_id_group"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk")),
    )
    op.create_index(op.f("ix_walk_group_id"), "walk", ["group_id"], unique=False)

    op.create_table(
        "device_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_device_token_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_token_token_hash")),
    )
    op.create_index(op.f("ix_device_token_member_id"), "device_token", ["member_id"], unique=False)

    op.create_table(
        "export",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["member.id"],
            name=op.f("fk_export_created_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_export_group_id_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walk.id"], name=op.f("fk_export_walk_id_walk"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export")),
    )
    op.create_index(op.f("ix_export_group_id"), "export", ["group_id"], unique=False)

    op.create_table(
        "invite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("max_uses", sa.Integer(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["member.id"],
            name=op.f("fk_invite_created_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_invite_group_id_group"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invite")),
        sa.UniqueConstraint("code", name=op.f("uq_invite_code")),
    )
    op.create_index(op.f("ix_invite_group_id"), "invite", ["group_id"], unique=False)

    op.create_geospatial_table(
        "observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "geom",
            Geometry(
                geometry_type="POINT",
                srid=4326,
                dimension=2,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.Column("accuracy_m", sa.Double(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("surveillance", sa.String(length=16), nullable=True),
        sa.Column("camera_type", sa.String(length=16), nullable=True),
        sa.Column("mount", sa.String(length=32), nullable=True),
        sa.Column("direction", sa.JSON(), nullable=True),
        sa.Column("zone", sa.String(length=16), nullable=True),
        sa.Column("operator", sa.String(length=255), nullable=True),
        sa.Column("height_m", sa.Double(), nullable=True),
        sa.Column("manufacturer", sa.String(length=255), nullable=True),
        sa.Column("model", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("surveyed_on", sa.Date(), nullable=True),
        sa.Column("presence", sa.String(length=16), nullable=False),
        sa.Column("osm_node_id", sa.BigInteger(), nullable=True),
        sa.Column("osm_version", sa.Integer(), nullable=True),
        sa.Column("review_status", sa.String(length=16), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["member.id"],
            name=op.f("fk_observation_created_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group.id"],
            name=op.f("fk_observation_group_id_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["observation.id"],
            name=op.f("fk_observation_merged_into_id_observation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["member.id"],
            name=op.f("fk_observation_reviewed_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walk.id"], name=op.f("fk_observation_walk_id_walk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation")),
        sa.UniqueConstraint("uuid", name=op.f("uq_observation_uuid")),
    )
    op.create_index(
        "ix_observation_group_id_seq", "observation", ["group_id", "seq"], unique=False
    )
    op.create_index(
        op.f("ix_observation_osm_node_id"), "observation", ["osm_node_id"], unique=False
    )
    op.create_index(op.f("ix_observation_walk_id"), "observation", ["walk_id"], unique=False)

    op.create_table(
        "changeset_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("export_id", sa.Integer(), nullable=True),
        sa.Column("changeset_id", sa.BigInteger(), nullable=True),
        sa.Column("api_url", sa.String(length=255), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["member.id"],
            name=op.f("fk_changeset_upload_created_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["export.id"],
            name=op.f("fk_changeset_upload_export_id_export"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group.id"],
            name=op.f("fk_changeset_upload_group_id_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changeset_upload")),
    )
    op.create_index(
        op.f("ix_changeset_upload_group_id"), "changeset_upload", ["group_id"], unique=False
    )

    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("base_value", sa.JSON(), nullable=True),
        sa.Column("sides", sa.JSON(), nullable=False),
        sa.Column("provisional_value", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_conflict_group_id_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_conflict_observation_id_observation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["member.id"],
            name=op.f("fk_conflict_resolved_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    op.create_index(op.f("ix_conflict_group_id"), "conflict", ["group_id"], unique=False)
    op.create_index(
        op.f("ix_conflict_observation_id"), "conflict", ["observation_id"], unique=False
    )

    op.create_table(
        "duplicate_hint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("observation_a_id", sa.Integer(), nullable=False),
        sa.Column("observation_b_id", sa.Integer(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group.id"],
            name=op.f("fk_duplicate_hint_group_id_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["observation_a_id"],
            ["observation.id"],
            name=op.f("fk_duplicate_hint_observation_a_id_observation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["observation_b_id"],
            ["observation.id"],
            name=op.f("fk_duplicate_hint_observation_b_id_observation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_hint")),
        sa.UniqueConstraint(
            "observation_a_id",
            "observation_b_id",
            name=op.f("uq_duplicate_hint_observation_a_id_observation_b_id"),
        ),
    )
    op.create_index(
        op.f("ix_duplicate_hint_group_id"), "duplicate_hint", ["group_id"], unique=False
    )
    op.create_index(
        op.f("ix_duplicate_hint_observation_b_id"),
        "duplicate_hint",
        ["observation_b_id"],
        unique=False,
    )

    op.create_table(
        "photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("exif_lat", sa.Double(), nullable=True),
        sa.Column("exif_lon", sa.Double(), nullable=True),
        sa.Column("exif_altitude_m", sa.Double(), nullable=True),
        sa.Column("exif_direction_deg", sa.Double(), nullable=True),
        sa.Column("exif_direction_ref", sa.String(length=1), nullable=True),
        sa.Column("taken_at", sa.String(length=40), nullable=True),
        sa.Column("original_kept", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_photo_group_id_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_photo_observation_id_observation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["member.id"],
            name=op.f("fk_photo_uploaded_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photo")),
        sa.UniqueConstraint("group_id", "sha256", name=op.f("uq_photo_group_id_sha256")),
    )
    op.create_index(op.f("ix_photo_group_id"), "photo", ["group_id"], unique=False)
    op.create_index(op.f("ix_photo_observation_id"), "photo", ["observation_id"], unique=False)
    op.create_index(op.f("ix_photo_sha256"), "photo", ["sha256"], unique=False)

    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.String(length=36), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("observation_uuid", sa.String(length=36), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("op", sa.String(length=16), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("version_after", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_revision_group_id_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_revision_member_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_revision_observation_id_observation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
        sa.UniqueConstraint("change_id", name=op.f("uq_revision_change_id")),
    )
    op.create_index(op.f("ix_revision_group_id"), "revision", ["group_id"], unique=False)
    op.create_index(
        op.f("ix_revision_observation_uuid"), "revision", ["observation_uuid"], unique=False
    )

    if op.get_bind().dialect.name == "postgresql":
        for table in GEOGRAPHY_INDEXED:
            op.execute(f"CREATE INDEX ix_{table}_geog ON {table} USING gist ((geom::geography))")


# ST_DWithin on geom::geography can only use an index built on that same expression.
GEOGRAPHY_INDEXED = ("observation", "osm_node")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in GEOGRAPHY_INDEXED:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_geog")
    op.drop_index(op.f("ix_revision_observation_uuid"), table_name="revision")
    op.drop_index(op.f("ix_revision_group_id"), table_name="revision")

    op.drop_table("revision")
    op.drop_index(op.f("ix_photo_sha256"), table_name="photo")
    op.drop_index(op.f("ix_photo_observation_id"), table_name="photo")
    op.drop_index(op.f("ix_photo_group_id"), table_name="photo")

    op.drop_table("photo")
    op.drop_index(op.f("ix_duplicate_hint_observation_b_id"), table_name="duplicate_hint")
    op.drop_index(op.f("ix_duplicate_hint_group_id"), table_name="duplicate_hint")

    op.drop_table("duplicate_hint")
    op.drop_index(op.f("ix_conflict_observation_id"), table_name="conflict")
    op.drop_index(op.f("ix_conflict_group_id"), table_name="conflict")

    op.drop_table("conflict")
    op.drop_index(op.f("ix_changeset_upload_group_id"), table_name="changeset_upload")

    op.drop_table("changeset_upload")
    op.drop_index(op.f("ix_observation_walk_id"), table_name="observation")
    op.drop_index(op.f("ix_observation_osm_node_id"), table_name="observation")
    op.drop_index("ix_observation_group_id_seq", table_name="observation")

    op.drop_geospatial_table("observation")
    op.drop_index(op.f("ix_invite_group_id"), table_name="invite")

    op.drop_table("invite")
    op.drop_index(op.f("ix_export_group_id"), table_name="export")

    op.drop_table("export")
    op.drop_index(op.f("ix_device_token_member_id"), table_name="device_token")

    op.drop_table("device_token")
    op.drop_index(op.f("ix_walk_group_id"), table_name="walk")

    op.drop_geospatial_table("walk")
    op.drop_index(op.f("ix_member_group_id"), table_name="member")

    op.drop_table("member")

    op.drop_geospatial_table("osm_node")
    op.drop_table("group")
