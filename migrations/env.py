"""Alembic environment for camwalk, run through Flask-Migrate (`camwalk db ...`)."""

import contextlib
import logging
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from flask import current_app
from geoalchemy2 import alembic_helpers

from server.schema_check import include_object

config = context.config
if config.config_file_name and not logging.getLogger().handlers:
    fileConfig(config.config_file_name)
log = logging.getLogger("alembic.env")

db = current_app.extensions["migrate"].db
# Any fixed number: the advisory lock that lets one process at a time migrate a PostgreSQL
# database ("camwalk" in ASCII).
MIGRATION_LOCK_KEY = 0x63616D77616C6B
target_metadata = db.metadata


def skip_empty_revisions(context, revision, directives):
    # Flask-Migrate's own hook does this; setting ours replaces it, so do it here too.
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        log.info("No changes in schema detected.")


def configure_args(**extra):
    return dict(
        target_metadata=target_metadata,
        include_object=include_object,
        render_item=alembic_helpers.render_item,
        process_revision_directives=skip_empty_revisions,
        compare_type=True,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        **extra,
    )


def run_migrations_offline():
    context.configure(url=str(db.engine.url), literal_binds=True, **configure_args())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            with foreign_keys_off(connection):
                migrate(connection)
        else:
            migrate(connection)


@contextlib.contextmanager
def foreign_keys_off(connection):
    """SQLite alters most things by building a new table and dropping the old one (batch
    mode). With foreign keys on, as every camwalk connection has them (server/database.py),
    that drop cascades: upgrading a database from before a table was rebuilt deleted every
    device token and photo link and cleared every author. Off for the migrations, as SQLite
    documents for such changes (the pragma does nothing inside a transaction, so it is set
    before one begins); on again after, once the keys are checked."""
    # Each pragma is committed at once: SQLAlchemy counts it as the start of a transaction,
    # inside which Alembic would then run the migrations and never commit them.
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    try:
        yield
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.commit()
        if broken:
            raise RuntimeError(
                f"the migrations left rows whose foreign keys point nowhere: {broken[:5]}"
            )
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def migrate(connection):
    context.configure(connection=connection, **configure_args())
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several servers started at once with `camwalk serve --migrate` would each
            # create the same tables, and all but one fail. The first to come holds this
            # lock until its migrations commit; the others then read the version it wrote
            # and have nothing left to do. (SQLite: its single writer already queues them.)
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
