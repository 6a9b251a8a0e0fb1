"""What the coverage endpoints take and give: a campaign's assumptions and a route's two ends."""

from typing import ClassVar

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from server.coverage.assumptions import PROFILES, RANGES, UNKNOWN_DIRECTION, from_settings

# The farthest range an organiser may assume (metres): a visibility polygon's cost grows with
# the walls within its reach, and no street camera identifies anyone beyond this.
MAX_RANGE_M = 300.0


class ProfileSchema(Schema):
    angle_deg = fields.Float(validate=validate.Range(min=1, max=360))
    identification_m = fields.Float(validate=validate.Range(min=0.5, max=MAX_RANGE_M))
    recognition_m = fields.Float(validate=validate.Range(min=0.5, max=MAX_RANGE_M))
    observation_m = fields.Float(validate=validate.Range(min=0.5, max=MAX_RANGE_M))


class CoverageSettingsSchema(Schema):
    """Changes to the defaults of server/coverage/assumptions.py; what is left out stays."""

    profiles = fields.Dict(
        keys=fields.String(validate=validate.OneOf(PROFILES)), values=fields.Nested(ProfileSchema)
    )
    unknown_direction = fields.String(validate=validate.OneOf(UNKNOWN_DIRECTION))
    route_penalty = fields.Float(validate=validate.Range(min=0, max=100))
    facade_flag_m = fields.Float(validate=validate.Range(min=0, max=100))

    @validates_schema
    def ranges_grow_outwards(self, data, **_):
        for name, profile in from_settings(data).profiles.items():
            radii = [profile.range_m(r) for r in RANGES]
            if radii != sorted(radii):
                raise ValidationError(
                    {name: ["identification ≤ recognition ≤ observation, in metres"]},
                    field_name="profiles",
                )


class LatLonField(fields.Field):
    """A point as `lat,lon` in a query string."""

    default_error_messages: ClassVar = {
        "invalid": "must be lat,lon in degrees, e.g. 43.2961,5.3812"
    }

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            lat, lon = (float(part) for part in str(value).split(","))
        except ValueError as error:
            raise self.make_error("invalid") from error
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise self.make_error("invalid")
        return lon, lat


class RouteQuerySchema(Schema):
    # `from` is a Python keyword: the argument is read as `start`.
    start = LatLonField(required=True, data_key="from")
    end = LatLonField(required=True, data_key="to")
    penalty = fields.Float(load_default=None, validate=validate.Range(min=0, max=100))
