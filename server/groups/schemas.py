"""Bodies of group and walk endpoints."""

from marshmallow import Schema, ValidationError, fields, validate

from server import geo


class GroupSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    slug = fields.String()
    hashtags = fields.String(allow_none=True)
    public_map = fields.Boolean()


class AreaField(fields.Field):
    """A GeoJSON Polygon in the API; a list of (lon, lat) pairs inside the server."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return geo.ring_from_geojson(value)
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else geo.geojson_polygon(value)


class WalkSchema(Schema):
    id = fields.Integer(dump_only=True)
    group_id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    date = fields.Date(load_default=None, allow_none=True)
    area = AreaField(load_default=None, allow_none=True)
    bbox = fields.List(fields.Float(), dump_only=True, allow_none=True)
    # The group's "no third-party tiles" setting, which every walker's map obeys offline too.
    own_tiles_only = fields.Boolean(dump_only=True)
    # When the walk's OSM cameras were last fetched (null: never).
    osm_fetched_at = fields.DateTime(dump_only=True, allow_none=True)
    has_basemap = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "whether GET /walks/{walk_id}/basemap has a map to give "
            "(false: it answers 404 no_basemap)"
        },
    )


class InviteCreateSchema(Schema):
    role = fields.String(load_default="walker", validate=validate.OneOf(["walker", "organiser"]))
    # None: the invite never expires.
    expires_in_days = fields.Integer(
        load_default=30, allow_none=True, validate=validate.Range(min=1, max=365)
    )
    max_uses = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=10_000)
    )


class InvitePreviewSchema(Schema):
    group_name = fields.String()
    role = fields.String()


class InviteSchema(Schema):
    id = fields.Integer()
    # Null for an invite whose code was not kept (made before codes were sealed).
    code = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    role = fields.String()
    expires_at = fields.DateTime(allow_none=True)
    max_uses = fields.Integer(allow_none=True)
    uses = fields.Integer()
    revoked = fields.Boolean()
    created_at = fields.DateTime()


class MemberListSchema(Schema):
    id = fields.Integer()
    pseudonym = fields.String()
    role = fields.String()
    created_at = fields.DateTime()
    # The invite she joined with (null for members made otherwise): removing her may revoke it.
    invite_id = fields.Integer(allow_none=True)


class MemberRemovalSchema(Schema):
    # Also revoke the invite she joined with, so she cannot rejoin with it at once.
    revoke_invite = fields.Boolean(load_default=False)


class SignInLinkSchema(Schema):
    id = fields.Integer()
    # The address to open on the walker's phone (/signin/<code>): one use.
    url = fields.String()
    expires_at = fields.DateTime()
