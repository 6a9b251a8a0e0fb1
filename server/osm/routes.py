"""Existing OpenStreetMap cameras around a walk."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from server.auth.permissions import require_walk
from server.osm import service

blp = Blueprint("osm", __name__, url_prefix="/api/v1", description="OpenStreetMap cameras")


class OsmNodeSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    lat = fields.Float()
    lon = fields.Float()
    tags = fields.Dict(keys=fields.String(), values=fields.String())
    part_of_way = fields.Boolean()


class OsmNodesSchema(Schema):
    nodes = fields.List(fields.Nested(OsmNodeSchema))


@blp.route("/walks/<int:walk_id>/osm-nodes")
class WalkOsmNodes(MethodView):
    @blp.response(200, OsmNodesSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, walk_id):
        """Cached OSM cameras in the walk's area (or around its observations)."""
        return {"nodes": service.nodes_for_walk(require_walk(walk_id))}
