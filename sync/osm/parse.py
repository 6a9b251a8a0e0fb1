"""Reading existing cameras from OSM: OSM XML (API `map`, JOSM, osmium) and Overpass JSON.

Both readers return plain OsmNode records for the camera nodes only, those a mapper marked as
no longer in use (`disused:man_made=surveillance`) included: a walker who logs a camera beside
one may have found the same device, and the export must say so rather than create a second
node on top of it without a word (sync/osm/matching.py). A camera mapped as a way
or relation (a camera housing drawn as an area) cannot be matched or moved like a node, so it is
listed apart for the report. `part_of_way` is True when the data holds a way listing the node:
such a camera must never be moved or deleted by camwalk. It is False only when the caller
knows the data holds every way that uses a camera (`parent_ways=True`: our own Overpass query,
the API's `map` call, a file the person importing vouches for), and None otherwise.
`relations` are the relations of the data that list the node as a member (93 `type=surveillance`
relations hold 125 of Helsinki's 221 cameras): such a camera must not be deleted either, or the
relation would point at nothing. `parent_relations=True` vouches for them apart: the data holds
every relation that lists a camera (the query's `rel(bn)`, the `map` call's relations, a file
whose maker says so); without it, a camera no relation of the data lists is "not known" (None).
Apart, because a file may hold its cameras' ways and not their relations (Overpass's `way(bn)`
alone): vouched for with the ways, it made every camera "in no relation", and deletable.
Likewise, relations found in data are evidence that a node IS a member, never that it is not:
a file not vouched for adds the relations it names to those known (`known_relations`).

A file does not say which ways it left out. A nodes-only file (`osmium tags-filter …
n/man_made=surveillance`) holds none; one filtered with `w/highway` as well holds complete
highways with every node they use, and still not the building outline a camera sits on (Helsinki
node 316413856). Reading either as "no other way uses it" once let a delete through, so ways
found in data are evidence that a node IS a vertex, never that it is not.

OSM XML is read with iterparse and every element is dropped once read, so memory follows the
number of cameras, not the size of the file.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from os import PathLike
from typing import BinaryIO
from xml.etree.ElementTree import iterparse

from sync.osm.records import OsmNode
from sync.osm.tags import CAMERA_TAG, DISUSED_CAMERA_TAG

Tags = Mapping[str, str]


def is_camera(tags: Tags) -> bool:
    """The test osm.md's Overpass query applies: `man_made=surveillance`."""
    return tags.get(CAMERA_TAG[0]) == CAMERA_TAG[1]


def is_mapped_camera(tags: Tags) -> bool:
    """A camera in use or one marked out of use with the lifecycle prefix
    (`disused:man_made=surveillance`, sync.osm.tags.out_of_use): what the readers keep and
    camwalk's Overpass query asks for."""
    return is_camera(tags) or tags.get(DISUSED_CAMERA_TAG[0]) == DISUSED_CAMERA_TAG[1]


@dataclass
class OsmCameras:
    """Camera nodes read from OSM, and the (type, id) of cameras that are ways or relations.

    `osm_base`: the moment of OSM the data shows, when it says (Overpass's
    `osm3s.timestamp_osm_base`: Overpass lags the API by minutes, so an upload made since is
    not in it yet); None when it does not."""

    nodes: list[OsmNode] = field(default_factory=list)
    not_nodes: list[tuple[str, int]] = field(default_factory=list)
    osm_base: datetime | None = None
    # Whether the data holds every relation listing one of its cameras (`parent_relations`):
    # then each node's `relations` is the whole list, else the part of it the data holds.
    relations_complete: bool = False


def known_relations(
    cached: tuple[int, ...] | None, found: tuple[int, ...] | None, complete: bool
) -> tuple[int, ...] | None:
    """What to keep as a node's relations (None: not known) once data read with
    `relations_complete=complete` says `found` of a node whose known relations were `cached`.
    Complete data is the truth. Other data only adds: a file holding some relations says
    nothing of those it left out, and an entry lost from the list is a relation camwalk no
    longer names to the organiser."""
    if complete:
        return found
    if found is None or cached is None:
        return cached if found is None else found
    return tuple(sorted(set(cached) | set(found)))


