"""The sync round trip. Organiser endpoints live in `server.sync.organise_routes`."""

from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth.permissions import require_group
from server.auth.service import current_member
from server.sync import service
from server.sync.schemas import SyncAnswerSchema, SyncRequestSchema

blp = Blueprint("sync", __name__, url_prefix="/api/v1", description="Offline sync")


@blp.route("/groups/<int:group_id>/sync")
class SyncView(MethodView):
    @blp.arguments(SyncRequestSchema)
    @blp.response(200, SyncAnswerSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, args, group_id):
        """Push the outbox (one transaction) and pull what changed after the cursor."""
        group = require_group(group_id)
        return service.sync(
            group, current_member(), args["cursor"], args["limit"], args["changes"]
        )


# The organiser endpoints attach their views to `blp`; imported last, once `blp` exists.
from server.sync import organise_routes  # noqa: E402, F401
