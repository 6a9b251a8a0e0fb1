"""A large JSON answer that anyone may ask again and again: compressed, and named by an ETag.

The public map's cameras (server/reports/routes.py) are one document per campaign, asked by
every visitor a shared link brings, and a national campaign's is megabytes: 5.4 MB for 20,000
cameras, about 250 KB gzipped (bench/public_cameras_bench.py). `conditional_json` answers with
the JSON Flask would have written, gzipped when the client takes it, and with a strong ETag of
those bytes: a visitor who comes back gets a 304 and no body, and `Cache-Control: no-cache`
makes her browser ask each time, so an organiser's change shows on the next visit. The route
keeps its @blp.response (flask-smorest passes a Response through as it is), so its OpenAPI
document is the same.
"""

import gzip
import hashlib

from flask import Response, current_app, request

# Revalidated on each visit: the document follows the organisers' review, and a copy kept
# without asking would show a camera they have just taken off the map.
CACHE_CONTROL = "no-cache"


def conditional_json(data) -> Response:
    """`data` as Flask's JSON answer, gzipped if the request accepts it, with a strong ETag
    of the bytes sent: a 304 with no body when If-None-Match names them (compared before
    anything is compressed)."""
    body = current_app.json.response(data).get_data()
    digest = hashlib.blake2b(body, digest_size=16).hexdigest()
    gzipped = request.accept_encodings["gzip"] > 0
    response = Response(mimetype="application/json")
    # Another representation, another tag (RFC 9110: a strong tag names the bytes).
    response.set_etag(f"{digest}-gzip" if gzipped else digest)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.add("Accept-Encoding")
    if request.if_none_match.contains_weak(response.get_etag()[0]):
        response.status_code = 304
    elif gzipped:
        response.set_data(gzip.compress(body, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
    else:
        response.set_data(body)
    return response
