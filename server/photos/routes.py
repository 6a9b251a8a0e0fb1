"""Photo upload, receipts, served copies and the photo-first import."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth.models import Role
from server.auth.permissions import require_group, require_member, require_walk
from server.photos import derivatives, import_, originals, publication, service
from server.photos.schemas import (
    OriginalsSchema,
    PhotoImportResultSchema,
    PhotoImportSchema,
    PhotoReceiptSchema,
    PublicationSchema,
    PublicationViewSchema,
)

blp = Blueprint("photos", __name__, url_prefix="/api/v1", description="Photos")

# Served copies are addressed by their content, so they never change under one address;
# "private" because they are only for members of the group.
CACHE_CONTROL = "private, max-age=31536000, immutable"
_STORE_AWAY = (
    "photo_store_unavailable: the server's photo folder is away (a volume not mounted); "
    "nothing was stored, send again later"
)


@blp.route("/photos/<sha256>")
class PhotoView(MethodView):
    @blp.response(200, PhotoReceiptSchema)
    def get(self, sha256):
        """The receipt of a photo the server holds for the caller's group."""
        member = require_member()
        return service.receipt(member.group_id, sha256)

    @blp.response(201, PhotoReceiptSchema)
    @blp.alt_response(200, schema=PhotoReceiptSchema, description="Already held")
    @blp.alt_response(503, description=_STORE_AWAY)
    def put(self, sha256):
        """Upload a photo's raw bytes, addressed by their SHA-256."""
        member = require_member()
        # Before touching request.stream, which would answer a generic 413 of its own.
        service.refuse_declared_oversize(request.content_length)
        data = service.read_body(request.stream)
        photo, created = service.receive_photo(member, sha256, data)
        return photo, 201 if created else 200


@blp.route("/photos/<sha256>/<any(display, thumb):size>")
class ServedCopyView(MethodView):
    @blp.response(200, description="A JPEG without metadata", content_type=derivatives.MEDIA_TYPE)
    @blp.alt_response(
        409,
        description="photo_being_prepared: the photo worker has not made the copies yet, ask "
        "again in a few seconds; photo_preparation_failed: it never will (see the receipt)",
    )
    @blp.alt_response(503, description=_STORE_AWAY)
    def get(self, sha256, size):
        """The display-size (1600 px) or thumbnail (320 px) copy, stripped of metadata."""
        body = service.served_copy(require_member(), sha256, size)
        response = Response(body, mimetype=derivatives.MEDIA_TYPE)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.set_etag(f"{sha256}-{size}")
        return response.make_conditional(request)


@blp.route("/photos/<sha256>/publication")
class PublicationView(MethodView):
    @blp.response(200, PublicationViewSchema)
    def get(self, sha256):
        """The photo's public state, its boxes, and the faces and plates proposed for blurring."""
        return publication.open_publication(require_member(Role.ORGANISER), sha256)

    @blp.arguments(PublicationSchema)
    @blp.response(200, PublicationViewSchema)
    def put(self, args, sha256):
        """Show a photo on the public map, blurred in the given boxes, or withdraw it."""
        member = require_member(Role.ORGANISER)
        return publication.set_publication(
            member, sha256, args["public"], args["blur"], args["observation_id"]
        )


@blp.route("/groups/<int:group_id>/originals")
class OriginalsView(MethodView):
    @blp.response(200, OriginalsSchema)
    def get(self, group_id):
        """How many original uploads, with their EXIF, the group still stores (organisers)."""
        return originals.stored_originals(require_group(group_id, Role.ORGANISER))

    @blp.response(200, OriginalsSchema)
    def delete(self, group_id):
        """Delete the stored originals once keep_originals is off (organisers)."""
        return originals.delete_originals(require_group(group_id, Role.ORGANISER))


@blp.route("/walks/<int:walk_id>/photo-import")
class PhotoImportView(MethodView):
    @blp.arguments(PhotoImportSchema)
    @blp.response(201, PhotoImportResultSchema)
    def post(self, args, walk_id):
        """Make draft observations from uploaded photos that carry a GPS position."""
        walk = require_walk(walk_id, Role.WALKER)
        return import_.import_photos(
            walk, require_member(), args["photos"], args["max_distance_m"], args["max_seconds"]
        )
