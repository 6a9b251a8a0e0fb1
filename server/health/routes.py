"""Liveness and the public settings the PWA needs before anyone logs in."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text

import server
from server.extensions import db

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Health and settings")


class HealthSchema(Schema):
    status = fields.String()
    version = fields.String()
    database = fields.String()
    migration = fields.String(allow_none=True)


class PublicConfigSchema(Schema):
    tile_url = fields.String()
    tile_attribution = fields.String()
    max_photo_bytes = fields.Integer()


@blp.route("/health")
class Health(MethodView):
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200, HealthSchema)
    def get(self):
        """Server version, database engine and applied migration."""
        migration = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return {
            "status": "ok",
            "version": server.__version__,
            "database": db.engine.dialect.name,
            "migration": migration,
        }


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
