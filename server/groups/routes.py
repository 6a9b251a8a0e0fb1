"""A member's group, its walks, and what organisers manage: invites and members."""

import io

import segno
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth.models import Role
from server.auth.permissions import require_group, require_walk
from server.auth.schemas import DeviceSchema
from server.auth.service import current_member
from server.errors import NotFound
from server.groups import invites, members, service
from server.groups.schemas import (
    GroupSchema,
    InviteCreateSchema,
    InvitePreviewSchema,
    InviteSchema,
    MemberListSchema,
    MemberRemovalSchema,
    SignInLinkSchema,
    WalkSchema,
)
from server.security import auth_rate_limit, limiter

blp = Blueprint("groups", __name__, url_prefix="/api/v1", description="Groups and walks")


@blp.route("/groups/<int:group_id>")
class GroupView(MethodView):
    @blp.response(200, GroupSchema)
    def get(self, group_id):
        """One group, for its members."""
        return require_group(group_id)


@blp.route("/groups/<int:group_id>/walks")
class Walks(MethodView):
    @blp.response(200, WalkSchema(many=True))
    def get(self, group_id):
        """The group's walks, newest first."""
        return service.list_walks(require_group(group_id))

    @blp.arguments(WalkSchema)
    @blp.response(201, WalkSchema)
    def post(self, args, group_id):
        """Create a walk (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        return service.walk_answer(service.create_walk(group, **args))


@blp.route("/walks/<int:walk_id>")
class WalkView(MethodView):
    @blp.response(200, WalkSchema)
    def get(self, walk_id):
        """One walk, for members of its group."""
        return service.walk_answer(require_walk(walk_id))


def _invite_view(invite) -> dict:
    code = invites.readable_code(invite)
    return {
        "id": invite.id,
        "code": code,
        "url": f"{request.host_url}join/{code}" if code else None,
        "role": invite.role,
        "expires_at": invite.expires_at,
        "max_uses": invite.max_uses,
        "uses": invite.uses,
        "revoked": invite.revoked_at is not None,
        "created_at": invite.created_at,
    }


@blp.route("/invites/<string:code>")
class InvitePreview(MethodView):
    @limiter.limit(auth_rate_limit)
    @blp.doc(security=[])  # open to anyone: no token
    @blp.response(200, InvitePreviewSchema)
    def get(self, code):
        """Which group and which role an invite code gives, before joining (no login)."""
        return invites.preview_invite(code)


@blp.route("/groups/<int:group_id>/invites")
class Invites(MethodView):
    @blp.response(200, InviteSchema(many=True))
    def get(self, group_id):
        """The group's invites, newest first (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        return [_invite_view(i) for i in invites.list_invites(group)]

    @blp.arguments(InviteCreateSchema)
    @blp.response(201, InviteSchema)
    def post(self, args, group_id):
        """Make an invite link (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        return _invite_view(invites.create_invite(group, current_member().id, **args))


@blp.route("/groups/<int:group_id>/invites/<int:invite_id>")
class InviteView(MethodView):
    @blp.response(200, InviteSchema)
    def delete(self, group_id, invite_id):
        """Revoke an invite (organisers); people who joined with it stay."""
        group = require_group(group_id, Role.ORGANISER)
        return _invite_view(invites.revoke_invite(group, invite_id))


@blp.route("/groups/<int:group_id>/invites/<int:invite_id>/qr.svg")
class InviteQr(MethodView):
    @blp.response(200, content_type="image/svg+xml")
    def get(self, group_id, invite_id):
        """The invite link as a printable QR code (SVG, organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        url = _invite_view(invites.get_invite(group, invite_id))["url"]
        if url is None:
            raise NotFound("This invite's code was not kept: make a new invite to print.")
        return _qr_svg(url)


def _qr_svg(url: str) -> Response:
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=8)
    return Response(svg.getvalue(), mimetype="image/svg+xml")


def _sign_in_link_view(link, code: str) -> dict:
    return {
        "id": link.id,
        "url": f"{request.host_url}signin/{code}",
        "expires_at": link.expires_at,
    }


@blp.route("/groups/<int:group_id>/members")
class Members(MethodView):
    @blp.response(200, MemberListSchema(many=True))
    def get(self, group_id):
        """Current members with their roles (organisers)."""
        return members.list_members(require_group(group_id, Role.ORGANISER))


@blp.route("/groups/<int:group_id>/members/<int:member_id>")
class MemberView(MethodView):
    @blp.arguments(MemberRemovalSchema, location="query")
    @blp.response(204)
    def delete(self, args, group_id, member_id):
        """Remove a member: their data stays, their devices are signed out."""
        group = require_group(group_id, Role.ORGANISER)
        members.remove_member(group, member_id, args["revoke_invite"])


@blp.route("/groups/<int:group_id>/members/<int:member_id>/devices")
class MemberDevices(MethodView):
    @blp.response(200, DeviceSchema(many=True))
    def get(self, group_id, member_id):
        """A member's devices that can still sign in, newest first (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        return members.member_devices(group, member_id)


@blp.route("/groups/<int:group_id>/members/<int:member_id>/devices/<int:device_id>")
class MemberDevice(MethodView):
    @blp.response(204)
    def delete(self, group_id, member_id, device_id):
        """Sign out one of a member's devices; she stays a member (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        members.revoke_member_device(group, member_id, device_id)


@blp.route("/groups/<int:group_id>/members/<int:member_id>/sign-in-link")
class MemberSignInLink(MethodView):
    @blp.response(200, SignInLinkSchema)
    def get(self, group_id, member_id):
        """The member's sign-in link that still works (organisers); 404 when none does."""
        group = require_group(group_id, Role.ORGANISER)
        return _sign_in_link_view(*members.member_sign_in_link(group, member_id))

    @blp.response(201, SignInLinkSchema)
    def post(self, group_id, member_id):
        """Make a one-use sign-in link for a member, replacing her earlier one (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        link = members.make_sign_in_link(group, member_id, current_member().id)
        return _sign_in_link_view(*link)

    @blp.response(204)
    def delete(self, group_id, member_id):
        """Revoke the member's unused sign-in links (organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        members.revoke_sign_in_link(group, member_id)


@blp.route("/groups/<int:group_id>/members/<int:member_id>/sign-in-link/qr.svg")
class MemberSignInLinkQr(MethodView):
    @blp.response(200, content_type="image/svg+xml")
    def get(self, group_id, member_id):
        """The member's sign-in link as a QR code to scan with her phone (SVG, organisers)."""
        group = require_group(group_id, Role.ORGANISER)
        link, code = members.member_sign_in_link(group, member_id)
        return _qr_svg(_sign_in_link_view(link, code)["url"])
