"""Importing a walker's file (see server.observations.walker_file)."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from server.auth.models import Role
from server.auth.permissions import require_group
from server.observations import walker_file
from server.observations.schemas import ChangeResultSchema

blp = Blueprint(
    "walker_files", __name__, url_prefix="/api/v1", description="Walker files (import)"
)


class SkippedChangeSchema(Schema):
    index = fields.Integer()
    change_id = fields.String(allow_none=True)
    code = fields.String()
    message = fields.String()
    errors = fields.Dict()
    error_count = fields.Integer()


class RefusedPhotoSchema(Schema):
    sha256 = fields.String()
    code = fields.String()
    message = fields.String()


class ImportedPhotosSchema(Schema):
    stored = fields.List(fields.String())
    refused = fields.List(fields.Nested(RefusedPhotoSchema))


class WalkerSchema(Schema):
    id = fields.Integer()
    pseudonym = fields.String()


class WalkerFileAnswerSchema(Schema):
    walker = fields.Nested(WalkerSchema)
    results = fields.List(fields.Nested(ChangeResultSchema))
    skipped = fields.List(fields.Nested(SkippedChangeSchema))
    photos = fields.Nested(ImportedPhotosSchema)


@blp.route("/groups/<int:group_id>/walker-files")
class WalkerFileView(MethodView):
    @blp.arguments(walker_file.WalkerFileSchema)
    @blp.response(200, WalkerFileAnswerSchema)
    def post(self, args, group_id):
        """Replay the unsent work a walker saved to a file, as that walker (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        return walker_file.import_walker_file(group, args["work"])
