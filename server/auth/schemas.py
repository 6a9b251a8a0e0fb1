"""Request and answer bodies of joining and logging in."""

from marshmallow import Schema, ValidationError, fields, validate

from server.auth import pseudonyms

# Pseudonyms are shown to the group: printable, short, no leading/trailing spaces. A list,
# not validate.And: the OpenAPI document reads the length from a Length it can see.
PSEUDONYM = [
    validate.Length(min=1, max=64),
    validate.Regexp(r"^\S(.*\S)?$", error="No leading or trailing spaces."),
]


class Pseudonym(fields.String):
    """A pseudonym, NFC-normalised, refused when it holds invisible or control characters
    (server/auth/pseudonyms.py)."""

    def __init__(self, **kwargs):
        super().__init__(validate=PSEUDONYM, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = pseudonyms.normalise(super()._deserialize(value, attr, data, **kwargs))
        problem = pseudonyms.problem(text)
        if problem:
            raise ValidationError(problem)
        return text


class JoinSchema(Schema):
    invite_code = fields.String(required=True, validate=validate.Length(min=1, max=64))
    pseudonym = Pseudonym(required=True)
    device_label = fields.String(load_default=None, validate=validate.Length(max=100))
    # Random, drawn by the phone before its first try and sent with every try of the same
    # join: a retry whose first answer was lost gets the member it made (service.join_group).
    # At least 128 bits in any encoding; only its SHA-256 is kept.
    join_key = fields.String(load_default=None, validate=validate.Length(min=22, max=128))


class LoginSchema(Schema):
    group = fields.String(required=True, validate=validate.Length(min=1, max=64))
    pseudonym = fields.String(required=True, validate=PSEUDONYM)
    password = fields.String(required=True, validate=validate.Length(min=1, max=1024))
    device_label = fields.String(load_default=None, validate=validate.Length(max=100))


class SignInSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=128))
    device_label = fields.String(load_default=None, validate=validate.Length(max=100))


class MemberSchema(Schema):
    id = fields.Integer()
    pseudonym = fields.String()
    role = fields.String()


class GroupBriefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    slug = fields.String()


class SessionSchema(Schema):
    token = fields.String()
    member = fields.Nested(MemberSchema)
    group = fields.Nested(GroupBriefSchema)


class MeSchema(Schema):
    member = fields.Nested(MemberSchema)
    group = fields.Nested(GroupBriefSchema)
    # Whether she has a password: changing it then needs the current one.
    password_set = fields.Boolean()


class PasswordSchema(Schema):
    # Long rather than complex: a passphrase is easier to type on a phone.
    password = fields.String(required=True, validate=validate.Length(min=10, max=1024))
    # Required when a password is already set (`password_set` in /me): a device token alone
    # must not be enough to choose a password that outlives the device's sign-out.
    current_password = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=1024)
    )


class DeviceSchema(Schema):
    id = fields.Integer()
    label = fields.String(allow_none=True)
    created_at = fields.DateTime()
    last_used_at = fields.DateTime(allow_none=True)
    # True for the device that asked.
    current = fields.Boolean()
