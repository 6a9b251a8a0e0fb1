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
