"""Plain records shared by the OSM modules: a node read from OSM and the three osmChange actions.

They are frozen dataclasses with no behaviour so that parsing, planning and writing stay
separate. `ref` on an action is the caller's own key (usually the observation id); the writer
hands it back next to the placeholder id it gave a create, so a diffResult can be mapped home.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class OsmNode:
    """A node as OSM holds it now.

    `part_of_way`: True when some way lists it as a vertex, False when data holding the ways
    that use cameras listed none, None when the data held no ways and so said nothing (a
    nodes-only file). Only False lets camwalk move or delete the node.
    """

    id: int
    version: int
    lat: float
    lon: float
    tags: Mapping[str, str] = field(default_factory=dict)
    part_of_way: bool | None = False


@dataclass(frozen=True, slots=True)
class Create:
    """A new camera node; the writer gives it the next negative placeholder id."""

    lat: float
    lon: float
    tags: Mapping[str, str]
    ref: Hashable = None


@dataclass(frozen=True, slots=True)
class Modify:
    """The complete final state of an existing node at the version it was read at."""

    id: int
    version: int
    lat: float
    lon: float
    tags: Mapping[str, str]
    ref: Hashable = None


@dataclass(frozen=True, slots=True)
class Delete:
    """Removal of a node an organiser confirmed gone; written under if-unused."""

    id: int
    version: int
    ref: Hashable = None


Action = Create | Modify | Delete
