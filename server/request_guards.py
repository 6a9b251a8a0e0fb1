"""Guards run before every request, so that no endpoint has to remember them.

- A NUL character anywhere in the path, the query string or a JSON body is refused: PostgreSQL
  cannot store one, and no name, note or id needs it. In the path it names nothing (404); in
  the query or the body it is a 422 that says where.
- A JSON body nested deeper than `MAX_JSON_DEPTH`, or holding a number literal longer than any
  column, is refused (422) before the decoder or a schema can crash on it.

The body of `POST /groups/{id}/sync` is the exception for NULs: a batch refuses one change
with a NUL on its own and applies the rest, so the sync service checks each change with
`server.validation.nul_problem` itself. Depth and number length still apply to it: a body
that breaks them is not a batch at all.
"""

import json

from flask import request
from webargs.flaskparser import is_json_request

from server.errors import InvalidInput, NotFound
from server.validation import (
    MAX_JSON_DEPTH,
    NUL_MESSAGE,
    NumberTooLong,
    bounded_int,
    depth_exceeds,
    has_nul,
    nul_problem,
)

# (method, URL rule) whose JSON body is checked for NULs part by part by its own service.
NUL_CHECKED_BY_VIEW = {("POST", "/api/v1/groups/<int:group_id>/sync")}


def install_request_guards(app) -> None:
    app.before_request(guard_request)


def guard_request() -> None:
    if has_nul(request.path):
        raise NotFound()
    bad_query = sorted({k for k, v in request.args.items(multi=True) if has_nul(k + v)})
    if bad_query:
        raise InvalidInput(errors={"query": {name: [NUL_MESSAGE] for name in bad_query}})
    if request.content_length == 0 or not is_json_request(request):
        return
    body = _decode_json()
    if body is None:
        return
    if depth_exceeds(body, MAX_JSON_DEPTH):
        raise InvalidInput(errors={"json": [_TOO_DEEP]})
    rule = request.url_rule.rule if request.url_rule else None
    if (request.method, rule) not in NUL_CHECKED_BY_VIEW:
        problems = nul_problem(body)
        if problems:
            raise InvalidInput(errors=problems)


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
