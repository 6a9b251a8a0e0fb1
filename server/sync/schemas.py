"""Bodies of the sync round trip and of the organiser endpoints.

The request schema checks the whole batch before anything is applied: shapes, types, UUIDs,
ranges and enum values of every field (with the engine's own checks, `sync.fields.problem`).
A batch that fails here is refused whole with 422. What depends on the stored observation or
on the author (unknown observation, organiser-only field, a create missing its walk) is the
engine's job and rejects one change only.
"""

import datetime as dt

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from server.validation import MAX_DB_INTEGER
from sync import fields as observation_fields
from sync.changes import Op
from sync.checks import PHOTO_ROLES

MAX_CHANGES = 500
UUID = validate.Regexp(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    error="must be a UUID",
)
SHA256 = validate.Regexp(r"^[0-9a-f]{64}$", error="must be a lowercase SHA-256 hex digest")
# Ids, versions and cursors live in INTEGER columns: a larger number is a 422, not an overflow.
MAX_INT64 = MAX_DB_INTEGER


class SyncPhotoRefSchema(Schema):
    sha256 = fields.String(required=True, validate=SHA256)
    role = fields.String(load_default="other", validate=validate.OneOf(PHOTO_ROLES))


class ChangeSchema(Schema):
    change_id = fields.String(required=True, validate=UUID)
    observation_id = fields.String(required=True, validate=UUID)
    op = fields.String(required=True, validate=validate.OneOf([op.value for op in Op]))
    # A phone's local time with its offset; a time without one is read as UTC.
    made_at = fields.AwareDateTime(required=True, default_timezone=dt.UTC)
    walk_id = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=1, max=MAX_INT64)
    )
    base_version = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=0, max=MAX_INT64)
    )
    fields_ = fields.Dict(data_key="fields", keys=fields.String(), load_default=dict)
    photo = fields.Nested(SyncPhotoRefSchema, allow_none=True)

    @validates_schema
    def _fields_hold_valid_values(self, data, **kwargs):
        errors = {}
        for name, value in data.get("fields_", {}).items():
            problem = _field_problem(data["op"], name, value)
            if problem:
                errors[name] = [problem]
        if errors:
            raise ValidationError({"fields": errors})
        if data["op"] in (Op.ATTACH_PHOTO, Op.DETACH_PHOTO) and not data.get("photo"):
            raise ValidationError({"photo": ["a photo change must name the photo"]})


def _field_problem(op: str, name: str, value) -> str | None:
    if name not in observation_fields.FIELDS:
        return "is not an observation field"
    if op == Op.UPDATE:
        if not isinstance(value, dict) or set(value) != {"old", "new"}:
            return 'an updated field must be {"old": ..., "new": ...}'
        value = value["new"]
    elif op != Op.CREATE:
        return f"a {op} change carries no fields"
    return observation_fields.problem(name, value)


class SyncRequestSchema(Schema):
    cursor = fields.Integer(
        strict=True, load_default=0, validate=validate.Range(min=0, max=MAX_INT64)
    )
    limit = fields.Integer(strict=True, load_default=200, validate=validate.Range(min=1, max=1000))
    changes = fields.List(
        fields.Nested(ChangeSchema),
        load_default=list,
        validate=validate.Length(max=MAX_CHANGES, error="at most {max} changes per request"),
    )


class ChangeErrorSchema(Schema):
    code = fields.String()
    message = fields.String()


class ChangeResultSchema(Schema):
    change_id = fields.String()
    observation_id = fields.String()
    status = fields.String()
    version = fields.Integer(allow_none=True)
    replayed = fields.Boolean()
    conflict_ids = fields.List(fields.String())
    redirected_to = fields.String(allow_none=True)
    error = fields.Nested(ChangeErrorSchema, allow_none=True)


class SyncPositionSchema(Schema):
    lat = fields.Float()
    lon = fields.Float()
    accuracy_m = fields.Float(allow_none=True)


