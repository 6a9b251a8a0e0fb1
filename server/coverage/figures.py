"""The figures of a walk's coverage: how much of its streets and open space cameras see.

At each range (identification, recognition, observation) the views of all cameras are merged
into one area, so a metre seen by three cameras counts once in the shares. The most-watched
streets count it once per camera as well (`camera_metres`): a street under three cameras is
more watched than one under a single camera, over the same length.
"""

from collections import defaultdict

import numpy as np
import shapely

from server.coverage.assumptions import RANGES, Assumptions
from server.coverage.scene import Scene
from server.coverage.views import View

TOP_STREETS = 10


def merged(views: list[View]) -> dict:
    """{range: one (multi)polygon} of every view at that range."""
    return {name: shapely.union_all([v.polygons[name] for v in views]) for name in RANGES}


def metres_inside(lines: np.ndarray, area) -> np.ndarray:
    """Per line, its metres inside `area`. Only lines that meet one of the area's parts are
    cut, and by that part alone: cutting every line by a walk's whole coverage is ~20x slower."""
    seen = np.zeros(len(lines))
    parts = shapely.get_parts(area)
    if not len(parts) or not len(lines):
        return seen
    part, line = shapely.STRtree(lines).query(parts, predicate="intersects")
    np.add.at(seen, line, shapely.length(shapely.intersection(lines[line], parts[part])))
    return seen


def length_in(lines: np.ndarray, area) -> float:
    """Metres of `lines` inside `area`."""
    return float(metres_inside(lines, area).sum())


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole > 0 else None


def street_shares(scene: Scene, coverage: dict) -> dict:
    """Per walked layer and range: metres in view and their share of the layer's length."""
    result = {}
    for layer, ways in scene.ways.items():
        result[layer] = {"length_m": round(ways.length_m, 1)}
        for name in RANGES:
            seen = length_in(ways.lines, coverage[name])
            result[layer][name] = {
                "in_view_m": round(seen, 1),
                "share": _share(seen, ways.length_m),
            }
    return result


def public_space_shares(scene: Scene, coverage: dict) -> dict:
    space = scene.public_space
    whole = space.area
    result = {"area_m2": round(whole, 1)}
    for name in RANGES:
        seen = shapely.intersection(space, coverage[name]).area if whole else 0.0
        result[name] = {"in_view_m2": round(seen, 1), "share": _share(seen, whole)}
    return result


def most_watched_streets(scene: Scene, views: list[View], coverage: dict) -> list[dict]:
    """Named streets and paths by metres of camera watching (observation range), most first."""
    lines = np.concatenate([w.lines for w in scene.ways.values()])
    names = np.concatenate([w.names for w in scene.ways.values()])
    named = names != None  # noqa: E711 (an element-wise test on an object array)
    lines, names = lines[named], names[named]
    if not len(lines):
        return []
    tree = shapely.STRtree(lines)
    cameras: dict[str, int] = defaultdict(int)
    camera_metres: dict[str, float] = defaultdict(float)
    for view in views:
        polygon = view.polygons["observation"]
        near = tree.query(polygon, predicate="intersects")
        if not len(near):
            continue
        lengths = shapely.length(shapely.intersection(lines[near], polygon))
        for name in set(names[near][lengths > 0]):
            cameras[name] += 1
        for name, metres in zip(names[near], lengths, strict=True):
            camera_metres[name] += metres
    streets = []
    for name in camera_metres:
        mine = lines[names == name]
        streets.append(
            {
                "name": name,
                "length_m": round(float(shapely.length(mine).sum()), 1),
                "in_view_m": round(length_in(mine, coverage["observation"]), 1),
                "cameras": cameras[name],
                "camera_metres": round(camera_metres[name], 1),
            }
        )
    streets.sort(key=lambda s: (-s["camera_metres"], s["name"]))
    return [s for s in streets if s["camera_metres"] > 0][:TOP_STREETS]


def facade_flags(ids: list[str], views: list[View], assumptions: Assumptions) -> list[dict]:
    """Cameras whose identification range reaches building walls: windows and entrances."""
    flagged = [
        {"camera_id": camera_id, "facade_m": round(view.facade_m, 1)}
        for camera_id, view in zip(ids, views, strict=True)
        if view.facade_m >= assumptions.facade_flag_m
    ]
    return sorted(flagged, key=lambda f: (-f["facade_m"], f["camera_id"]))
