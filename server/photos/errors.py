"""Errors of server.photos: each a stable code and HTTP status, rendered by server/errors.py."""

from server.errors import ApiError


class UnsupportedPhotoType(ApiError):
    status = 415
    code = "unsupported_photo_type"
    message = "Photos must be JPEG, PNG, WebP, HEIC/HEIF or TIFF."


class DecompressionBomb(ApiError):
    status = 422
    code = "decompression_bomb"
    message = "The image declares more pixels than camwalk decodes."


class UnreadablePhoto(ApiError):
    status = 422
    code = "unreadable_photo"
    message = "The image is truncated or damaged and cannot be decoded."


class OriginalsStillKept(ApiError):
    status = 409
    code = "originals_still_kept"
    message = "The group keeps originals: turn keep_originals off before deleting them."


class PhotoFileMissing(ApiError):
    status = 409
    code = "photo_file_missing"
    message = "The server holds no file of this photo to render a public copy from."


class CameraNotApproved(ApiError):
    # 409: the photo may be published once its camera is on the public map.
    status = 409
    code = "camera_not_approved"
    message = (
        "No camera the public map shows has this photo: approve its camera first. Boxes can be "
        "saved meanwhile with public false."
    )


class PhotoQuotaExceeded(ApiError):
    # 403 rather than 429: waiting does not help, and clients retry 429 on their own.
    status = 403
    code = "photo_quota_exceeded"
    message = "You have stored as many photos as the server allows one member."


class PhotoTooLarge(ApiError):
    status = 413
    code = "photo_too_large"
    message = "The photo is larger than the server accepts."


class HashMismatch(ApiError):
    status = 422
    code = "hash_mismatch"
    message = "The SHA-256 of the bytes received is not the one in the address."


class PhotoBeingPrepared(ApiError):
    # 409 rather than 404: the photo exists and its copies will; a client shows "being
    # prepared" and asks again later.
    status = 409
    code = "photo_being_prepared"
    message = "The server is still making this photo's copies; ask again in a few seconds."


class PhotoPreparationFailed(ApiError):
    status = 409
    code = "photo_preparation_failed"
    message = "The server could not make copies of this photo."


class PreparationGaveUp(ApiError):
    """Never raised to a client: the failure code of a photo whose jobs kept dying."""

    status = 500
    code = "preparation_gave_up"
    message = "The server started preparing this photo several times and never finished."


# Why a photo could not be prepared, as its receipt and its served copies say it.
FAILURES = {
    error.code: error.message
    for error in (
        UnsupportedPhotoType,
        DecompressionBomb,
        UnreadablePhoto,
        PreparationGaveUp,
    )
} | {
    # PhotoFileMissing's own message is about a public copy (server/photos/publication.py);
    # a photo that lost its file before its copies, or its copies with no original kept, is
    # mended by its bytes sent again.
    PhotoFileMissing.code: "The server lost this photo's file, and has no copy to make "
    "it again from: upload the same photo again.",
}


class PhotoStoreUnavailable(ApiError):
    # 503: nothing is wrong with the photo or the request, and the same request later will go
    # through; phones retry a 503 and keep the photo meanwhile.
    status = 503
    code = "photo_store_unavailable"
    # As database_busy's, a hint: a volume is mounted again when its operator does it.
    headers = (("Retry-After", "60"),)
    message = (
        "The server's photo folder is not there for now (a volume not mounted, a folder it "
        "cannot read): nothing was stored; try again later."
    )
