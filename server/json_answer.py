"""Large JSON answers, gzipped for the clients that take it, and named by an ETag where anyone
may ask for the same one again and again.

Some answers are megabytes where camwalk is used at scale, and travel badly:
- **the public map's documents** (server/reports/routes.py, server/coverage/routes.py): one
  per campaign, asked by every visitor a shared link brings; a national campaign's cameras are
  5.4 MB for 20,000, about 380 KB gzipped (bench/public_cameras_bench.py). `conditional_json`
  answers with the JSON Flask would have written, gzipped when the client takes it, and with
  a strong ETag of those bytes: a visitor who comes back gets a 304 and no body, and
  `Cache-Control: no-cache` makes her browser ask each time, so an organiser's change shows on
  the next visit;
- **a walker's sync** (server/observations/routes.py): the pull pages of a large group are
  about 1 KB per camera, and a phone joining a day of action's group pulls them all, on
  whatever signal the street gives. `gzip_json`, run after every request, compresses it, and
  any other JSON answer of 1 KiB or more (a walk's summary, its OSM cameras, an export's
  report);
- **an organiser's review queue** of a day of action's walk: tens of megabytes of cards,
  streamed (server/json_stream.py), compressed as it goes.

Browsers (the PWA's fetch), `requests` and curl's `--compressed` ask for gzip and undo it
without their caller knowing; a client that does not ask gets the JSON as before. The routes
keep their @blp.response (flask-smorest passes a Response through as it is), so their OpenAPI
documents are the same.
"""

import gzip
import hashlib

from flask import Flask, Response, current_app, request

# Revalidated on each visit: the document follows the organisers' review, and a copy kept
# without asking would show a camera they have just taken off the map.
CACHE_CONTROL = "no-cache"

# zlib's usual trade: for these documents level 6 compresses within 10 % of level 9, three
# times faster (25 ms against 84 ms for 20,000 cameras' 5.7 MB).
LEVEL = 6

# Below this an answer is sent as it is: the gzip frame and the CPU would buy nothing.
SMALLEST_GZIPPED = 1024


def takes_gzip() -> bool:
    """Whether the request's Accept-Encoding takes gzip."""
    return request.accept_encodings["gzip"] > 0


def conditional_json(data) -> Response:
    """`data` as Flask's JSON answer, gzipped if the request accepts it, with a strong ETag
    of the bytes sent: a 304 with no body when If-None-Match names them (compared before
    anything is compressed)."""
    body = current_app.json.response(data).get_data()
    digest = hashlib.blake2b(body, digest_size=16).hexdigest()
    gzipped = takes_gzip()
    response = Response(mimetype="application/json")
    # Another representation, another tag (RFC 9110: a strong tag names the bytes).
    response.set_etag(f"{digest}-gzip" if gzipped else digest)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.add("Accept-Encoding")
    if request.if_none_match.contains_weak(response.get_etag()[0]):
        response.status_code = 304
    elif gzipped:
        _set_gzipped(response, body)
    else:
        response.set_data(body)
    return response


def install_json_gzip(app: Flask) -> None:
    """Every JSON answer of `app` gzipped when the request takes it (`gzip_json`)."""
    app.after_request(gzip_json)


def gzip_json(response: Response) -> Response:
    """`response` gzipped if it is JSON held whole (a stream compresses itself as it goes,
    server/json_stream.py), not encoded yet (the public documents choose their own ETag),
    large enough to gain by it, and the request takes gzip."""
    if not response.is_json or response.is_streamed or "Content-Encoding" in response.headers:
        return response
    response.vary.add("Accept-Encoding")
    length = response.content_length
    if length is not None and length >= SMALLEST_GZIPPED and takes_gzip():
        _set_gzipped(response, response.get_data())
    return response


def _set_gzipped(response: Response, body: bytes) -> None:
    """`body` as `response`'s data, gzipped (no time in the header: the same JSON is the same
    bytes, as its ETag says)."""
    response.set_data(gzip.compress(body, compresslevel=LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
