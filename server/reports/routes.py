"""Walk summaries for organisers, the public campaign map, and group settings."""

import datetime as dt
import io

from flask import Response, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from server import collector
from server.auth.models import Role
from server.auth.permissions import require_group, require_walk
from server.coverage.schemas import CoverageSettingsSchema
from server.errors import NotFound
from server.exports import csv_forms
from server.extensions import db
from server.groups.models import Group
from server.groups.schemas import GroupSchema
from server.json_answer import conditional_json
from server.photos import derivatives, publication
from server.reports import service, signage, signage_files
from server.reports.schemas import PublicCamerasSchema, WalkSummarySchema
from server.security import limiter, public_rate_limit, public_revalidation_rate_limit
from sync.fields import SIGNAGE_FIELDS

blp = Blueprint("reports", __name__, url_prefix="/api/v1", description="Summaries and maps")

# Public photos change address when their boxes change. Caches (the visitor's browser, and
# any shared one between) keep the copy but ask again before each showing, with its ETag: 304
# while it is published, 404 once an organiser withdraws it (a face the blur missed), at once.
# Kept for an hour without asking, a withdrawn photo went on being shown for that hour.
PUBLIC_PHOTO_CACHE = "public, no-cache"


class GroupSettingsSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=120))
    hashtags = fields.String(allow_none=True, validate=validate.Length(max=255))
    keep_originals = fields.Boolean()
    public_map = fields.Boolean()
    # The whole set of changes to the coverage assumptions; null goes back to the defaults.
    coverage = fields.Nested(CoverageSettingsSchema, allow_none=True)
    coverage_public = fields.Boolean()
    # Walkers' phones ask no tile server but the campaign's own (server/basemap).
    own_tiles_only = fields.Boolean()
    public_fields = fields.List(
        fields.String(validate=validate.OneOf(SIGNAGE_FIELDS)),
        validate=validate.Length(max=len(SIGNAGE_FIELDS)),
        metadata={"description": "signage fields shown on the public map; none by default"},
    )


class GroupSettingsViewSchema(GroupSchema):
    keep_originals = fields.Boolean()
    coverage = fields.Dict(allow_none=True)
    coverage_public = fields.Boolean()
    own_tiles_only = fields.Boolean()
    public_fields = fields.List(fields.String())


@blp.route("/walks/<int:walk_id>/summary")
class WalkSummary(MethodView):
    @blp.response(200, WalkSummarySchema)
    def get(self, walk_id):
        """Counts, coverage, cameras for the map and photos of one walk (organisers)."""
        # Answered as it is: the schema documents it (server/reports/schemas.py says why).
        return jsonify(service.walk_summary(require_walk(walk_id, Role.ORGANISER)))


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
    @limiter.limit(public_rate_limit)
    @blp.doc(security=[])  # open to anyone: no token
    @collector.pausing  # a national campaign's cameras are a batch like a push's
    @blp.response(200, PublicCamerasSchema, description="gzipped when the client takes it")
    @blp.alt_response(304, description="The copy named by If-None-Match is current")
    def get(self, slug):
        """A published campaign's approved cameras, with no walker data (anyone)."""
        return conditional_json(service.public_cameras(published_group(slug)))


def _revalidating() -> bool:
    """Whether the visitor asks again for the copy she holds: her If-None-Match names the
    photo (its ETag is its name), as make_conditional compares them, so a 304 unless the
    photo was withdrawn since. `*` names no copy (werkzeug's match takes it for any): a client
    sending it on every request would take the larger allowance for first reads."""
    asked = request.if_none_match
    return not asked.star_tag and asked.contains_weak(request.view_args["name"])


@blp.route("/public/<string:slug>/photos/<string:name>.jpg")
class PublicPhoto(MethodView):
    # Finding the photo a name stands for is one indexed read and one HMAC, whatever the
    # campaign's size (publication.public_photo), and a 304 costs that as much as a 200
    # (docs/security.md), so it is counted too, but apart: a map showing its photos again
    # asks each again, and used up the allowance for new ones.
    @limiter.limit(public_rate_limit, exempt_when=_revalidating)
    @limiter.limit(public_revalidation_rate_limit, exempt_when=lambda: not _revalidating())
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200, description="A blurred JPEG without metadata", content_type="image/jpeg")
    def get(self, slug, name):
        """A photo the organisers published on the campaign map, blurred (anyone)."""
        body = publication.public_photo(published_group(slug), name)
        response = Response(body, mimetype=derivatives.MEDIA_TYPE)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = PUBLIC_PHOTO_CACHE
        response.set_etag(name)  # the name changes with the boxes
        return response.make_conditional(request)


class SignageQuerySchema(Schema):
    lang = fields.String(load_default="fr", validate=validate.OneOf(signage_files.LANGUAGES))


class SignageCsvQuerySchema(Schema):
    spreadsheet = fields.Boolean(
        load_default=False, metadata={"description": "as in the export's CSV"}
    )


@blp.route("/walks/<int:walk_id>/signage")
class CommuneSignage(MethodView):
    @blp.response(200)
    def get(self, walk_id):
        """The signage file of the walk's commune (its walks named alike), as JSON (organisers)."""
        return signage.report(require_walk(walk_id, Role.ORGANISER))


@blp.route("/walks/<int:walk_id>/signage.pdf")
class CommuneSignagePdf(MethodView):
    @blp.arguments(SignageQuerySchema, location="query")
    @blp.response(200, description="A4 PDF", content_type="application/pdf")
    def get(self, query, walk_id):
        """The signage file of the walk's commune as a printable PDF (organisers)."""
        walk = require_walk(walk_id, Role.ORGANISER)
        content = signage.report(walk)
        photos = signage.pdf_photo_reader(walk, content)
        body = signage_files.write_pdf(content, query["lang"], photos, dt.date.today())
        return _attachment(body, "application/pdf", f"camwalk-signage-{walk_id}.pdf")


@blp.route("/walks/<int:walk_id>/signage.csv")
class CommuneSignageCsv(MethodView):
    @blp.arguments(SignageCsvQuerySchema, location="query")
    @blp.response(200, description="UTF-8 CSV", content_type="text/csv")
    def get(self, query, walk_id):
        """The signage file's table: cameras with no sign or an incomplete one (organisers);
        `?spreadsheet=1` for Excel or LibreOffice."""
        content = signage.report(require_walk(walk_id, Role.ORGANISER))
        out = io.BytesIO()
        signage_files.write_csv(content, out, spreadsheet=query["spreadsheet"])
        name = csv_forms.file_name(f"camwalk-signage-{walk_id}", query["spreadsheet"])
        return _attachment(out.getvalue(), csv_forms.MEDIA_TYPE, name)


@blp.route("/walks/<int:walk_id>/signage/photos/<string:sha256>.jpg")
class CommuneSignagePhoto(MethodView):
    @blp.response(200, description="A blurred JPEG without metadata", content_type="image/jpeg")
    def get(self, walk_id, sha256):
        """A published photo of a camera in the signage file, blurred (organisers)."""
        body = signage.photo_for(require_walk(walk_id, Role.ORGANISER), sha256)
        if body is None:
            raise NotFound()
        response = Response(body, mimetype=derivatives.MEDIA_TYPE)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def _attachment(body: bytes, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def published_group(slug: str) -> Group:
    group = db.session.scalar(select(Group).where(Group.slug == slug))
    if group is None or not group.public_map:
        raise NotFound("This campaign map is not published.")
    return group
