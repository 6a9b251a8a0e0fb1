"""Photo receipts and the photo-first import, as the API shows them."""

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_dump,
    validate,
    validates_schema,
)

from server.observations.schemas import UUID
from server.photos.models import PHOTO_STATES
from server.photos.service import failure, standing

SHA256_FIELD = fields.String(validate=validate.Regexp(r"^[0-9a-f]{64}$"))


class ExifSummarySchema(Schema):
    lat = fields.Float(attribute="exif_lat", allow_none=True)
    lon = fields.Float(attribute="exif_lon", allow_none=True)
    altitude_m = fields.Float(attribute="exif_altitude_m", allow_none=True)
    direction_deg = fields.Float(attribute="exif_direction_deg", allow_none=True)
    direction_ref = fields.String(attribute="exif_direction_ref", allow_none=True)
    taken_at = fields.String(allow_none=True)


class FailureSchema(Schema):
    code = fields.String()
    message = fields.String()


class PhotoReceiptSchema(Schema):
    """What the server holds: the app shows "safe on the server" once it has this.

    The bytes are safe as soon as the receipt exists. `width`, `height` and `exif` are read
    by the photo worker and stay empty while `state` is `received`."""

    sha256 = fields.String(attribute="photo.sha256")
    size = fields.Integer(attribute="photo.size_bytes")
    type = fields.String(attribute="photo.media_type")
    width = fields.Integer(attribute="photo.width", allow_none=True)
    height = fields.Integer(attribute="photo.height", allow_none=True)
    received_at = fields.DateTime(attribute="photo.created_at")
    # The photo row itself: the nested schema reads its exif_* columns.
    exif = fields.Function(lambda receipt: ExifSummarySchema().dump(receipt["photo"]))
    state = fields.String(
        metadata={
            "enum": list(PHOTO_STATES),
            "description": "received: copies not made yet (display and thumb answer 409 "
            "photo_being_prepared); prepared; failed: see `failure`",
        }
    )
    failure = fields.Function(
        lambda receipt: receipt["failure"], metadata={"description": "why a failed photo failed"}
    )

    @pre_dump
    def _as_it_stands(self, photo, **kwargs):
        """The row, with its state as it stands now (`service.standing`): a prepared photo
        whose copies are missing reads `failed` while they are, without the row saying so."""
        state, failure_code = standing(photo)
        return {"photo": photo, "state": state, "failure": failure(state, failure_code)}


class OriginalsSchema(Schema):
    """Originals stored (GET) or just deleted (DELETE), and the setting that governs them."""

    keep_originals = fields.Boolean()
    count = fields.Integer()
    size_bytes = fields.Integer()


class PhotoImportSchema(Schema):
    class Meta:
        unknown = RAISE

    photos = fields.List(SHA256_FIELD, required=True, validate=validate.Length(min=1, max=500))
    max_distance_m = fields.Float(load_default=15.0, validate=validate.Range(min=0, max=200))
    max_seconds = fields.Float(load_default=120.0, validate=validate.Range(min=0, max=3600))


class PositionSchema(Schema):
    lat = fields.Float()
    lon = fields.Float()
    accuracy_m = fields.Float(allow_none=True)


class ImportedPhotoSchema(Schema):
    sha256 = fields.String()
    role = fields.String()


class DraftObservationSchema(Schema):
    id = fields.String()
    version = fields.Integer()
    seq = fields.Integer()
    position = fields.Nested(PositionSchema)
    direction = fields.List(fields.Integer(), allow_none=True)
    surveyed_on = fields.String(allow_none=True)
    review_status = fields.String()
    photos = fields.List(fields.Nested(ImportedPhotoSchema))


class SkippedPhotoSchema(Schema):
    sha256 = fields.String()
    code = fields.String(
        metadata={
            "description": "why the photo made no draft: not_uploaded, already_attached, "
            "being_prepared, preparation_failed, no_position or draft_refused (the sync's "
            "rules refused the draft it would make; `message` says why)"
        }
    )
    # Published before `code` and read by clients since: kept, the same value.
    reason = fields.String(metadata={"description": "the same as code"})
    message = fields.String()


class SplitBurstSchema(Schema):
    observations = fields.List(
        fields.String(), metadata={"description": "ids of the drafts cut from the burst"}
    )
    photos = fields.Integer(metadata={"description": "how many photos the burst held"})
    message = fields.String()


class PhotoImportResultSchema(Schema):
    observations = fields.List(fields.Nested(DraftObservationSchema))
    skipped = fields.List(fields.Nested(SkippedPhotoSchema))
    split_bursts = fields.List(
        fields.Nested(SplitBurstSchema),
        metadata={
            "description": "photos that would make one draft but are more than an "
            "observation holds (MAX_PHOTOS_PER_OBSERVATION): the drafts they were cut into"
        },
    )


# Boxes may end a hair past the edge (a client's float arithmetic): tolerated, then clamped.
BOX_EDGE_TOLERANCE = 1e-6
MAX_BLUR_BOXES = 50
_FRACTION = fields.Float(allow_nan=False, validate=validate.Range(min=0, max=1))


class PublicationSchema(Schema):
    """Whether a photo may be shown on the public map, and the boxes to blur there."""

    class Meta:
        unknown = RAISE

    public = fields.Boolean(required=True)
    blur = fields.List(
        fields.List(_FRACTION, validate=validate.Length(equal=4)),
        load_default=list,
        validate=validate.Length(max=MAX_BLUR_BOXES),
    )
    observation_id = fields.String(
        load_default=None,
        validate=UUID,
        metadata={
            "description": "The camera the organiser decided from: published, the photo is "
            "shown beside that camera (and still beside those it was published with), not "
            "beside the other cameras it shows; withdrawn, it is taken off beside that camera "
            "alone (private again once no camera shows it). Without it, published beside every "
            "camera of the public map that shows it, or withdrawn beside every camera."
        },
    )

    @validates_schema  # skipped when a field already failed, so every box is 4 fractions
    def _boxes_inside(self, data, **kwargs):
        problems = {}
        for index, (x, y, w, h) in enumerate(data["blur"]):
            if w <= 0 or h <= 0:
                problems[index] = ["A box needs a width and a height above 0."]
            elif x + w > 1 + BOX_EDGE_TOLERANCE or y + h > 1 + BOX_EDGE_TOLERANCE:
                problems[index] = ["A box must lie inside the image (x + w <= 1, y + h <= 1)."]
        if problems:
            raise ValidationError({"blur": problems})

    @post_load
    def _clamped(self, data, **kwargs):
        data["blur"] = [[x, y, min(w, 1 - x), min(h, 1 - y)] for x, y, w, h in data["blur"]]
        return data


class PublicationViewSchema(Schema):
    sha256 = fields.String()
    public = fields.Boolean()
    blur = fields.List(fields.List(fields.Float()))
    public_url = fields.String(allow_none=True)
    decided = fields.Boolean(
        metadata={"description": "True once an organiser published or withheld the photo."}
    )
    proposed_blur = fields.List(
        fields.List(fields.Float()),
        allow_none=True,
        metadata={
            "description": "Boxes over faces and number plates found by the server, as "
            "[x, y, w, h] fractions; null until the photo has been looked at."
        },
    )
