"""A route less seen: the walk between two points that keeps out of cameras' sight.

The street graph joins every street and path of the basemap at shared vertices (OSM ways meet
at shared nodes, hence at identical coordinates). Each edge carries its length and the metres
of it inside the merged observation-range coverage. The route less seen minimises
`length + penalty × metres in view`: with the default penalty of 10, a metre under a camera
costs as much as eleven out of sight, so the route accepts a detour of up to ten times the
filmed length it avoids. The shortest route (length only) is given beside it.

The two ends are taken to the nearest vertex of the graph's largest connected part, which lies
on a street or path; the straight legs from each end to its vertex are part of the route, drawn,
measured and weighed in view like the rest (a walker starting mid-street walks them).
"""

import itertools
from dataclasses import dataclass

import networkx as nx
import numpy as np
import shapely

from server.coverage.figures import metres_inside
from server.coverage.scene import Scene
from server.errors import ApiError

# Coordinates (metres) are rounded to this many decimals to make graph vertices: 1 cm.
VERTEX_DECIMALS = 2
# An end farther than this from any street or path is not "in the walk area" (metres).
MAX_SNAP_M = 150.0


class NoRoute(ApiError):
    status = 422
    code = "no_route"
    message = "No walkable route joins these two points on the walk's map."


@dataclass
class StreetGraph:
    graph: nx.Graph
    vertices: np.ndarray  # (n, 2) metres, index = node id
    joined: np.ndarray  # node ids of the largest connected part, in `tree`'s order
    tree: shapely.STRtree
    covered: object  # the area in view the edges were weighed with


def street_graph(scene: Scene, covered) -> StreetGraph:
    """The walkable graph of `scene`, each edge weighed with its metres inside `covered`."""
    parts = [w.lines for w in scene.ways.values()]
    lines = np.concatenate(parts) if parts else np.array([], dtype=object)
    coords, line = shapely.get_coordinates(lines, return_index=True)
    same = line[:-1] == line[1:]
    start, end = coords[:-1][same], coords[1:][same]
    keys, node = np.unique(
        np.round(np.vstack([start, end]), VERTEX_DECIMALS), axis=0, return_inverse=True
    )
    node = node.reshape(-1)
    u, v = node[: len(start)], node[len(start) :]
    length = np.hypot(*(end - start).T)
    seen = metres_inside(shapely.linestrings(np.stack([start, end], axis=1)), covered)
    graph = nx.Graph()
    for a, b, metres, in_view in zip(
        u.tolist(), v.tolist(), length.tolist(), seen.tolist(), strict=True
    ):
        if a != b and (not graph.has_edge(a, b) or graph[a][b]["length"] > metres):
            graph.add_edge(a, b, length=metres, seen=in_view)
    # Ends are taken only to the largest connected part: a footway cut off by the walk's edge
    # is no place to start a walk from.
    joined = np.array(
        sorted(max(nx.connected_components(graph), key=len, default=set())), dtype=int
    )
    points = shapely.points(keys[joined]) if len(joined) else []
    return StreetGraph(graph, keys, joined, shapely.STRtree(points), covered)


def _snap(streets: StreetGraph, x: float, y: float) -> int:
    if not len(streets.joined):
        raise NoRoute("The walk's map has no street or path to walk along.")
    point = shapely.Point(x, y)
    found = streets.tree.query_nearest(point, max_distance=MAX_SNAP_M)
    if not len(found):
        raise NoRoute("This point is not near any street or path of the walk's map.")
    return int(streets.joined[found[0]])


def _summary(streets: StreetGraph, path: list[int], start, end) -> dict:
    edges = [streets.graph[a][b] for a, b in itertools.pairwise(path)]
    inner = streets.vertices[path]
    legs = [(start, inner[0]), (inner[-1], end)]
    leg_lines = shapely.linestrings([[a, b] for a, b in legs])
    leg_metres = shapely.length(leg_lines)
    leg_seen = metres_inside(leg_lines, streets.covered)
    vertices = np.vstack([[start], inner, [end]])
    # An end on its vertex adds no point of its own.
    keep = np.ones(len(vertices), dtype=bool)
    keep[0], keep[-1] = leg_metres[0] > 0, leg_metres[1] > 0
    return {
        "vertices": vertices[keep],
        "length_m": round(sum(e["length"] for e in edges) + float(leg_metres.sum()), 1),
        "in_view_m": round(sum(e["seen"] for e in edges) + float(leg_seen.sum()), 1),
    }


def routes(
    streets: StreetGraph, start: tuple[float, float], end: tuple[float, float], penalty: float
):
    """The shortest route and the route less seen between two points (metres), each with the
    legs from `start` to the street and from the street to `end`."""
    source, target = _snap(streets, *start), _snap(streets, *end)

    def cost(_a, _b, edge):
        return edge["length"] + penalty * edge["seen"]

    try:
        shortest = nx.dijkstra_path(streets.graph, source, target, weight="length")
        less_seen = nx.dijkstra_path(streets.graph, source, target, weight=cost)
    except nx.NetworkXNoPath as error:
        raise NoRoute() from error
    return {
        "shortest": _summary(streets, shortest, start, end),
        "less_seen": _summary(streets, less_seen, start, end),
    }
