"""One error format for every error: `{"code", "message", "errors"?}` with the right status.

Errors are classes with a stable machine code; code raises them anywhere and one handler renders
them. Clients switch on `code`, never on `message`.
"""

import logging

import marshmallow as ma
from flask import jsonify
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import ClientDisconnected, HTTPException

from server.validation import MAX_ERRORS, cap_errors

log = logging.getLogger(__name__)


class ApiError(Exception):
    status = 400
    code = "bad_request"
    message = "The request is not valid."
    # Headers the answer carries (Retry-After on a 503 that will pass later).
    headers: tuple[tuple[str, str], ...] = ()

    def __init__(self, message: str | None = None, errors: dict | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.errors = errors

    def body(self) -> dict:
        return error_body(self.code, self.message, self.errors)


def error_body(code: str, message: str, errors=None) -> dict:
    """The one error format. A long error list is cut to its first messages, with
    `error_count` saying how many there were: a batch of a million bad items must not
    answer a body larger than the request."""
    body = {"code": code, "message": message}
    if errors:
        body["errors"], total = cap_errors(errors)
        if total > MAX_ERRORS:
            body["error_count"] = total
    return body


class ErrorSchema(ma.Schema):
    """The error body as /api/openapi.json documents it: flask-smorest's own default
    documented an integer `code` and a `status` no answer carries, so a client generated from
    the document could not read one refusal."""

    code = ma.fields.String(
        required=True, metadata={"description": "stable machine code, e.g. `not_found`"}
    )
    message = ma.fields.String(required=True, metadata={"description": "a human sentence"})
    errors = ma.fields.Dict(metadata={"description": "what is wrong, by field or place"})
    error_count = ma.fields.Integer(
        metadata={
            "description": f"how many messages `errors` had before it was cut to {MAX_ERRORS}"
        }
    )


class InvalidInput(ApiError):
    status = 422
    code = "invalid_input"
    message = "Some fields are not valid."


class MalformedJson(ApiError):
    status = 400
    code = "malformed_json"
    message = "The request body is not valid JSON."


class RequestIncomplete(ApiError):
    """The body ended before the length its headers declared: the connection was cut while
    it came (a server that reads the body up to its length says so; gunicorn hands over
    what came, which then fails its own check: `hash_mismatch`, `malformed_json`). Nothing
    is wrong with what was sent: sent again, it passes."""

    status = 408
    code = "request_incomplete"
    message = (
        "The request's body ended before its declared length (the connection was cut): "
        "send it again."
    )


class BodyNotJson(ApiError):
    status = 415
    code = "unsupported_media_type"
    message = (
        "The request body must be JSON sent with Content-Type: application/json; nothing was read."
    )


class Unauthenticated(ApiError):
    status = 401
    code = "unauthenticated"
    message = "A valid bearer token is required."


class TokenUnknown(ApiError):
    """A bearer token this database never issued: 401 like any token that stopped working,
    with its own code. Tokens are kept, signed-out ones included, so what a phone meets this
    way is a database restored from a backup made before it joined (or another server's
    database). Signing in cannot help: its member is not in this database either. Joining
    again under the same pseudonym does, and the phone then sends its work again
    (docs/sync-protocol.md, Epochs)."""

    status = 401
    code = "token_unknown"
    message = (
        "This server's database never issued this token: if it was restored from a backup "
        "made before this device joined, join the group again under the same pseudonym, "
        "and this device sends its work again."
    )


class MemberRemoved(ApiError):
    """A token of a member the organisers removed: 401 like any token that stopped working,
    with its own code, so that her phone does not tell her to sign in again (a sign-in link
    or a password admit a removed member no more) but to save her unsent work to a file.
    Only the holder of a token that once worked learns it."""

    status = 401
    code = "member_removed"
    message = "The organisers removed you from this group: this device can no longer sign in."


class BadCredentials(ApiError):
    status = 401
    code = "bad_credentials"
    message = "Group, pseudonym or password is wrong."


class Forbidden(ApiError):
    status = 403
    code = "forbidden"
    message = "Your role in this group does not allow this."


class NotFound(ApiError):
    status = 404
    code = "not_found"
    message = "No such resource, or it is not yours to see."


class InviteInvalid(ApiError):
    status = 410
    code = "invite_invalid"
    message = "This invite is unknown, expired, revoked or used up."


class SignInLinkInvalid(ApiError):
    status = 410
    code = "sign_in_link_invalid"
    message = "This sign-in link is unknown, expired, already used or replaced by a newer one."


class CurrentPasswordWrong(ApiError):
    status = 403
    code = "current_password_wrong"
    message = "A password is already set: give the current one to change it."


class ChangedSinceShown(ApiError):
    status = 409
    code = "changed_since_shown"
    message = (
        "This observation has changed since the version you saw: look at it again before deciding."
    )


class OpenConflicts(ApiError):
    status = 409
    code = "open_conflicts"
    message = (
        "This observation has open conflicts: settle them first (an approval publishes its "
        "values, and sends them to OpenStreetMap)."
    )


class PseudonymTaken(ApiError):
    status = 409
    code = "pseudonym_taken"
    message = "Someone in this group already uses this pseudonym, or one that looks like it."


class PayloadTooLarge(ApiError):
    status = 413
    code = "payload_too_large"
    message = "The request body is too large."


# Codes for errors raised by Flask/werkzeug/flask-smorest themselves, by HTTP status.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
}


