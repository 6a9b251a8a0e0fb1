"""What the export report, the upload's answer and the review card say about cameras left out."""

from marshmallow import Schema, fields, validate

from sync.osm.skips import SKIPS


class SkippedSchema(Schema):
    """An observation left out of the osmChange, and why (sync/osm/skips.py)."""

    observation = fields.String(allow_none=True)
    code = fields.String(
        validate=validate.OneOf(list(SKIPS)),
        metadata={"description": "stable: the app says it in its own words"},
    )
    reason = fields.String(metadata={"description": "the same in English, for people and logs"})
    osm_node_id = fields.Integer(metadata={"description": "the OSM node the code names"})
    other_observation = fields.String(metadata={"description": "node_taken: who changes it"})
    fields_ = fields.List(
        fields.String(),
        data_key="fields",
        attribute="fields",
        metadata={"description": "bad_tags: the fields at fault"},
    )
    problems = fields.String(metadata={"description": "bad_tags: what is wrong, in English"})
    relations = fields.String(
        metadata={
            "description": "gone_member, now_member: the ids of the relations that list the "
            "node, comma-separated"
        }
    )
    checked = fields.String(
        metadata={
            "description": "newer_survey, gone_newer_survey: the day the node says a mapper "
            "last surveyed it (YYYY-MM-DD)"
        }
    )
    surveyed = fields.String(
        metadata={
            "description": "newer_survey, gone_newer_survey, future_survey_day, "
            "past_survey_day: the observation's survey day (YYYY-MM-DD)"
        }
    )


class CameraNameSchema(Schema):
    kind = fields.String()
    camera_type = fields.String(allow_none=True)
    operator = fields.String(allow_none=True)
    created_by = fields.String(allow_none=True, metadata={"description": "the walker"})
    surveyed_on = fields.Date(allow_none=True)
    created_at = fields.DateTime()
    walk_id = fields.Integer()
