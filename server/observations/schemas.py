"""Bodies of the sync round trip and of the organiser endpoints.

The request schema checks the batch's own shape (cursor, limit, a list of at most MAX_CHANGES
objects) and refuses a bad one whole with 422. Each change is then checked on its own: shapes,
types, UUIDs, ranges and enum values of every field (with the engine's own checks,
`sync.fields.problem`). A change that fails becomes an `InvalidChange` that the push answers
as rejected, with the reasons, while the rest of the batch is applied: one change a phone got
wrong must never keep its other changes queued for ever. What depends on the stored observation
or on the author (unknown observation, organiser-only field, a walk of another group) is the
engine's job and rejects one change too.
"""

import datetime as dt
import re
from dataclasses import dataclass

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates,
    validates_schema,
)
from webargs.fields import DelimitedList

from server.exports.osc import PLANNED_ACTIONS
from server.exports.schemas import SkippedSchema
from server.validation import (
    MAX_DB_INTEGER,  # ids, versions and cursors: INTEGER columns
    unstorable_text_problem,
)
from sync import fields as observation_fields
from sync.changes import Op
from sync.checks import PHOTO_ROLES
from sync.duplicates import TAKEABLE_FIELDS

MAX_CHANGES = 500
# Ids are compared as text everywhere (a phone matches its outbox to the results by
# change_id, and its cameras to the pulled ones by id): one spelling, RFC 4122's output form.
# An id in capitals (Swift's uuidString) was stored lower-cased and answered so, and a client
# keeping its own spelling never matched the answer: its change stayed queued for ever.
UUID = validate.Regexp(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    error="must be a UUID in lower case",
)
# What a refused change's ids are echoed by, as sent, so that its client can drop it.
_UUID_ANY_CASE = re.compile(UUID.regex.pattern, re.IGNORECASE)
SHA256 = validate.Regexp(r"^[0-9a-f]{64}$", error="must be a lowercase SHA-256 hex digest")