def render_api_error(error: ApiError):
    return jsonify(error.body()), error.status, list(error.headers)


def render_http_exception(error: HTTPException):
    """Render werkzeug/flask-smorest errors in the project's format."""
    if isinstance(error, ClientDisconnected):  # werkzeug's 400 "could not understand"
        return render_api_error(RequestIncomplete())
    if isinstance(getattr(error, "exc", None), ValueError) and error.code == 400:
        # webargs aborts with the JSON decoder's ValueError attached when the body is not JSON.
        return render_api_error(MalformedJson())
    code = HTTP_CODES.get(error.code or 500, "http_error")
    messages = (getattr(error, "data", None) or {}).get("messages")
    if messages:
        # flask-smorest nests errors by location ("json", "query"); the location is noise.
        errors = messages.get("json", messages) if len(messages) == 1 else messages
        body = error_body(code, "Some fields are not valid.", errors)
    else:
        body = error_body(code, _sentence(error))
    # Keep what the error says in headers (Retry-After on 429, Allow on 405).
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return jsonify(body), error.code or 500, headers


def _sentence(error: HTTPException) -> str:
    if error.code == 429:
        # Flask-Limiter's description is the limit alone ("10 per 1 minute"), which tells a
        # client neither what happened nor what to do.
        return (
            f"Too many requests from this address (at most {error.description}): wait the "
            "seconds Retry-After gives, then try again."
        )
    return error.description or error.name


def render_unexpected(error: Exception):
    if _database_busy(error):
        # Many writers at once (a whole group syncing after a walk): the request lost its turn,
        # nothing was written, and the same request later will go through. Phones retry 503s.
        log.warning("database busy, answered 503: %s", error)
        body = {"code": "database_busy", "message": "The server is busy; try again shortly."}
        return jsonify(body), 503, [("Retry-After", str(BUSY_RETRY_AFTER_S))]
    log.exception("unhandled error", exc_info=error)
    body = {"code": "internal_error", "message": "Something went wrong on the server."}
    return jsonify(body), 500


BUSY_RETRY_AFTER_S = 5
# PostgreSQL's SQLSTATEs for "lost a race for a lock": lock_not_available, deadlock_detected,
# serialization_failure. Each rolls the transaction back whole.
_BUSY_SQLSTATES = {"55P03", "40P01", "40001"}


def _database_busy(error: Exception) -> bool:
    if not isinstance(error, OperationalError):
        return False
    driver_error = error.orig
    if getattr(driver_error, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    return "database is locked" in str(driver_error)  # SQLite after its busy timeout


def register_error_handlers(app) -> None:
    app.register_error_handler(ApiError, render_api_error)
    app.register_error_handler(HTTPException, render_http_exception)
    app.register_error_handler(Exception, render_unexpected)
