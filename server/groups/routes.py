"""A member's group and its walks."""

from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth.models import Role
from server.auth.permissions import require_group, require_walk
from server.groups import service
from server.groups.schemas import GroupSchema, WalkSchema

blp = Blueprint("groups", __name__, url_prefix="/api/v1", description="Groups and walks")


@blp.route("/groups/<int:group_id>")
class GroupView(MethodView):
    @blp.response(200, GroupSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, group_id):
        """One group, for its members."""
        return require_group(group_id)


@blp.route("/groups/<int:group_id>/walks")
class Walks(MethodView):
    @blp.response(200, WalkSchema(many=True))
    @blp.doc(security=[{"bearer": []}])
    def get(self, group_id):
        """The group's walks, newest first."""
        return service.list_walks(require_group(group_id))

    @blp.arguments(WalkSchema)
    @blp.response(201, WalkSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, args, group_id):
        """Create a walk (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        return service.walk_view(service.create_walk(group, **args))


@blp.route("/walks/<int:walk_id>")
class WalkView(MethodView):
    @blp.response(200, WalkSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, walk_id):
        """One walk, for members of its group."""
        return service.walk_view(require_walk(walk_id))