class PhoneTime(fields.AwareDateTime):
    """A change's `made_at`: RFC 3339, whose `T` and `Z` may also be written `t` and `z`
    (section 5.6). Python reads only the capitals, so the letters are read as capitals."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.upper()  # digits and signs are unchanged; only t and z are letters
        return super()._deserialize(value, attr, data, **kwargs)


class SyncPhotoRefSchema(Schema):
    sha256 = fields.String(required=True, validate=SHA256)
    role = fields.String(load_default="other", validate=validate.OneOf(PHOTO_ROLES))


class ChangeSchema(Schema):
    change_id = fields.String(required=True, validate=UUID)
    observation_id = fields.String(required=True, validate=UUID)
    op = fields.String(required=True, validate=validate.OneOf([op.value for op in Op]))
    # A phone's local time with its offset (pwa/src/shared/dates.js). Without one it names no
    # instant: a guess would rank it hours off in a conflict, so the change is refused.
    made_at = PhoneTime(
        required=True, error_messages={"invalid_awareness": "must be a time with its UTC offset"}
    )
    walk_id = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=1, max=MAX_DB_INTEGER)
    )
    base_version = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=0, max=MAX_DB_INTEGER)
    )
    fields_ = fields.Dict(data_key="fields", keys=fields.String(), load_default=dict)
    photo = fields.Nested(SyncPhotoRefSchema, allow_none=True)

    @pre_load
    def _text_the_databases_can_store(self, data, **kwargs):
        # Before anything reads the change: the request guard leaves a batch's changes to
        # this check (server/request_guards.py), so that one change holding a NUL or half an
        # emoji is refused alone, whatever key, id or value holds it.
        problems = unstorable_text_problem(data)
        if problems:
            raise ValidationError(problems)
        return data

    @validates("made_at")
    def _made_at_has_a_utc_time(self, value, **kwargs):
        # 9999-12-31T23:59:59-14:00 parses, but is past the last time Python can hold in UTC.
        try:
            value.astimezone(dt.UTC)
        except OverflowError as error:
            raise ValidationError("must be a time that exists in UTC") from error

    @validates_schema
    def _fields_hold_valid_values(self, data, **kwargs):
        errors = {}
        for name, value in data.get("fields_", {}).items():
            problem = _field_problem(data["op"], name, value)
            if problem:
                errors[name] = [problem]
        if not errors:
            errors = {
                name: [problem]
                for name, problem in observation_fields.pair_problems(
                    _values_set(data["op"], data.get("fields_", {}))
                ).items()
            }
        if errors:
            raise ValidationError({"fields": errors})
        if data["op"] in (Op.ATTACH_PHOTO, Op.DETACH_PHOTO) and not data.get("photo"):
            raise ValidationError({"photo": ["a photo change must name the photo"]})

    @validates_schema
    def _keys_belong_to_the_op(self, data, **kwargs):
        # Read by no other op, a walk_id on an update or a photo on a delete would be dropped
        # without a word: the phone, answered `applied`, believes the camera moved walk or
        # the photo went, and nothing did.
        op, errors = data["op"], {}
        if data.get("walk_id") is not None and op != Op.CREATE:
            errors["walk_id"] = [f"{op} changes carry no walk_id: a camera stays in its walk"]
        if data.get("photo") is not None and op not in (Op.ATTACH_PHOTO, Op.DETACH_PHOTO):
            errors["photo"] = [f"{op} changes carry no photo"]
        if errors:
            raise ValidationError(errors)


def _field_problem(op: str, name: str, value) -> str | None:
    if name not in observation_fields.FIELDS:
        return "is not an observation field"
    if op == Op.UPDATE:
        if not isinstance(value, dict) or set(value) != {"old", "new"}:
            return 'an updated field must be {"old": ..., "new": ...}'
        value = value["new"]
    elif op != Op.CREATE:
        return f"{op} changes carry no fields"
    return observation_fields.problem(name, value)


def _values_set(op: str, sent: dict) -> dict:
    """The values a change sets: a create's fields, an update's `new` ones."""
    if op == Op.UPDATE:
        return {name: edit["new"] for name, edit in sent.items()}
    return sent


@dataclass(frozen=True)
class InvalidChange:
    """A change of the batch that failed ChangeSchema: answered rejected, never applied."""

    index: int
    change_id: str | None
    observation_id: str | None
    errors: dict


class ChangeList(fields.List):
    """A list of ChangeSchema objects (and documented so), loaded one change at a time: a
    change that fails is kept as an InvalidChange instead of failing the whole list."""

    def __init__(self, **kwargs):
        super().__init__(fields.Nested(ChangeSchema), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list):
            raise self.make_error("invalid")
        if len(value) > MAX_CHANGES:  # before any change is read: the batch is refused whole
            raise ValidationError(f"at most {MAX_CHANGES} changes per request")
        loaded = []
        for index, item in enumerate(value):
            try:
                loaded.append(self.inner.deserialize(item, **kwargs))
            except ValidationError as error:
                loaded.append(_invalid(index, item, error.normalized_messages()))
        return loaded


def _invalid(index: int, item, errors: dict) -> InvalidChange:
    """The ids of a failed change as far as they can be told, so the phone can match the
    answer to its outbox entry."""

    def uuid_of(key: str) -> str | None:
        value = item.get(key) if isinstance(item, dict) else None
        if isinstance(value, str) and _UUID_ANY_CASE.match(value):
            return value
        return None

    return InvalidChange(index, uuid_of("change_id"), uuid_of("observation_id"), errors)


class SyncRequestSchema(Schema):
    cursor = fields.Integer(
        strict=True, load_default=0, validate=validate.Range(min=0, max=MAX_DB_INTEGER)
    )
    limit = fields.Integer(strict=True, load_default=200, validate=validate.Range(min=1, max=1000))
    epoch = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "the `epoch` of the answer the cursor came from"},
    )
    changes = ChangeList(
        load_default=list,
        metadata={"description": f"at most {MAX_CHANGES}; each is checked on its own"},
    )


class ChangeErrorSchema(Schema):
    code = fields.String()
    message = fields.String()
    errors = fields.Dict(metadata={"description": "for invalid_change: what is wrong, by field"})
    error_count = fields.Integer(
        metadata={"description": "how many messages `errors` had before it was cut (MAX_ERRORS)"}
    )


class ChangeResultSchema(Schema):
    # null for a change refused for its format whose id was no UUID (docs/sync-protocol.md)
    change_id = fields.String(allow_none=True)
    observation_id = fields.String(allow_none=True)
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
    osm_new = fields.Boolean()
    osm_not_node_id = fields.Integer(allow_none=True)
    review_status = fields.String()
    review_note = fields.String(allow_none=True)
    sign = fields.String(allow_none=True)
    sign_pictogram = fields.String(allow_none=True)
    sign_responsible = fields.String(allow_none=True)
    sign_purpose = fields.String(allow_none=True)
    sign_retention = fields.String(allow_none=True)
    sign_rights_contact = fields.String(allow_none=True)
    sign_cnil = fields.String(allow_none=True)
    filmed_by = fields.String(allow_none=True)
    aimed_at_road = fields.String(allow_none=True)
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
    epoch = fields.String()


class ConflictQuerySchema(Schema):
    status = fields.String(load_default="open", validate=validate.OneOf(["open", "resolved"]))
    walk_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_DB_INTEGER))


class ResolveSchema(Schema):
    """Exactly one of `side` (an index into the conflict's sides, 0: the value the field holds
    now) or `value`."""

    side = fields.Integer(strict=True, validate=validate.Range(min=0))  # checked by resolve
    value = fields.Raw(allow_none=True)

    @validates_schema
    def _one_choice(self, data, **kwargs):
        if ("side" in data) == ("value" in data):
            raise ValidationError("give either side or value")


class MergeSchema(Schema):
    other = fields.String(required=True, validate=UUID)
    # Fields the survivor takes from the other even when it has a value of its own; never the
    # review state, which stays the survivor's (sync/duplicates.py says why).
    take = fields.List(
        fields.String(
            validate=validate.OneOf(
                TAKEABLE_FIELDS, error="{input} is not a field a merge takes from the other record"
            )
        ),
        load_default=list,
    )


class PairSchema(Schema):
    other = fields.String(required=True, validate=UUID)


class ReviewSchema(Schema):
    status = fields.String(
        required=True, validate=validate.OneOf(observation_fields.REVIEW_STATUSES)
    )
    note = fields.String(allow_none=True, validate=validate.Length(max=2000))
    version = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=MAX_DB_INTEGER),
        metadata={
            "description": "The version of the observation the organiser decided on (the "
            "review card's): if it has changed since, nothing is decided and the answer is "
            "409 changed_since_shown. Without it, the decision is on the observation as it is."
        },
    )
    keep_approved = fields.Boolean(
        load_default=False,
        metadata={
            "description": "With status approved: keep the approved version, undoing in the "
            "same change every field edited since approval (the history keeps the edit). "
            "Rejecting would withdraw the camera from the public map and the OSM export."
        },
    )


# Cards a review answer may be asked for by id: a URL naming this many stays within the 4,094
# bytes gunicorn takes for a request line (37 bytes an id). The review screen asks for the
# whole queue when a decision concerns more.
MAX_REVIEW_IDS = 100


class ReviewQuerySchema(Schema):
    status = fields.String(
        load_default="pending", validate=validate.OneOf(observation_fields.REVIEW_STATUSES)
    )
    walk_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_DB_INTEGER))
    ids = DelimitedList(
        fields.String(validate=UUID),
        validate=validate.Length(min=1, max=MAX_REVIEW_IDS),
        metadata={
            "description": f"Only these cards (at most {MAX_REVIEW_IDS}, comma-separated), "
            "those of them in the queue: each as the whole answer has it, its OSM part planned "
            "with the rest of its walk's queue. For the review screen's cards after a decision."
        },
    )


class ReviewPhotoSchema(SyncPhotoRefSchema):
    """A photo as the review screen shows it: with its public-map state."""

    public = fields.Boolean(dump_only=True)
    blur = fields.List(fields.List(fields.Float()), dump_only=True)
    # received until the photo worker has made its copies: shown as "being prepared".
    state = fields.String(dump_only=True)


class OsmNodeViewSchema(Schema):
    """An OSM camera as camwalk last fetched it."""

    id = fields.Integer()
    version = fields.Integer()
    tags = fields.Dict(keys=fields.String(), values=fields.String())
    url = fields.String(metadata={"description": "the node on openstreetmap.org"})
    lat = fields.Float()
    lon = fields.Float()
    distance_m = fields.Float(allow_none=True, metadata={"description": "from the observation"})
    part_of_way = fields.Boolean(allow_none=True, metadata={"description": "null: not known"})


class OsmCandidateSchema(OsmNodeViewSchema):
    taken_by = fields.String(
        allow_none=True,
        metadata={"description": "the observation whose change this node is now, if another"},
    )


class DisagreeingKeySchema(Schema):
    key = fields.String()
    surveyed = fields.String()
    osm = fields.String()


# The review card's and the upload dry run's `disagreeing` (server/observations/osm_review.py
# `disagreeing_view` makes it for both).
DISAGREEING = fields.List(
    fields.Nested(DisagreeingKeySchema),
    metadata={
        "description": "a match by distance to a node whose camera:type or camera:mount says "
        "otherwise: check it is the same camera before uploading"
    },
)


class DisusedNearbySchema(Schema):
    """The export report's `disused_nearby` item (server/exports/osc.py DisusedNearby)."""

    observation = fields.String()
    warning = fields.String(validate=validate.Equal("disused_nearby"))
    osm_node_id = fields.Integer(metadata={"description": "the nearest camera out of use"})
    distance_m = fields.Float()


