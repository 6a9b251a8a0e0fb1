"""osm: OAuth 2.0 accounts per group, pending authorisations, Organised Editing facts

Revision ID: c4d81f2a6e07
Revises: a7c3e1d90b42
Create Date: 2026-11-24 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4d81f2a6e07"
down_revision = "a7c3e1d90b42"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "osm_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("token_encrypted", sa.Text(), nullable=False),
        sa.Column("scope", sa.String(length=255), nullable=False),
        sa.Column("api_url", sa.String(length=255), nullable=False),
        sa.Column("osm_user", sa.String(length=255), nullable=True),
        sa.Column("osm_user_id", sa.BigInteger(), nullable=True),
        sa.Column("connected_by_id", sa.Integer(), nullable=True),
        sa.Column("connected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["connected_by_id"],
            ["member.id"],
            name=op.f("fk_osm_account_connected_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group.id"],
            name=op.f("fk_osm_account_group_id_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_osm_account")),
        sa.UniqueConstraint("group_id", name=op.f("uq_osm_account_group_id")),
    )
    op.create_table(
        "osm_authorisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("verifier_encrypted", sa.Text(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("api_url", sa.String(length=255), nullable=False),
        sa.Column("redirect_uri", sa.String(length=255), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group.id"],
            name=op.f("fk_osm_authorisation_group_id_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_osm_authorisation_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_osm_authorisation")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_osm_authorisation_state_hash")),
    )
    op.create_index(
        op.f("ix_osm_authorisation_group_id"), "osm_authorisation", ["group_id"], unique=False
    )
    op.create_table(
        "osm_campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("wiki_url", sa.String(length=255), nullable=True),
        sa.Column("contact", sa.String(length=255), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group.id"],
            name=op.f("fk_osm_campaign_group_id_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_osm_campaign")),
        sa.UniqueConstraint("group_id", name=op.f("uq_osm_campaign_group_id")),
    )


def downgrade():
    op.drop_table("osm_campaign")
    op.drop_index(op.f("ix_osm_authorisation_group_id"), table_name="osm_authorisation")
    op.drop_table("osm_authorisation")
    op.drop_table("osm_account")
