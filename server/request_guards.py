"""Guards run before every request, so that no endpoint has to remember them.

- A request body that is not declared JSON (`Content-Type: application/json`, or any
  `application/*+json`) is refused with 415 `unsupported_media_type`, except where an endpoint
  takes raw bytes (`RAW_BODY`: a photo as taken). The JSON reader skips such a body without a
  word, so a sync batch sent as `text/plain` (what fetch() declares for a string body) had its
  changes dropped and was answered 200; a clear refusal is the one answer a client can act on.
  Not read as JSON anyway: `text/plain` is a type a page of another site may POST without
  asking the browser first, and a body that says it is something else is not taken on trust.
- Text no database can store, a NUL character or a lone UTF-16 surrogate, anywhere in the
  path, the query string or a JSON body is refused: no name, note or id needs it. In the path
  it names nothing (404); in the query or the body it is a 422 that says where.
- A JSON body nested deeper than `MAX_JSON_DEPTH`, or holding a number literal longer than any
  column, is refused (422) before the decoder or a schema can crash on it.

Bodies holding items that are refused one by one are the exception for that text, in the
parts listed in `TEXT_CHECKED_BY_VIEW`: a sync batch refuses one change holding such text on
its own and applies the rest, and a walker file leaves that change out and imports the rest
(`server.observations.schemas.ChangeSchema` checks each change with
`server.validation.unstorable_text_problem`); a walker file's features are for people and never
read. Depth and number length still apply to them: a body that breaks them is not a batch.
"""

import json

from flask import request
from webargs.flaskparser import is_json_request

from server.errors import BodyNotJson, InvalidInput, NotFound
from server.validation import (
    MAX_JSON_DEPTH,
    NumberTooLong,
    bounded_int,
    depth_exceeds,
    unstorable,
    unstorable_text_problem,
)

# (method, URL rule) whose body is raw bytes, not JSON.
RAW_BODY = {("PUT", "/api/v1/photos/<sha256>")}

# (method, URL rule): the parts of its JSON body whose text its own view checks item by item.
TEXT_CHECKED_BY_VIEW = {
    ("POST", "/api/v1/groups/<int:group_id>/sync"): (("changes",),),
    ("POST", "/api/v1/groups/<int:group_id>/walker-files"): (
        ("features",),
        ("camwalk_walker_file", "changes"),
    ),
}


def install_request_guards(app) -> None:
    app.before_request(guard_request)


def guard_request() -> None:
    if unstorable(request.path):
        raise NotFound()
    bad_query = {
        name: [problem]
        for name, value in request.args.items(multi=True)
        if (problem := unstorable(name) or unstorable(value))
    }
    if bad_query:
        raise InvalidInput(errors={"query": dict(sorted(bad_query.items()))})
    rule = request.url_rule.rule if request.url_rule else None
    if rule is None or (request.method, rule) in RAW_BODY or not _has_body():
        return  # no route (404, 405), raw bytes, or nothing to read
    if not is_json_request(request):
        raise BodyNotJson()
    body = _decode_json()
    if body is None:
        return
    if depth_exceeds(body, MAX_JSON_DEPTH):
        raise InvalidInput(errors={"json": [_TOO_DEEP]})
    problems = unstorable_text_problem(
        body, skip=TEXT_CHECKED_BY_VIEW.get((request.method, rule), ())
    )
    if problems:
        raise InvalidInput(errors=problems)


def _has_body() -> bool:
    """From the headers alone: whether the request carries a body."""
    if request.content_length is not None:
        return request.content_length > 0
    return "chunked" in request.headers.get("Transfer-Encoding", "").lower()


_TOO_DEEP = f"JSON nested more than {MAX_JSON_DEPTH} levels deep"


def _decode_json():
    """The body as JSON, or None when it is not JSON at all (the schema answers that)."""
    data = request.get_data(cache=True)
    if not data:
        return None
    try:
        return json.loads(data, parse_int=bounded_int)
    except RecursionError:
        raise InvalidInput(errors={"json": [_TOO_DEEP]}) from None
    except NumberTooLong as error:
        raise InvalidInput(errors={"json": [str(error)]}) from None
    except ValueError:  # not JSON, or not UTF-8: left to webargs, which answers malformed_json
        return None
