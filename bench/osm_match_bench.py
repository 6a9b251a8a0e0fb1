"""Matching observations to OSM cameras: the grid against all pairs (figures printed, no asserts).

Run: .venv/bin/python bench/osm_match_bench.py [observations] [cameras] [sample]
     (default: 10000 100000 40)

The cameras are scattered over a 20 km x 20 km box around Marseille (about 250 per km², far
denser than any real city, so the grid has work to do); half the observations stand a few
metres from one of them, the other half anywhere. All pairs is too slow to run whole, so it
runs on a sample of observations against every camera, and its time is scaled up; the grid
is run on the same sample too, to compare answers as well as times. Times are CPU seconds
(process_time), so other work on a shared machine does not blur them.
"""

import random
import sys
import time

from sync.geodesy import distance_m as haversine_m
from sync.osm.matching import SurveyPoint, compatible, match_observations
from sync.osm.records import OsmNode

SOUTH, WEST, SIZE_DEG = 43.2, 5.3, 0.18
METRE_DEG = 1 / 111_195


def osm_cameras(count: int, rng: random.Random) -> list[OsmNode]:
    kinds = [{}, {}, {"surveillance:type": "camera"}, {"surveillance:type": "ALPR"}]
    return [
        OsmNode(
            number,
            1,
            SOUTH + rng.random() * SIZE_DEG,
            WEST + rng.random() * SIZE_DEG,
            {
                "man_made": "surveillance",
                **rng.choice(kinds),
                "camera:direction": str(rng.randrange(360)),
            },
        )
        for number in range(1, count + 1)
    ]


def observations(count: int, cameras: list[OsmNode], rng: random.Random) -> list[SurveyPoint]:
    points = []
    for number in range(count):
        if number % 2:
            lat, lon = SOUTH + rng.random() * SIZE_DEG, WEST + rng.random() * SIZE_DEG
        else:
            near = rng.choice(cameras)
            lat = near.lat + rng.uniform(-8, 8) * METRE_DEG
            lon = near.lon + rng.uniform(-8, 8) * METRE_DEG
        points.append(SurveyPoint(lat, lon, "camera", [rng.randrange(360)]))
    return points


def all_pairs(points, cameras, max_distance_m=10.0, tolerance_deg=45.0):
    """The plain loop: every distance, then nearest pairs first. Returns (observation, node)."""
    near = (
        (haversine_m(point.lat, point.lon, node.lat, node.lon), i, j)
        for i, point in enumerate(points)
        for j, node in enumerate(cameras)
    )
    pairs = sorted(pair for pair in near if pair[0] <= max_distance_m)
    used_points, used_nodes, matches = set(), set(), []
    for _, i, j in pairs:
        if i in used_points or j in used_nodes:
            continue
        if compatible(points[i], cameras[j].tags, tolerance_deg):
            matches.append((i, j))
            used_points.add(i)
            used_nodes.add(j)
    return sorted(matches)


def timed(function, *arguments, **options):
    started = time.process_time()
    result = function(*arguments, **options)
    return result, time.process_time() - started


def main(observation_count=10_000, camera_count=100_000, sample_size=40) -> None:
    rng = random.Random(6)
    cameras = osm_cameras(camera_count, rng)
    points = observations(observation_count, cameras, rng)
    print(f"{observation_count:,} observations against {camera_count:,} OSM cameras, 10 m")

    result, grid_s = timed(match_observations, points, cameras)
    print(f"  grid matcher:  {grid_s:8.3f} s for all, {len(result.matches):,} matches, "
          f"{len(result.unmatched):,} to create")  # fmt: skip

    sample = points[:sample_size]
    reference, naive_s = timed(all_pairs, sample, cameras)
    grid_sample, grid_sample_s = timed(match_observations, sample, cameras)
    same = sorted((m.observation, m.node) for m in grid_sample.matches) == reference
    naive_all_s = naive_s * observation_count / sample_size
    print(f"  all pairs on {sample_size} observations: {naive_s:8.3f} s "
          f"(grid on the same sample {grid_sample_s:.3f} s, same matches: {same})")  # fmt: skip
    print(f"  all pairs scaled to {observation_count:,}: ~{naive_all_s:,.0f} s")
    print(f"  grid is ~{naive_all_s / grid_s:,.0f}x faster than all pairs")


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:]))
