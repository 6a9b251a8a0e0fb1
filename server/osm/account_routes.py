"""A group's OSM account (OAuth 2.0 connect, callback, status, disconnect)."""

from urllib.parse import urlencode

from flask import after_this_request, current_app, redirect, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema, fields, validate

from server.auth.models import Role
from server.auth.permissions import require_group, require_member
from server.exports import checklist
from server.osm import oauth

blp = Blueprint(
    "osm_account", __name__, url_prefix="/api/v1", description="A group's OpenStreetMap account"
)

# Where the browser lands after the callback: the app, told how it went by the query
# `osm_account=connected|declined|error` (+ `reason=` for an error; oauth.callback_outcome).
APP_AFTER_CALLBACK = "/"


class AuthorizeSchema(Schema):
    authorization_url = fields.String()
    expires_in_s = fields.Integer()


class CallbackQuerySchema(Schema):
    # OSM may add parameters of its own (e.g. `iss`, `error_description`); not ours to refuse.
    class Meta:
        unknown = EXCLUDE

    # Not required: a browser without one still goes back to the app (reason=state_invalid).
    state = fields.String()
    code = fields.String()
    error = fields.String()


class OsmAccountSchema(Schema):
    connected = fields.Boolean()
    osm_user = fields.String(allow_none=True)
    osm_user_id = fields.Integer(allow_none=True)
    api_url = fields.String()
    scope = fields.String()
    connected_at = fields.DateTime()
    connected_by = fields.String(allow_none=True)


class DisconnectedSchema(Schema):
    connected = fields.Boolean()
    # True only when OSM confirmed the token is dead; false: revoke it on openstreetmap.org.
    revoked_at_osm = fields.Boolean()


@blp.route("/groups/<int:group_id>/osm-account/authorize")
class OsmAuthorize(MethodView):
    @blp.response(200, AuthorizeSchema)
    def post(self, group_id):
        """Start connecting the group's OSM account: the URL of OSM's consent page (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        member = require_member(Role.ORGANISER)
        url, binding = oauth.start_authorisation(group, member, current_app.config)
        lifetime = int(oauth.AUTHORISATION_TTL.total_seconds())

        @after_this_request
        def remember_this_browser(response):
            # Lax: sent on OSM's redirect back, a top-level navigation; read by the callback only.
            response.set_cookie(
                oauth.BROWSER_COOKIE,
                binding,
                max_age=lifetime,
                path=url_for("osm_account.OsmCallback"),
                secure=request.is_secure,
                httponly=True,
                samesite="Lax",
            )
            return response

        return {"authorization_url": url, "expires_in_s": lifetime}


@blp.route("/osm/callback")
class OsmCallback(MethodView):
    @blp.doc(security=[])  # open to anyone: no token
    @blp.arguments(CallbackQuerySchema, location="query")
    @blp.response(302)
    def get(self, query):
        """Where OSM sends the organiser back: store the token, then go back to the app."""
        outcome = oauth.callback_outcome(
            query.get("state"),
            query.get("code"),
            query.get("error"),
            request.cookies.get(oauth.BROWSER_COOKIE),
            current_app.config,
        )
        return redirect(f"{APP_AFTER_CALLBACK}?{urlencode(outcome)}")


@blp.route("/groups/<int:group_id>/osm-account")
class OsmAccount(MethodView):
    @blp.response(200, OsmAccountSchema)
    def get(self, group_id):
        """Whether the group has an OSM account connected, and which (organisers)."""
        return oauth.account_view(require_group(group_id, Role.ORGANISER))

    @blp.response(200, DisconnectedSchema)
    def delete(self, group_id):
        """Revoke the group's OSM token at OSM, then forget it (organisers)."""
        return oauth.disconnect(require_group(group_id, Role.ORGANISER), current_app.config)


class ChecklistItemSchema(Schema):
    key = fields.String()
    label = fields.String()
    required = fields.Boolean()
    done = fields.Boolean()
    value = fields.String(allow_none=True)


class ChecklistSchema(Schema):
    ready_to_upload = fields.Boolean()
    items = fields.List(fields.Nested(ChecklistItemSchema))


class ChecklistUpdateSchema(Schema):
    hashtags = fields.String(
        allow_none=True,
        validate=validate.Regexp(r"^[\s,;]*(#?[\w-]+[\s,;]*)*$", error="words like #campaign"),
    )
    wiki_url = fields.Url(allow_none=True, schemes={"http", "https"})
    contact = fields.String(allow_none=True, validate=validate.Length(max=255))


@blp.route("/groups/<int:group_id>/osm-checklist")
class OsmChecklist(MethodView):
    @blp.response(200, ChecklistSchema)
    def get(self, group_id):
        """The Organised Editing checklist of the campaign, item by item (organisers)."""
        return checklist.checklist(require_group(group_id, Role.ORGANISER))

    @blp.arguments(ChecklistUpdateSchema)
    @blp.response(200, ChecklistSchema)
    def put(self, values, group_id):
        """Set the campaign hashtag, wiki page or contact (organisers)."""
        return checklist.update_checklist(require_group(group_id, Role.ORGANISER), values)