def still_gone(version: int, gone_version: int | None) -> bool:
    """Whether data showing a camera node at `version` shows it from before camwalk's upload
    took it out of OSM, which left it at `gone_version` (None: camwalk never did).

    OSM versions only grow: a delete makes a version of its own (one above the one deleted),
    and so does a modify that left only a street lamp's tags. Data at that version or below
    is older than the upload (an Overpass copy minutes behind, an extract made the day
    before): the node stays out of the cache, or the next export deletes it again (OSM: 410
    Gone) and the walker's map shows a camera that is no longer there. A mapper who brings it
    back (undeletes it, tags the camera again) makes a newer version, which comes in."""
    return gone_version is not None and version <= gone_version


def read_osm_xml(
    source: BinaryIO,
    *,
    keep: Callable[[Tags], bool] = is_mapped_camera,
    parent_ways: bool = False,
    parent_relations: bool = False,
) -> OsmCameras:
    """Cameras from an OSM XML binary file object, streamed; the caller opens it (no I/O here).

    `parent_ways=True` says the data holds every way that uses a camera, `parent_relations=True`
    every relation that lists one (the API's `map` call: both); otherwise a camera none of them
    lists is "not known" (see the module docstring).

    OSM XML lists nodes before ways (the API, Overpass, osmium and JOSM all write it so); a
    camera node met after a way could be a vertex the reader missed, so that is an error
    rather than a silent `part_of_way=False`.
    """
    if isinstance(source, str | PathLike):
        raise TypeError("pass an open binary file, not a path: sync/ does no I/O of its own")
    found = OsmCameras(relations_complete=bool(parent_relations))
    vertices: set[int] = set()
    members: dict[int, set[int]] = {}
    seen_way = False
    for _, element in _top_level_elements(source):
        tags = {tag.get("k"): tag.get("v") for tag in element.iter("tag")}
        if not _in_osm(element):
            continue
        if element.tag == "node" and keep(tags):
            if seen_way:
                raise ValueError(f"camera node {element.get('id')} comes after a way")
            found.nodes.append(_xml_node(element, tags))
        elif element.tag == "way":
            seen_way = True
            vertices.update(int(nd.get("ref")) for nd in element.iter("nd"))
        elif element.tag == "relation":
            for member in element.iter("member"):
                if member.get("type") == "node":
                    members.setdefault(int(member.get("ref")), set()).add(int(element.get("id")))
        if element.tag in ("way", "relation") and keep(tags):
            found.not_nodes.append((element.tag, int(element.get("id"))))
    found.nodes = _mark_parents(found.nodes, vertices, members, parent_ways, parent_relations)
    return found


def _top_level_elements(source):
    """(event, element) for each node, way and relation; each is cleared once handed out."""
    events = iterparse(source, events=("start", "end"))
    _, root = next(events)
    for event, element in events:
        if event == "end" and element.tag in ("node", "way", "relation"):
            yield event, element
            root.clear()  # drop everything read so far: the streaming in "streaming parse"


def _in_osm(element) -> bool:
    # JOSM files also hold deleted objects and new ones with negative ids, not yet in OSM.
    deleted = element.get("visible") == "false" or element.get("action") == "delete"
    return not deleted and not element.get("id", "").startswith("-")


def _xml_node(element, tags: Tags) -> OsmNode:
    node_id = int(element.get("id"))
    version = element.get("version")
    if version is None:
        raise ValueError(f"node {node_id} has no version: download it with metadata")
    lat, lon = float(element.get("lat")), float(element.get("lon"))
    return OsmNode(id=node_id, version=int(version), lat=lat, lon=lon, tags=tags)


