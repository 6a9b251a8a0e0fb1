"""Streaming osmChange (.osc) writer: actions in, UTF-8 XML out, constant memory.

Every attribute value goes through `xml.sax.saxutils.quoteattr`, the escaping XMLGenerator
itself uses, so `&`, `<`, quotes and newlines (`&#10;`) in mappers' values are escaped by code
that knows XML; only the fixed element names are written as text. Writing the strings directly
instead of through XMLGenerator's method calls makes the writer about three times faster, with
byte-identical output (tests/sync/osm compare both). Actions
may arrive in any order: the writer opens a new <create>/<modify>/<delete> block whenever the
action changes, which osmChange allows, so nothing has to be sorted or held in memory.

A changeset takes at most 10,000 elements; `split_into_parts` and `write_parts` cut a larger
export into several files whose negative placeholder ids never repeat across parts.
"""

import functools
import io
import itertools
import math
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

from sync.osm import CAMWALK_GENERATOR
from sync.osm.records import Action, Create, Delete, Modify, is_demo_node
from sync.osm.tags import check_tags

MAX_ELEMENTS_PER_CHANGESET = 10_000  # OSM API 0.6 limit per changeset

_BLOCKS = {Create: "create", Modify: "modify", Delete: "delete"}
# Characters quoteattr would change (a double quote also changes which quote it picks).
_NEEDS_QUOTEATTR = re.compile(r'[&<>"\n\r\t]').search


def _quoted(value: str) -> str:
    """quoteattr(value), without its seven replace calls for the plain values most tags hold."""
    return quoteattr(value) if _NEEDS_QUOTEATTR(value) else f'"{value}"'


@functools.lru_cache(maxsize=8192)
def _tag_line(key: str, value: str) -> str | None:
    """One <tag/> line, escaped, or None when OSM or XML would refuse the pair (check_tags).

    Kept per pair: a survey repeats a few values (kinds, operators, directions, days), and
    checking and escaping each of them once made the writer about twice as fast. Bounded, so
    memory stays flat."""
    if type(key) is not str or type(value) is not str or check_tags({key: value}):
        return None
    return f"\n      <tag k={_quoted(key)} v={_quoted(value)}/>"


class InvalidElement(ValueError):
    """An action the writer refuses, because OSM or XML would reject it."""


@dataclass
class WrittenPart:
    """What one osmChange file holds; `placeholders` maps each create's id to its `ref`."""

    creates: int = 0
    modifies: int = 0
    deletes: int = 0
    placeholders: dict[int, Hashable] = field(default_factory=dict)

    @property
    def elements(self) -> int:
        return self.creates + self.modifies + self.deletes