class TakenNearbySchema(Schema):
    """The export report's `taken_nearby` item (server/exports/osc.py TakenNearby)."""

    observation = fields.String()
    warning = fields.String(validate=validate.Equal("taken_nearby"))
    osm_node_id = fields.Integer(metadata={"description": "the nearest camera another has"})
    distance_m = fields.Float()
    other_observation = fields.String(
        allow_none=True,
        metadata={"description": "the survey that has the node; null: one linked to it elsewhere"},
    )


class OsmChangeSchema(Schema):
    """What the OSM export does with an observation (the export's own matcher and planner)."""

    action = fields.String(
        validate=validate.OneOf(PLANNED_ACTIONS),
        metadata={
            "description": "remove_camera: a camera reported gone whose node stays, being "
            "something else too (a street lamp): only the camera's keys go; nothing: `skip` "
            "says why (`reason`: the same in English)"
        },
    )
    reason = fields.String(allow_none=True)
    skip = fields.Nested(SkippedSchema, allow_none=True)
    once_approved = fields.Boolean(
        metadata={
            "description": "true: not approved (or edited since); this is what the export "
            "does once it is approved as it stands"
        }
    )
    chosen_by = fields.String(
        allow_none=True,
        validate=validate.OneOf(["link", "distance", "new_camera"]),
        metadata={
            "description": "link: osm_node_id names the node (a walker, an organiser's "
            "choice, an upload); distance: the nearest compatible camera; new_camera: the "
            "organiser said it is none; null: no camera in range"
        },
    )
    node = fields.Nested(OsmNodeViewSchema, allow_none=True)
    ambiguous_with = fields.Integer(
        allow_none=True,
        metadata={"description": "another OSM camera nearly as close: GPS cannot tell them apart"},
    )
    not_node = fields.Integer(
        allow_none=True,
        metadata={
            "description": "the OSM node a walker said this camera is not (osm_not_node_id): "
            "never matched to it by distance"
        },
    )
    disagreeing = DISAGREEING
    candidates = fields.List(
        fields.Nested(OsmCandidateSchema),
        metadata={"description": "compatible OSM cameras within matching distance, nearest first"},
    )
    other_kinds = fields.List(
        fields.Nested(OsmCandidateSchema),
        metadata={
            "description": "OSM nodes within matching distance that film but are mapped as "
            "another kind (ALPR by a camera), nearest first: never matched by distance, "
            "an organiser may choose one"
        },
    )
    out_of_use = fields.List(
        fields.Nested(OsmCandidateSchema),
        metadata={
            "description": "OSM cameras within matching distance that a mapper marked as no "
            "longer in use (disused:man_made=surveillance, or disused=yes), nearest first: "
            "never matched by distance, an organiser may choose one; its lifecycle tag stays"
        },
    )
    disused_nearby = fields.Nested(
        DisusedNearbySchema,
        allow_none=True,
        metadata={
            "description": "the warning the osmChange export's report gives this camera, a new "
            "one beside one of `out_of_use` that nobody chose (the same code makes both): "
            "check it is not that device found again; null when the report names none"
        },
    )
    taken_nearby = fields.Nested(
        TakenNearbySchema,
        allow_none=True,
        metadata={
            "description": "the warning the osmChange export's report gives this camera, a new "
            "one within 5 m of one of `candidates` another survey has (the same "
            "code makes both): the same camera logged twice, or a second one there; null when "
            "the report names none"
        },
    )


