"""Checks every request needs whatever its endpoint: text the databases can store, JSON of
a sane shape, ids that fit a 64-bit column, and error lists of a bounded size.

Each was a 500 found by probing: PostgreSQL refuses a NUL character in any text value (SQLite
keeps it); a lone UTF-16 surrogate (JSON `"\\ud83d"`, what JavaScript's `slice(0, 255)` in the
middle of an emoji then `JSON.stringify` sends) decodes to a Python string no UTF-8 encoder
takes, so writing a row holding it failed on both engines; Python's JSON decoder recurses once
per nesting level and a 1,000-deep body raised `RecursionError`, a 5,000-digit number
overflowed the integer parser, and an id past the column's width overflowed the database
driver (PostgreSQL's INTEGER holds 31 bits).
`server.request_guards` applies these to every request; the functions are also here for
callers that must check one part of a body on its own (a sync batch refuses one change with a
NUL or a lone surrogate, not the whole batch).
"""

import re
from collections.abc import Iterator

NUL = "\x00"
NUL_MESSAGE = "must not contain a NUL character"
LONE_SURROGATE_MESSAGE = (
    "must not contain a lone UTF-16 surrogate (half a character, e.g. an emoji cut in two)"
)
# Paired escapes ("\ud83d\udcf7") decode to one character; any code point left in this range
# is half of one.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Deepest JSON any endpoint takes is about 7 levels (a sync update of a position); the
# decoder's own limit (about 1,000) is far past what any client sends.
MAX_JSON_DEPTH = 32
# Longest integer literal accepted in a JSON body; ids and counts fit in 19 digits, so a longer
# number still reaches the schema, which says which field is out of range.
MAX_JSON_INT_DIGITS = 100
# An error answer lists at most this many messages, plus how many there were in all.
MAX_ERRORS = 50
# Ids, versions, `seq` and cursors live in INTEGER columns: 32-bit signed on PostgreSQL.
MAX_DB_INTEGER = 2**31 - 1


def unstorable(text: str) -> str | None:
    """Why neither database can store `text` (a NUL, a lone surrogate), or None."""
    if NUL in text:
        return NUL_MESSAGE
    if _SURROGATE.search(text):
        return LONE_SURROGATE_MESSAGE
    return None


def unstorable_locations(
    value, location: tuple = (), skip: frozenset[tuple] = frozenset()
) -> Iterator[tuple[tuple, str]]:
    """Where a JSON value holds text no database can store: the path of each such string
    (key or value), with the reason. The parts at the paths of `skip` are not read.

    Iterative, so that it cannot be made to recurse by deep input."""
    stack = [(location, value)]
    while stack:
        where, item = stack.pop()
        if where in skip:
            continue
        if isinstance(item, str):
            problem = unstorable(item)
            if problem:
                yield where, problem
        elif isinstance(item, dict):
            for key, child in item.items():
                problem = unstorable(key) if isinstance(key, str) else None
                if problem:
                    yield (*where, key), problem
                stack.append(((*where, key), child))
        elif isinstance(item, list):
            stack.extend(((*where, index), child) for index, child in enumerate(item))


def unstorable_text_problem(value, skip: tuple[tuple, ...] = ()) -> dict | None:
    """The errors for the text of a JSON value that no database can store, nested like
    marshmallow's, or None. The parts at the paths of `skip` are left to their owner, and
    not read: a sync batch's changes are checked one by one by its schema."""
    errors: dict = {}
    found = list(unstorable_locations(value, skip=frozenset(skip)))
    # Sorted, a key holding a NUL comes before the NULs inside its value; its message already
    # refuses that whole branch, so they add nothing (and there is no dict to nest them in).
    for where, problem in sorted(found, key=lambda item: [str(p) for p in item[0]]):
        node = errors
        for part in where[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[where[-1] if where else "_schema"] = [problem]
    return errors or None


def depth_exceeds(value, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when containers nest more than `limit` deep (a scalar is depth 0)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class NumberTooLong(ValueError):
    pass


def bounded_int(text: str) -> int:
    """`parse_int` for json.loads: refuses number literals no column could hold."""
    if len(text.removeprefix("-")) > MAX_JSON_INT_DIGITS:
        raise NumberTooLong(f"a number has more than {MAX_JSON_INT_DIGITS} digits")
    return int(text)


def database_id(text: str) -> int | None:
    """The id written in `text` (ASCII digits), or None when it cannot be a row id."""
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_DB_INTEGER else None


def cap_errors(errors, limit: int = MAX_ERRORS) -> tuple[object, int]:
    """The first `limit` messages of a (nested) marshmallow error mapping, and how many
    messages there were in all."""
    kept = 0
    total = 0

    def walk(node):
        nonlocal kept, total
        if isinstance(node, dict):
            out = {}
            for key, child in node.items():
                capped = walk(child)
                if capped not in (None, {}, []):
                    out[key] = capped
            return out
        if isinstance(node, list | tuple):
            out = []
            for child in node:
                capped = walk(child)
                if capped not in (None, {}, []):
                    out.append(capped)
            return out
        total += 1
        if kept < limit:
            kept += 1
            return node
        return None

    return walk(errors), total
