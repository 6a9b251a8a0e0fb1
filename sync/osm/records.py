"""Plain records shared by the OSM modules: a node read from OSM and the three osmChange actions.

They are frozen dataclasses with no behaviour so that parsing, planning and writing stay
separate. `ref` on an action is the caller's own key (usually the observation id); the writer
hands it back next to the placeholder id it gave a create, so a diffResult can be mapped home.
`removes_camera` is the one reading of an action that the review, the export report and the
upload each need, kept here so that they cannot tell it differently.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

# Demo cameras (server/demo.py) take ids from here up: 300,000 times OSM's own highest node id
# (about 13 billion in 2026, a billion more a year), so a demo id never names a real node; and
# below 2**53, so the PWA's JavaScript numbers still carry it exactly (2**62 did not).
DEMO_NODE_IDS_FROM = 4_000_000_000_000_000


def is_demo_node(node_id: int) -> bool:
    """A made-up camera of the demo: never modified, deleted or uploaded."""
    return node_id >= DEMO_NODE_IDS_FROM


@dataclass(frozen=True, slots=True)
class OsmNode:
    """A node as OSM holds it now.

    `part_of_way`: True when some way lists it as a vertex, False when data holding the ways
    that use cameras listed none, None when the data held no ways and so said nothing (a
    nodes-only file). Only False lets camwalk move or delete the node.

    `relations`: the ids of the relations that list it as a member (a `type=surveillance`
    relation tying a camera to what it films), read the same way: () when data holding the
    relations that use cameras listed none, None when not known. Only () lets camwalk delete
    it, or take only its camera tags off it (the relation's member would change what it is);
    a relation does not care where its member stands, so a move is free.
    """

    id: int
    version: int
    lat: float
    lon: float
    tags: Mapping[str, str] = field(default_factory=dict)
    part_of_way: bool | None = False
    relations: tuple[int, ...] | None = ()


@dataclass(frozen=True, slots=True)
class Create:
    """A new camera node; the writer gives it the next negative placeholder id."""

    lat: float
    lon: float
    tags: Mapping[str, str]
    ref: Hashable = None


@dataclass(frozen=True, slots=True)
class Modify:
    """The complete final state of an existing node at the version it was read at.

    `removed`: the keys a camera reported gone took off a node that stays, being something
    else too (tags.without_camera); empty for a survey, which never removes a tag."""

    id: int
    version: int
    lat: float
    lon: float
    tags: Mapping[str, str]
    ref: Hashable = None
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Delete:
    """Removal of a node an organiser confirmed gone, that was nothing but the camera; written
    under if-unused."""

    id: int
    version: int
    ref: Hashable = None


Action = Create | Modify | Delete


def removes_camera(action: Action | None) -> bool:
    """Whether `action` takes a camera's tags off a node that stays, being something else too
    (a Modify with `removed`): not a survey's update, and the node is no camera after it."""
    return isinstance(action, Modify) and bool(action.removed)