class PossibleDuplicateSchema(Schema):
    """A pair flagged as possibly one device, as the review card shows it."""

    other = fields.String(metadata={"description": "the other observation's id"})
    distance_m = fields.Float()


class NotDuplicateSchema(Schema):
    """A pair an organiser said is two devices, as the review card shows it."""

    other = fields.String(metadata={"description": "the other observation's id"})
    distance_m = fields.Float()
    by = fields.String(allow_none=True, metadata={"description": "the organiser's pseudonym"})
    at = fields.DateTime()


class ReviewItemSchema(SyncObservationSchema):
    osm_camera = fields.Dict(allow_none=True)
    possible_duplicates = fields.List(
        fields.Nested(PossibleDuplicateSchema),
        metadata={
            "description": "the pairs of duplicate_hints with their distance, the other "
            "record in the queue or not"
        },
    )
    not_duplicates = fields.List(
        fields.Nested(NotDuplicateSchema),
        metadata={
            "description": 'flagged once as possible duplicates, "not the same camera" since: '
            "flagged no more"
        },
    )
    osm_change = fields.Nested(OsmChangeSchema, allow_none=True)
    photos = fields.List(fields.Nested(ReviewPhotoSchema))
    changed_since_approval = fields.Dict(
        allow_none=True,
        metadata={
            "description": "for an observation approved before and edited since: "
            "{field: {approved, now}}; the public map and exports show the approved values"
        },
    )


