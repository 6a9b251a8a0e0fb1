"""What each camera sees, and the route less seen: for members and, once published, anyone."""

from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth.permissions import require_walk
from server.coverage import service
from server.coverage.schemas import RouteQuerySchema
from server.json_answer import conditional_json
from server.reports.routes import published_group
from server.security import limiter, public_rate_limit

blp = Blueprint("coverage", __name__, url_prefix="/api/v1", description="Camera coverage")


@blp.route("/walks/<int:walk_id>/coverage")
class WalkCoverage(MethodView):
    @blp.response(200)
    def get(self, walk_id):
        """Each camera's view at each range as GeoJSON, with the walk's figures (members)."""
        return service.walk_coverage(require_walk(walk_id))


@blp.route("/walks/<int:walk_id>/route")
class WalkRoute(MethodView):
    @blp.arguments(RouteQuerySchema, location="query")
    @blp.response(200)
    def get(self, args, walk_id):
        """The shortest route and the route least in view between two points (members)."""
        walk = require_walk(walk_id)
        return service.walk_route(walk, args["start"], args["end"], args["penalty"])


@blp.route("/public/<string:slug>/coverage.geojson")
class PublicCoverage(MethodView):
    @limiter.limit(public_rate_limit)
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200, description="gzipped when the client takes it")
    @blp.alt_response(304, description="The copy named by If-None-Match is current")
    def get(self, slug):
        """The views of a published campaign's approved cameras, if it publishes them (anyone)."""
        return conditional_json(service.public_coverage(published_group(slug)))