class ConflictValueSchema(Schema):
    value = fields.Raw(allow_none=True)
    pseudonym = fields.String(allow_none=True)
    made_at = fields.String(allow_none=True)


class ConflictDetailSchema(Schema):
    key = fields.String()
    field = fields.String()
    values = fields.List(fields.Nested(ConflictValueSchema))


class SyncObservationSchema(Schema):
    id = fields.String()
    walk_id = fields.Integer()
    version = fields.Integer()
    seq = fields.Integer()
    position = fields.Nested(SyncPositionSchema)
    kind = fields.String()
    surveillance = fields.String(allow_none=True)
    camera_type = fields.String(allow_none=True)
    mount = fields.String(allow_none=True)
    direction = fields.List(fields.Integer(), allow_none=True)
    zone = fields.String(allow_none=True)
    operator = fields.String(allow_none=True)
    height_m = fields.Float(allow_none=True)
    manufacturer = fields.String(allow_none=True)
    model = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    surveyed_on = fields.String(allow_none=True)
    presence = fields.String()
    osm_node_id = fields.Integer(allow_none=True)
    osm_version = fields.Integer(allow_none=True)
    review_status = fields.String()
    review_note = fields.String(allow_none=True)
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    deleted = fields.Boolean()
    merged_into = fields.String(allow_none=True)
    photos = fields.List(fields.Nested(SyncPhotoRefSchema))
    conflicts = fields.List(fields.String())
    conflict_details = fields.List(fields.Nested(ConflictDetailSchema))
    duplicate_hints = fields.List(fields.String())


class SyncAnswerSchema(Schema):
    results = fields.List(fields.Nested(ChangeResultSchema))
    observations = fields.List(fields.Nested(SyncObservationSchema))
    cursor = fields.Integer()
    more = fields.Boolean()


class ConflictQuerySchema(Schema):
    status = fields.String(load_default="open", validate=validate.OneOf(["open", "resolved"]))
    walk_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_INT64))


class ResolveSchema(Schema):
    """Exactly one of `side` (0: the provisional winner, 1: the other value) or `value`."""

    side = fields.Integer(strict=True, validate=validate.Range(min=0, max=1))
    value = fields.Raw(allow_none=True)

    @validates_schema
    def _one_choice(self, data, **kwargs):
        if ("side" in data) == ("value" in data):
            raise ValidationError("give either side or value")


class MergeSchema(Schema):
    other = fields.String(required=True, validate=UUID)
    # Fields the survivor takes from the other even when it has a value of its own.
    take = fields.List(
        fields.String(validate=validate.OneOf(observation_fields.FIELDS)), load_default=list
    )


class ReviewSchema(Schema):
    status = fields.String(
        required=True, validate=validate.OneOf(observation_fields.REVIEW_STATUSES)
    )
    note = fields.String(allow_none=True, validate=validate.Length(max=2000))


class ReviewQuerySchema(Schema):
    status = fields.String(
        load_default="pending", validate=validate.OneOf(observation_fields.REVIEW_STATUSES)
    )
    walk_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_INT64))


class ReviewPhotoSchema(SyncPhotoRefSchema):
    """A photo as the review screen shows it: with its public-map state."""

    public = fields.Boolean(dump_only=True)
    blur = fields.List(fields.List(fields.Float()), dump_only=True)


class ReviewItemSchema(SyncObservationSchema):
    osm_camera = fields.Dict(allow_none=True)
    photos = fields.List(fields.Nested(ReviewPhotoSchema))


class DuplicatePairSchema(Schema):
    id = fields.Integer()
    distance_m = fields.Float()
    a = fields.Nested(SyncObservationSchema)
    b = fields.Nested(SyncObservationSchema)


class ReviewAnswerSchema(Schema):
    result = fields.Nested(ChangeResultSchema)
    observation = fields.Nested(SyncObservationSchema)
