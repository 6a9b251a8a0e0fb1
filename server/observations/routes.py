"""The sync round trip. Organiser endpoints live in `server.observations.organise_routes`."""

from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth.permissions import require_group
from server.auth.service import current_member
from server.observations import push
from server.observations.schemas import SyncAnswerSchema, SyncRequestSchema

blp = Blueprint("sync", __name__, url_prefix="/api/v1", description="Offline sync")


@blp.route("/groups/<int:group_id>/sync")
class SyncView(MethodView):
    @blp.arguments(SyncRequestSchema)
    @blp.response(200, SyncAnswerSchema)
    def post(self, args, group_id):
        """Push the outbox (one transaction) and pull what changed after the cursor."""
        group = require_group(group_id)
        return push.sync(group, current_member(), args["cursor"], args["limit"], args["changes"])
