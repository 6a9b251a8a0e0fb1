"""Liveness and the public settings the PWA needs before anyone logs in."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

import server
from server.extensions import db
from server.schema_check import applied_migrations, heads_on_disk, migration_lag

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Health and settings")


class HealthSchema(Schema):
    status = fields.String(
        metadata={
            "description": "ok, or why the server cannot serve: migrations_pending (run "
            "`camwalk db upgrade`), migrated_by_newer_version (a newer camwalk migrated the "
            "database)"
        }
    )
    version = fields.String()
    database = fields.String()
    migration = fields.String(allow_none=True, metadata={"description": "the database's"})
    code_migration = fields.String(metadata={"description": "the one this version needs"})


class PublicConfigSchema(Schema):
    tile_url = fields.String()
    tile_attribution = fields.String()
    max_photo_bytes = fields.Integer()


@blp.route("/health")
class Health(MethodView):
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="Not at the code's migrations")
    def get(self):
        """Server version, database engine and applied migration; 503 when not the code's."""
        # Read at each request, one row, so that a load balancer asking every few seconds
        # sees at once a migration another instance ran; the code's side is read once.
        with db.engine.connect() as connection:
            applied = applied_migrations(connection)
        # Its models and the tables differ either way (the upgrade not run yet, or run by a
        # newer instance beside it): requests would fail on a missing column, take it out.
        lag = migration_lag(applied)
        body = {
            "status": lag or "ok",
            "version": server.__version__,
            "database": db.engine.dialect.name,
            "migration": ", ".join(sorted(applied)) or None,
            "code_migration": ", ".join(sorted(heads_on_disk())),
        }
        return body, 503 if lag else 200


@blp.route("/config")
class PublicConfig(MethodView):
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200, PublicConfigSchema)
    def get(self):
        """Basemap and upload limits for the PWA."""
        config = current_app.config
        return {
            "tile_url": config["TILE_URL"],
            "tile_attribution": config["TILE_ATTRIBUTION"],
            "max_photo_bytes": config["MAX_PHOTO_BYTES"],
        }