class DuplicatePairSchema(Schema):
    id = fields.Integer()
    distance_m = fields.Float()
    a = fields.Nested(SyncObservationSchema)
    b = fields.Nested(SyncObservationSchema)


class PairDecisionSchema(Schema):
    """An organiser's answer to a duplicate hint: `dismissed` ("not the same camera", flagged
    no more) or `open` (flagged, a question again)."""

    observation_id = fields.String()
    other = fields.String()
    distance_m = fields.Float()
    status = fields.String(validate=validate.OneOf(["open", "dismissed"]))
    dismissed_by = fields.String(allow_none=True)
    dismissed_at = fields.DateTime(allow_none=True)


class ClearedDismissalSchema(Schema):
    by = fields.String(allow_none=True, metadata={"description": "the organiser's pseudonym"})
    at = fields.DateTime()


class MergeAnswerSchema(SyncObservationSchema):
    """The survivor of a merge, as a sync pull gives it, and what the merge overrode."""

    not_duplicate_cleared = fields.Nested(
        ClearedDismissalSchema,
        allow_none=True,
        metadata={
            "description": 'who said the pair was "not the same camera", and when: the merge '
            "cleared it (each record's history keeps it); null when nobody had"
        },
    )


class ReviewAnswerSchema(Schema):
    result = fields.Nested(ChangeResultSchema)
    observation = fields.Nested(SyncObservationSchema)


class OsmChoiceSchema(Schema):
    """Exactly one of `osm_node_id` (this OSM node) or `new_camera: true` (no OSM node)."""

    osm_node_id = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=observation_fields.OSM_ID_MAX)
    )
    new_camera = fields.Boolean(validate=validate.Equal(True))

    @validates_schema
    def _one_choice(self, data, **kwargs):
        if ("osm_node_id" in data) == ("new_camera" in data):
            raise ValidationError("give either osm_node_id or new_camera: true")


class OsmChoiceAnswerSchema(Schema):
    result = fields.Nested(
        ChangeResultSchema,
        allow_none=True,
        metadata={"description": "null when the observation already had this choice"},
    )
    observation = fields.Nested(SyncObservationSchema)
