"""Existing OpenStreetMap cameras around a walk: reading the cache, refreshing it from OSM."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from server.auth.models import Role
from server.auth.permissions import require_walk
from server.exports.errors import OsmUnreachable
from server.groups.models import Walk
from server.osm import service
from server.osm.client import OsmClient, OsmHttpError
from server.osm.errors import UnreadableOsmData
from server.osm.importer import fetch_for_walk
from server.types import utcnow

blp = Blueprint("osm", __name__, url_prefix="/api/v1", description="OpenStreetMap cameras")


class OsmNodeSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    lat = fields.Float()
    lon = fields.Float()
    tags = fields.Dict(keys=fields.String(), values=fields.String())
    # null: the data read so far held no ways, so whether one uses it is not known.
    part_of_way = fields.Boolean(allow_none=True)
    # The keys by which a mapper marked the camera as no longer in use (`disused:man_made`,
    # `disused`); empty for one in use.
    out_of_use = fields.List(fields.String())
    # The OSM relations that list it as a member (then never deleted by camwalk); null: the
    # data read so far did not say (not deleted either).
    relations = fields.List(fields.Integer(), allow_none=True)


class OsmNodesSchema(Schema):
    nodes = fields.List(fields.Nested(OsmNodeSchema))


@blp.route("/walks/<int:walk_id>/osm-nodes")
class WalkOsmNodes(MethodView):
    @blp.response(200, OsmNodesSchema)
    def get(self, walk_id):
        """Cached OSM cameras around the walk that its group loaded or an operator imported."""
        return {"nodes": service.nodes_for_walk(require_walk(walk_id))}


class FetchRequestSchema(Schema):
    source = fields.String(load_default="overpass", validate=validate.OneOf(["overpass", "api"]))


class BboxSchema(Schema):
    west = fields.Float()
    south = fields.Float()
    east = fields.Float()
    north = fields.Float()


class FetchResultSchema(Schema):
    walk_id = fields.Integer()
    source = fields.String()
    fetched_at = fields.DateTime()
    bbox = fields.Nested(BboxSchema)
    fetched = fields.Integer()
    added = fields.Integer()
    updated = fields.Integer()
    vertex_changed = fields.Integer()
    unchanged = fields.Integer()
    vertex_unknown = fields.Integer()
    # Nodes whose list of relations changed, and those whose relations are still not known.
    relations_changed = fields.Integer()
    relations_unknown = fields.Integer()
    # Cached nodes camwalk's upload made newer than the answer (Overpass lags): kept.
    kept_newer = fields.Integer()
    # Nodes camwalk's upload took out of OSM, older in the answer than that: kept out.
    kept_deleted = fields.Integer()
    removed = fields.Integer()
    not_nodes = fields.Integer()
    # Streets, paths, buildings and landmarks kept as the walk map (GET .../basemap).
    basemap_features = fields.Integer()


def fetch_walk_cameras(walk: Walk, source: str) -> dict:
    """What `camwalk osm fetch --walk` does, with OSM's failures turned into a 502."""
    client = OsmClient.from_config(current_app.config)
    fetched_at = utcnow()
    try:
        result = fetch_for_walk(walk, client, source)
    except OsmHttpError as error:
        raise OsmUnreachable(str(error)) from error
    except UnreadableOsmData as error:
        # The walk's box is ours and valid: an answer we cannot read is OSM's failure.
        raise OsmUnreachable(error.message) from error
    finally:
        client.close()
    west, south, east, north = result.bbox
    return {
        "walk_id": walk.id,
        "source": source,
        "fetched_at": fetched_at,
        "bbox": {"west": west, "south": south, "east": east, "north": north},
        "fetched": (
            result.added
            + result.updated
            + result.vertex_changed
            + result.unchanged
            + result.kept_newer
            + result.kept_deleted
        ),
        **{key: value for key, value in result.as_dict().items() if key != "bbox"},
    }


@blp.route("/walks/<int:walk_id>/osm-fetch")
class WalkOsmFetch(MethodView):
    @blp.arguments(FetchRequestSchema)
    @blp.response(200, FetchResultSchema)
    def post(self, body, walk_id):
        """Refresh the cache with the OSM cameras around the walk (organisers)."""
        return fetch_walk_cameras(require_walk(walk_id, Role.ORGANISER), body["source"])
