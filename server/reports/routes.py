"""Walk summaries for organisers, the public campaign map, and group settings."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from server.auth.models import Role
from server.auth.permissions import require_group, require_walk
from server.errors import NotFound
from server.extensions import db
from server.groups.models import Group
from server.groups.schemas import GroupSchema
from server.photos import derivatives, publication
from server.reports import service
from sync.fields import SIGNAGE_FIELDS

blp = Blueprint("reports", __name__, url_prefix="/api/v1", description="Summaries and maps")

# Public photos change address when their boxes change; an hour bounds how long a withdrawn
# photo can still be served from a cache.
PUBLIC_PHOTO_CACHE = "public, max-age=3600"


class GroupSettingsSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=120))
    hashtags = fields.String(allow_none=True, validate=validate.Length(max=255))
    keep_originals = fields.Boolean()
    public_map = fields.Boolean()
    public_fields = fields.List(
        fields.String(validate=validate.OneOf(SIGNAGE_FIELDS)),
        validate=validate.Length(max=len(SIGNAGE_FIELDS)),
        metadata={"description": "signage fields shown on the public map; none by default"},
    )


class GroupSettingsViewSchema(GroupSchema):
    keep_originals = fields.Boolean()
    public_fields = fields.List(fields.String())


@blp.route("/walks/<int:walk_id>/summary")
class WalkSummary(MethodView):
    @blp.response(200)
    def get(self, walk_id):
        """Counts, coverage, cameras for the map and photos of one walk (organisers)."""
        return service.walk_summary(require_walk(walk_id, Role.ORGANISER))


@blp.route("/groups/<int:group_id>/settings")
class GroupSettings(MethodView):
    @blp.response(200, GroupSettingsViewSchema)
    def get(self, group_id):
        """The group's settings (organisers)."""
        return require_group(group_id, Role.ORGANISER)

    @blp.arguments(GroupSettingsSchema)
    @blp.response(200, GroupSettingsViewSchema)
    def patch(self, args, group_id):
        """Change name, hashtags, photo retention, the public map and its fields (organisers)."""
        return service.update_group(require_group(group_id, Role.ORGANISER), args)


@blp.route("/public/<string:slug>/cameras.geojson")
class PublicCameras(MethodView):
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200)
    def get(self, slug):
        """A published campaign's approved cameras, with no walker data (anyone)."""
        return service.public_cameras(_published(slug))


@blp.route("/public/<string:slug>/photos/<string:name>.jpg")
class PublicPhoto(MethodView):
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200, description="A blurred JPEG without metadata", content_type="image/jpeg")
    def get(self, slug, name):
        """A photo the organisers published on the campaign map, blurred (anyone)."""
        body = publication.public_photo(_published(slug), name)
        response = Response(body, mimetype=derivatives.MEDIA_TYPE)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = PUBLIC_PHOTO_CACHE
        response.set_etag(name)  # the name changes with the boxes
        return response.make_conditional(request)


def _published(slug: str) -> Group:
    group = db.session.scalar(select(Group).where(Group.slug == slug))
    if group is None or not group.public_map:
        raise NotFound("This campaign map is not published.")
    return group