class OsmChangeWriter:
    """Writes one osmChange document to a binary file object, one action at a time.

    Use as a context manager. The closing tags are written only when the block ends without
    an exception, so a failed export cannot look complete. `changeset` (for API upload) is put
    on every element; `placeholder_ids` lets several parts share one negative id sequence.
    Creates without a `ref` are not remembered, which keeps memory flat for file exports.
    """

    def __init__(
        self,
        out: BinaryIO,
        *,
        generator: str = CAMWALK_GENERATOR,
        changeset: int | None = None,
        placeholder_ids: Iterator[int] | None = None,
    ):
        self._out = out
        self._generator = generator
        # Written into every element's head: made once here.
        self._changeset_attribute = (
            "" if changeset is None else f' changeset="{_positive(changeset, "changeset")}"'
        )
        self._placeholder_ids = placeholder_ids or itertools.count(-1, -1)
        self._block: str | None = None
        self.written = WrittenPart()

    def __enter__(self) -> "OsmChangeWriter":
        # Our own buffered text layer, strict about encoding: an unencodable character fails
        # instead of becoming a reference XML forbids. Made here, not in __init__, so that it
        # only exists inside the `with` block, whose end detaches it: the caller's file stays
        # open.
        self._text = io.TextIOWrapper(self._out, encoding="utf-8", errors="strict", newline="\n")
        self._write = self._text.write
        self._write('<?xml version="1.0" encoding="utf-8"?>\n')
        self._write(f'<osmChange version="0.6" generator={quoteattr(self._generator)}>')
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        try:
            if error_type is None:
                self._close_block()
                self._write("\n</osmChange>\n")
        finally:
            self._text.flush()
            self._text.detach()  # the caller's file stays open, as it was handed in

    def write(self, action: Action) -> int:
        """Writes one action and returns the node id it carries (the placeholder for a create)."""
        if (block := _BLOCKS[type(action)]) != self._block:
            self._open_block(block)
        if isinstance(action, Create):
            return self._write_create(action)
        if isinstance(action, Modify):
            return self._write_modify(action)
        return self._write_delete(action)

    def _write_create(self, create: Create) -> int:
        node_id = next(self._placeholder_ids)
        if node_id >= 0:
            raise InvalidElement(f"placeholder id {node_id} is not negative")
        head = f'id="{node_id}"{self._changeset_attribute}'
        self._node(head + _coordinates(create.lat, create.lon), create.tags, node_id)
        self.written.creates += 1
        if create.ref is not None:
            self.written.placeholders[node_id] = create.ref
        return node_id

    def _write_modify(self, modify: Modify) -> int:
        head = self._id_and_version(modify.id, modify.version)
        self._node(head + _coordinates(modify.lat, modify.lon), modify.tags, modify.id)
        self.written.modifies += 1
        return modify.id

    def _write_delete(self, delete: Delete) -> int:
        self._node(self._id_and_version(delete.id, delete.version), {}, delete.id)
        self.written.deletes += 1
        return delete.id

    def _id_and_version(self, node_id: int, version: int) -> str:
        node_id = _positive(node_id, "node id")
        if is_demo_node(node_id):
            # Last line of defence: the plan already refuses these (sync/osm/reapply.py).
            raise InvalidElement(f"node {node_id} is a demo camera, not an OSM node")
        version = _positive(version, "version")
        return f'id="{node_id}" version="{version}"{self._changeset_attribute}'

    def _node(self, attributes: str, tags, node_id: int) -> None:
        if not tags:
            self._write(f"\n    <node {attributes}/>")
            return
        try:
            lines = list(map(_tag_line, tags.keys(), tags.values()))
        except TypeError:  # an unhashable value: not text, check_tags says so below
            lines = [None]
        if None in lines:
            problems = check_tags(tags)
            if problems:
                raise InvalidElement(f"node {node_id}: {problems}")
            # Text that is not plain str (a subclass): fine for OSM, not for the cache.
            lines = [f"\n      <tag k={_quoted(k)} v={_quoted(v)}/>" for k, v in tags.items()]
        # Indentation costs little and lets a mapper read or diff the file before uploading.
        self._write(f"\n    <node {attributes}>{''.join(lines)}\n    </node>")

    def _open_block(self, block: str) -> None:
        self._close_block()
        # if-unused: OSM keeps a camera some way or relation still needs instead of failing.
        self._write(f'\n  <{block} if-unused="true">' if block == "delete" else f"\n  <{block}>")
        self._block = block

    def _close_block(self) -> None:
        if self._block is not None:
            self._write(f"\n  </{self._block}>")
            self._block = None


def _positive(number: int, what: str) -> int:
    if isinstance(number, bool) or not isinstance(number, int) or number <= 0:
        raise InvalidElement(f"{what} {number!r} is not a positive integer")
    return number


def _coordinates(lat: float, lon: float) -> str:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidElement(f"position {lat!r}, {lon!r} is not on Earth")
    # OSM's own precision (about 1 cm). A tiny negative rounds to "-0.0000000": drop that sign.
    return f' lat="{lat:.7f}" lon="{lon:.7f}"'.replace('"-0.0000000"', '"0.0000000"')


def write_osmchange(out: BinaryIO, actions: Iterable[Action], **options) -> WrittenPart:
    """Writes all `actions` as one osmChange document; options as for OsmChangeWriter."""
    with OsmChangeWriter(out, **options) as writer:
        for action in actions:
            writer.write(action)
    return writer.written


def split_into_parts(
    actions: Iterable[Action], max_elements: int = MAX_ELEMENTS_PER_CHANGESET
) -> Iterator[list[Action]]:
    """Lists of at most `max_elements` actions, in order, read lazily from `actions`.

    A part is a list, not an iterator, so that a failed upload can write it again; its memory
    is bounded by the changeset limit, not by the size of the export.
    """
    if max_elements < 1:
        raise ValueError("a part holds at least one element")
    actions = iter(actions)
    while part := list(itertools.islice(actions, max_elements)):
        yield part


def write_parts(
    actions: Iterable[Action],
    open_part: Callable[[int], AbstractContextManager[BinaryIO]],
    *,
    max_elements: int = MAX_ELEMENTS_PER_CHANGESET,
    generator: str = CAMWALK_GENERATOR,
    placeholders: bool = True,
) -> list[WrittenPart]:
    """Writes `actions` into as many files as the limit needs; `open_part(0)`, `open_part(1)`, …

    `placeholders=False` leaves each part's placeholders out of what is returned: kept for
    every part, they grow with the export, and a file export has no use for them."""
    placeholder_ids = itertools.count(-1, -1)
    written = []
    for number, part in enumerate(split_into_parts(actions, max_elements)):
        with open_part(number) as out:
            options = {"generator": generator, "placeholder_ids": placeholder_ids}
            counts = write_osmchange(out, part, **options)
        if not placeholders:
            counts.placeholders = {}
        written.append(counts)
    return written