def _mark_parents(
    nodes: list[OsmNode],
    vertices: set[int],
    members: dict[int, set[int]],
    ways_held: bool,
    relations_held: bool,
) -> list[OsmNode]:
    """The nodes with what the data says uses them: the ways, evidence that a node is a vertex,
    and the relations, by id; an absence means "none" only when the data holds every parent of
    that kind."""
    absent = False if ways_held else None
    no_relation = () if relations_held else None
    return [
        replace(
            node,
            part_of_way=node.id in vertices or absent,
            relations=tuple(sorted(members[node.id])) if node.id in members else no_relation,
        )
        for node in nodes
    ]


def read_overpass_json(
    answer: Mapping | str | bytes,
    *,
    keep: Callable[[Tags], bool] = is_mapped_camera,
    parent_ways: bool = False,
    parent_relations: bool = False,
) -> OsmCameras:
    """Cameras from an Overpass `[out:json]` answer made with `out meta` (and maybe `center`).

    Ways in the answer mark their `nodes` as vertices, relations their node `members` as theirs.
    Only a query that asked for the parent ways (`parent_ways=True`) can say a camera is on
    none, and for the parent relations (`parent_relations=True`) that it is in none:
    overpass_query asks for both.
    """
    if not isinstance(answer, Mapping):
        answer = json.loads(answer)
    remark = str(answer.get("remark") or "")
    if "error" in remark.lower():
        # Overpass stopped early (timeout, memory) but still answers 200 with what it had: read
        # as the whole truth, it would mark the cameras it did not reach as gone.
        raise ValueError(f"Overpass did not finish: {remark}")
    found = OsmCameras(osm_base=_osm_base(answer), relations_complete=bool(parent_relations))
    vertices: set[int] = set()
    members: dict[int, set[int]] = {}
    for element in answer.get("elements", []):
        tags = element.get("tags") or {}
        if element["type"] == "way" and "nodes" in element:
            vertices.update(element["nodes"])
        if element["type"] == "relation":
            for member in element.get("members") or ():
                if member.get("type") == "node":
                    members.setdefault(int(member["ref"]), set()).add(int(element["id"]))
        if not keep(tags):
            continue
        if element["type"] == "node":
            found.nodes.append(_json_node(element, tags))
        else:
            found.not_nodes.append((element["type"], int(element["id"])))
    found.nodes = _mark_parents(found.nodes, vertices, members, parent_ways, parent_relations)
    return found


def _osm_base(answer: Mapping) -> datetime | None:
    """`osm3s.timestamp_osm_base` ("2026-12-05T09:14:03Z") as an aware UTC datetime, or None
    when the answer has none or one that is not a time."""
    stamp = (answer.get("osm3s") or {}).get("timestamp_osm_base")
    if not isinstance(stamp, str):
        return None
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _json_node(element: Mapping, tags: Tags) -> OsmNode:
    if "version" not in element:
        raise ValueError(f"node {element['id']} has no version: ask Overpass for `out meta`")
    return OsmNode(
        id=int(element["id"]),
        version=int(element["version"]),
        lat=float(element["lat"]),
        lon=float(element["lon"]),
        tags=dict(tags),
    )


def overpass_query(south: float, west: float, north: float, east: float, timeout_s=25) -> str:
    """The Overpass QL for cameras in a box, with the ways and relations that use a camera.

    osm.md's query plus the cameras marked out of use (`disused:man_made`, is_mapped_camera),
    `way(bn.cameras)`: without those ways the answer cannot tell which camera nodes sit on
    a building outline or a fence, and those must not be moved; and `rel(bn.cameras)`: without
    those relations it cannot tell which cameras a relation lists, and those must not be deleted.
    """
    box = f"{south},{west},{north},{east}"
    return (
        f"[out:json][timeout:{int(timeout_s)}];"
        f'(nwr["{CAMERA_TAG[0]}"="{CAMERA_TAG[1]}"]({box});'
        f'nwr["{DISUSED_CAMERA_TAG[0]}"="{DISUSED_CAMERA_TAG[1]}"]({box});)->.cameras;'
        "(.cameras; way(bn.cameras); rel(bn.cameras););"
        "out meta center;"
    )
