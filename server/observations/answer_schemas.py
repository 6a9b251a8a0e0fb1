"""Response schemas of the organiser endpoints (conflicts, history), so that the OpenAPI
document describes what they return. Dumping through them also keeps a view from leaking a
key nobody documented: marshmallow writes only the fields declared here.
"""

from marshmallow import Schema, fields

from server.observations.schemas import SyncObservationSchema


class ConflictSideSchema(Schema):
    value = fields.Raw(allow_none=True)
    change_id = fields.String(allow_none=True)
    member_id = fields.Integer(allow_none=True)
    organiser = fields.Boolean()
    pseudonym = fields.String(allow_none=True)
    made_at = fields.String(allow_none=True, metadata={"description": "ISO 8601"})


class ConflictAnswerSchema(Schema):
    id = fields.Integer()
    key = fields.String(allow_none=True, metadata={"description": "<change_id>/<field>"})
    observation_id = fields.String()
    kind = fields.String(metadata={"description": "field or delete_edit"})
    field = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "open or resolved"})
    base_value = fields.Raw(allow_none=True)
    sides = fields.List(
        fields.Nested(ConflictSideSchema),
        metadata={
            "description": "the value the field holds now (the provisional winner) first, then "
            "the others; more than two when the field took another value since"
        },
    )
    provisional_value = fields.Raw(allow_none=True)
    created_at = fields.String(metadata={"description": "ISO 8601"})
    resolved_at = fields.String(allow_none=True, metadata={"description": "ISO 8601"})
    resolution = fields.Dict(allow_none=True)
    camera = fields.Nested(
        SyncObservationSchema,
        metadata={"description": "the observation it is about, in full as a sync pull gives it"},
    )


class RevisionErrorSchema(Schema):
    code = fields.String()
    message = fields.String()


class HistoryEntrySchema(Schema):
    change_id = fields.String()
    observation_id = fields.String()
    by = fields.String(allow_none=True, metadata={"description": "the member's pseudonym"})
    op = fields.String()
    made_at = fields.String(allow_none=True, metadata={"description": "ISO 8601"})
    received_at = fields.String(metadata={"description": "ISO 8601"})
    base_version = fields.Integer(allow_none=True)
    fields_ = fields.Dict(attribute="fields", data_key="fields", allow_none=True)
    payload = fields.Dict(allow_none=True, metadata={"description": "the change as received"})
    status = fields.String(metadata={"description": "applied, conflict or rejected"})
    version = fields.Integer(allow_none=True)
    conflict_ids = fields.List(fields.String())
    error = fields.Nested(RevisionErrorSchema, allow_none=True)
