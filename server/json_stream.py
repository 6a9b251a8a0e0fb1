"""A long JSON list sent as it is written, for the answers too large to build whole.

flask-smorest's @blp.response dumps the view's whole result, then Flask writes all of its
JSON: the dicts, their dumped copy and the text were in memory at once beside what the
view had built. The review queue of a day of action's walk (server/observations/organise.py)
is tens of thousands of cards of a few KB each. `json_list` dumps and writes one batch of
items at a time and lets each item go once written. The route keeps its @blp.response
(flask-smorest passes a Response through as it is), so its OpenAPI document is the same.

The answer has no Content-Length (chunked) and its status is sent before the first item is
dumped: the view builds its items, and meets its errors, before it returns.
"""

import zlib
from collections.abc import Iterator

from flask import Response, current_app
from marshmallow import Schema

from server import collector
from server.json_answer import LEVEL, takes_gzip

# zlib's window bits for a gzip frame (header and trailer) around the deflate stream.
GZIP_WINDOW = 16 + zlib.MAX_WBITS

ITEMS_PER_CHUNK = 200


def json_list(schema: Schema, items: list) -> Response:
    """A 200 answer holding `items` dumped by `schema` (one item at a time), as a JSON array,
    gzipped as it goes when the request takes it (server/json_answer.py): a day of action's
    queue is tens of megabytes of cards that repeat their keys. `items` is emptied as it is
    sent."""
    chunks = _chunks(schema, items, current_app.json.dumps)
    gzipped = takes_gzip()
    response = Response(_gzipped(chunks) if gzipped else chunks, mimetype="application/json")
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


def _gzipped(chunks: Iterator[str]) -> Iterator[bytes]:
    """`chunks` as one gzip stream, a piece sent as each chunk is compressed."""
    stream = zlib.compressobj(LEVEL, zlib.DEFLATED, GZIP_WINDOW)
    for chunk in chunks:
        if piece := stream.compress(chunk.encode()):
            yield piece
    yield stream.flush()


def _chunks(schema: Schema, items: list, dumps) -> Iterator[str]:
    items.reverse()  # popped from the end, in their order
    yield "["
    first = True
    while items:
        # Paused while a batch is dumped (as while the view built the items), not while it
        # is sent: the pause is the whole process's, and an organiser on a slow line takes
        # minutes to read 60,000 cards.
        with collector.paused():
            count = min(ITEMS_PER_CHUNK, len(items))
            batch = [dumps(schema.dump(items.pop()), separators=(",", ":")) for _ in range(count)]
        yield ("" if first else ",") + ",".join(batch)
        first = False
    yield "]"
