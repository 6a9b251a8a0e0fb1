"""The walk map phones download once with the walk and draw offline under the markers."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from server.auth.permissions import require_walk
from server.basemap import compact, service

blp = Blueprint("basemap", __name__, url_prefix="/api/v1", description="Walk maps")

# Phones keep their copy and ask again with If-None-Match: a refetched map reaches them at once.
CACHE_CONTROL = "private, no-cache"


class BasemapDocumentSchema(Schema):
    """Documents the download (server/basemap/compact.py says how to read `features`)."""

    format = fields.String(metadata={"example": compact.FORMAT})
    version = fields.Integer(metadata={"example": compact.VERSION})
    origin = fields.List(fields.Float(), metadata={"description": "[west, south], degrees"})
    unit = fields.Float(metadata={"description": "degrees per coordinate step"})
    bbox = fields.List(fields.Float(), metadata={"description": "[west, south, east, north]"})
    layers = fields.List(fields.String())
    names = fields.List(fields.String())
    features = fields.List(
        fields.List(fields.Raw()),
        metadata={"description": "[layer, name, kind, x, y] or [layer, name, kind, *rings]"},
    )


@blp.route("/walks/<int:walk_id>/basemap")
class WalkBasemap(MethodView):
    @blp.response(
        200,
        BasemapDocumentSchema,
        description="The walk map, gzipped when the client takes it",
        content_type=compact.MEDIA_TYPE,
    )
    @blp.alt_response(304, description="The copy named by If-None-Match is current")
    def get(self, walk_id):
        """The walk's streets, paths, buildings and landmarks (members of its group)."""
        row = service.walk_basemap(require_walk(walk_id))
        body, headers = service.download(row, request.accept_encodings["gzip"] > 0)
        response = Response(body, mimetype=compact.MEDIA_TYPE, headers=headers)
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.set_etag(service.etag(row))
        return response.make_conditional(request)
