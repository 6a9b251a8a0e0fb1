"""The sync round trip. Organiser endpoints live in `server.observations.organise_routes`."""

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth.permissions import require_group
from server.auth.service import current_member
from server.epoch import check_cursor
from server.observations import push
from server.observations.schemas import SyncAnswerSchema, SyncRequestSchema

blp = Blueprint("sync", __name__, url_prefix="/api/v1", description="Offline sync")


@blp.before_request
def _members_only_before_the_body_is_read():
    """Who may sync is decided before the body is parsed and checked: a stranger's 6 MB batch
    costs a token lookup and a 401 or 404, never a validation of every change in it."""
    group_id = (request.view_args or {}).get("group_id")
    if group_id is not None:
        require_group(group_id)


@blp.route("/groups/<int:group_id>/sync")
class SyncView(MethodView):
    @blp.arguments(SyncRequestSchema)
    @blp.response(200, SyncAnswerSchema, description="gzipped when the client takes it")
    def post(self, args, group_id):
        """Push the outbox (one transaction) and pull what changed after the cursor."""
        group = require_group(group_id)
        epoch = check_cursor(group.id, args["cursor"], args["epoch"])
        answer = push.sync(group, current_member(), args["cursor"], args["limit"], args["changes"])
        return {**answer, "epoch": epoch}
