"""Importing a walker's file (see server.observations.walker_file)."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

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
    proven = fields.Boolean(
        metadata={"description": "whether the walker's phone proved it saved the file"}
    )
    results = fields.List(fields.Nested(ChangeResultSchema))
    skipped = fields.List(fields.Nested(SkippedChangeSchema))
    photos = fields.Nested(ImportedPhotosSchema)


class WalkerFileQuerySchema(Schema):
    unproven = fields.String(
        validate=validate.Equal("accept"),
        metadata={"description": "import a file its walker's phone did not prove (`accept`)"},
    )


@blp.route("/groups/<int:group_id>/walker-files")
class WalkerFileView(MethodView):
    @blp.arguments(WalkerFileQuerySchema, location="query")
    @blp.arguments(walker_file.WalkerFileSchema)
    @blp.response(200, WalkerFileAnswerSchema)
    def post(self, query, args, group_id):
        """Replay the unsent work a walker saved to a file, as that walker (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        accept = query.get("unproven") == "accept"
        return walker_file.import_walker_file(group, args["work"], accept_unproven=accept)
