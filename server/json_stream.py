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

from collections.abc import Iterator

from flask import Response, current_app
from marshmallow import Schema

from server import collector

ITEMS_PER_CHUNK = 200


def json_list(schema: Schema, items: list) -> Response:
    """A 200 answer holding `items` dumped by `schema` (one item at a time), as a JSON array.
    `items` is emptied as it is sent."""
    dumps = current_app.json.dumps
    return Response(_chunks(schema, items, dumps), mimetype="application/json")


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
