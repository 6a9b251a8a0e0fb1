"""photos on several observations: an observation_photo link replaces photo.observation_id

One wide photo may show two cameras; with a single owner column the second attach had to be
refused or had to steal the photo from the first camera. Existing links are copied over.

Revision ID: d5e2a7c90f13
Revises: c4d81f2a6e07
"""

import sqlalchemy as sa
from alembic import op

revision = "d5e2a7c90f13"
down_revision = "c4d81f2a6e07"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "observation_photo",
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observation.id"],
            name=op.f("fk_observation_photo_observation_id_observation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["photo_id"],
            ["photo.id"],
            name=op.f("fk_observation_photo_photo_id_photo"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("observation_id", "photo_id", name=op.f("pk_observation_photo")),
    )
    op.create_index(
        op.f("ix_observation_photo_photo_id"), "observation_photo", ["photo_id"], unique=False
    )
    op.execute(
        "INSERT INTO observation_photo (observation_id, photo_id, role) "
        "SELECT observation_id, id, COALESCE(role, 'other') FROM photo "
        "WHERE observation_id IS NOT NULL"
    )
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photo_observation_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_photo_observation_id_observation"), type_="foreignkey"
        )
        batch_op.drop_column("observation_id")
        batch_op.drop_column("role")


def downgrade():
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("observation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_photo_observation_id_observation"),
            "observation",
            ["observation_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_photo_observation_id"), ["observation_id"])
    # A photo keeps one of its observations: the lowest, which is the first one it was on.
    op.execute(
        "UPDATE photo SET observation_id = (SELECT MIN(observation_id) FROM observation_photo "
        "WHERE photo_id = photo.id), role = (SELECT role FROM observation_photo "
        "WHERE photo_id = photo.id ORDER BY observation_id LIMIT 1)"
    )
    op.drop_index(op.f("ix_observation_photo_photo_id"), table_name="observation_photo")
    op.drop_table("observation_photo")
