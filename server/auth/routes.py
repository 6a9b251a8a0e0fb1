"""Join with an invite, log in with a password, and say who I am."""

from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth import service
from server.auth.permissions import require_member
from server.auth.schemas import (
    DeviceSchema,
    JoinSchema,
    LoginSchema,
    MeSchema,
    PasswordSchema,
    SessionSchema,
    SignInSchema,
)
from server.security import auth_rate_limit, limiter

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="Joining and logging in")


@blp.route("/join")
class Join(MethodView):
    @limiter.limit(auth_rate_limit)
    @blp.doc(security=[])  # open to anyone: no token
    @blp.arguments(JoinSchema)
    @blp.response(201, SessionSchema)
    def post(self, args):
        """Join a group with an invite code and a pseudonym; returns a device token."""
        member, token = service.join_group(
            args["invite_code"], args["pseudonym"], args["device_label"], args["join_key"]
        )
        return {"token": token, "member": member, "group": member.group}


@blp.route("/login")
class Login(MethodView):
    @limiter.limit(auth_rate_limit)
    @blp.doc(security=[])  # open to anyone: no token
    @blp.arguments(LoginSchema)
    @blp.response(200, SessionSchema)
    def post(self, args):
        """Log in with group, pseudonym and password; returns a device token."""
        member, token = service.log_in(
            args["group"], args["pseudonym"], args["password"], args["device_label"]
        )
        return {"token": token, "member": member, "group": member.group}


@blp.route("/sign-in")
class SignIn(MethodView):
    @limiter.limit(auth_rate_limit)
    @blp.doc(security=[])  # open to anyone: no token
    @blp.arguments(SignInSchema)
    @blp.response(200, SessionSchema)
    def post(self, args):
        """Sign this device in with an organiser's one-use sign-in link; returns a token."""
        member, token = service.sign_in_with_link(args["code"], args["device_label"])
        return {"token": token, "member": member, "group": member.group}


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MeSchema)
    def get(self):
        """The member and group behind the bearer token."""
        member = require_member()
        return {
            "member": member,
            "group": member.group,
            "password_set": service.has_password(member),
        }


@blp.route("/me/password")
class MyPassword(MethodView):
    @blp.arguments(PasswordSchema)
    @blp.response(204)
    def put(self, args):
        """Set my password (changing one needs it); my other devices are signed out."""
        service.change_password(require_member(), args["password"], args["current_password"])


@blp.route("/logout")
class LogOut(MethodView):
    @blp.response(204)
    def post(self):
        """Sign this device out: its token stops working at once."""
        require_member()
        service.log_out()


@blp.route("/me/devices")
class MyDevices(MethodView):
    @blp.response(200, DeviceSchema(many=True))
    def get(self):
        """My devices that can still sign in, newest first."""
        return service.list_devices(require_member())


@blp.route("/me/devices/<int:device_id>")
class MyDevice(MethodView):
    @blp.response(204)
    def delete(self, device_id):
        """Sign one of my devices out (a lost or sold phone)."""
        service.revoke_device(require_member(), device_id)
