"""Organiser endpoints: conflicts, duplicates, review; and the history for members."""

from flask.views import MethodView
from flask_smorest import Blueprint

from server import collector
from server.auth.models import Role
from server.auth.permissions import require_group, require_member
from server.json_stream import json_list
from server.observations import organise
from server.observations.answer_schemas import ConflictAnswerSchema, HistoryEntrySchema
from server.observations.schemas import (
    ConflictQuerySchema,
    DuplicatePairSchema,
    MergeAnswerSchema,
    MergeSchema,
    OsmChoiceAnswerSchema,
    OsmChoiceSchema,
    PairDecisionSchema,
    PairSchema,
    ResolveSchema,
    ReviewAnswerSchema,
    ReviewItemSchema,
    ReviewQuerySchema,
    ReviewSchema,
)

blp = Blueprint(
    "organise", __name__, url_prefix="/api/v1", description="Conflicts, duplicates and review"
)


@blp.route("/groups/<int:group_id>/conflicts")
class Conflicts(MethodView):
    @blp.arguments(ConflictQuerySchema, location="query")
    @blp.response(200, ConflictAnswerSchema(many=True))
    def get(self, args, group_id):
        """The group's conflicts, open ones by default (organisers)."""
        require_group(group_id, Role.ORGANISER)
        return organise.list_conflicts(group_id, args["status"], args["walk_id"])


@blp.route("/conflicts/<path:key>")
class ConflictView(MethodView):
    @blp.response(200, ConflictAnswerSchema)
    def get(self, key):
        """One conflict, by its key (`<change_id>/<field>`) or number (organisers)."""
        member = require_member(Role.ORGANISER)
        return organise.get_conflict(member.group_id, key)


@blp.route("/conflicts/<path:key>/resolve")
class ResolveView(MethodView):
    @blp.arguments(ResolveSchema)
    @blp.response(200, ConflictAnswerSchema)
    def post(self, args, key):
        """Settle a conflict with one of its sides or a new value (organisers)."""
        return organise.resolve(require_member(Role.ORGANISER), key, args)


@blp.route("/groups/<int:group_id>/duplicates")
class Duplicates(MethodView):
    @blp.response(200, DuplicatePairSchema(many=True))
    def get(self, group_id):
        """Pairs of observations that may be the same device (organisers)."""
        require_group(group_id, Role.ORGANISER)
        return organise.list_duplicates(group_id)


@blp.route("/observations/<uuid>/merge")
class MergeView(MethodView):
    @blp.arguments(MergeSchema)
    @blp.response(200, MergeAnswerSchema)
    def post(self, args, uuid):
        """Merge another observation into this one, which survives (organisers)."""
        member = require_member(Role.ORGANISER)
        return organise.merge(member, uuid, args["other"], args["take"])


@blp.route("/observations/<uuid>/not-duplicate")
class NotDuplicateView(MethodView):
    @blp.arguments(PairSchema)
    @blp.response(200, PairDecisionSchema)
    def post(self, args, uuid):
        """Say a possible duplicate is another camera: the pair is flagged no more (organisers)."""
        member = require_member(Role.ORGANISER)
        return organise.not_duplicate(member, uuid, args["other"], distinct=True)


@blp.route("/observations/<uuid>/maybe-duplicate")
class MaybeDuplicateView(MethodView):
    @blp.arguments(PairSchema)
    @blp.response(200, PairDecisionSchema)
    def post(self, args, uuid):
        """Take back "not the same camera": the pair is flagged again (organisers)."""
        member = require_member(Role.ORGANISER)
        return organise.not_duplicate(member, uuid, args["other"], distinct=False)


@blp.route("/observations/<uuid>/history")
class HistoryView(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, uuid):
        """Every change received for an observation, applied or not (members)."""
        return organise.history(require_member().group_id, uuid)


@blp.route("/observations/<uuid>/review")
class ReviewView(MethodView):
    @blp.arguments(ReviewSchema)
    @blp.response(200, ReviewAnswerSchema)
    def post(self, args, uuid):
        """Approve, reject or reopen an observation (organisers)."""
        member = require_member(Role.ORGANISER)
        return organise.review(
            member,
            uuid,
            args["status"],
            args.get("note", ...),
            seen_version=args.get("version"),
            keep_approved=args["keep_approved"],
        )


@blp.route("/observations/<uuid>/osm-node")
class OsmNodeChoiceView(MethodView):
    @blp.arguments(OsmChoiceSchema)
    @blp.response(200, OsmChoiceAnswerSchema)
    def post(self, args, uuid):
        """Choose the OSM node an observation changes, or "new camera" (organisers)."""
        member = require_member(Role.ORGANISER)
        return organise.choose_osm_node(member, uuid, args.get("osm_node_id"))


@blp.route("/groups/<int:group_id>/review")
class ReviewQueue(MethodView):
    @collector.pausing  # a large walk's queue is a batch like a push (server/collector.py)
    @blp.arguments(ReviewQuerySchema, location="query")
    @blp.response(200, ReviewItemSchema(many=True))
    def get(self, args, group_id):
        """Observations waiting for review, with photos, duplicates and the OSM camera near."""
        require_group(group_id, Role.ORGANISER)
        items = organise.review_queue(group_id, args["status"], args["walk_id"], args.get("ids"))
        return json_list(ReviewItemSchema(), items)  # tens of thousands on a day of action
