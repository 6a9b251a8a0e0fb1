"""Each camera's view, kept under everything it depends on, so that one change costs one view.

A view depends on the camera's position, kind, type and directions, on the assumptions in force
and on the basemap: exactly the fields of `view_key`. Adding, moving, turning or merging a
camera changes the key of that camera only; every other view is read from `VIEWS`. The cache
is per process (a view of a dense centre costs about 2 ms to make again, less than a database
round trip to fetch it) and bounded, oldest use out first.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from server.coverage.assumptions import RANGES, Assumptions, profile_name
from server.coverage.scene import Scene
from server.coverage.visibility import camera_view, facade_in_view_m


@dataclass(frozen=True)
class Camera:
    id: str
    lon: float
    lat: float
    kind: str
    camera_type: str | None
    direction: tuple[int, ...] | None
    surveillance: str | None = None


@dataclass(frozen=True)
class View:
    at: tuple[float, float]  # where it looks from, in the scene's metres
    profile: str
    polygons: dict  # range name -> polygon in metres, nested
    facade_m: float  # building wall within identification range


def view_key(scene: Scene, camera: Camera, assumptions: Assumptions):
    """Everything a view depends on; None for a device that gets no view under `assumptions`."""
    profile = profile_name(camera.kind, camera.camera_type, camera.surveillance)
    if profile is None:
        return None
    angle = assumptions.profiles[profile].angle_deg
    direction = camera.direction or None
    if angle < 360 and direction is None and assumptions.unknown_direction == "skip":
        return None
    looking = tuple(direction) if angle < 360 and direction else None
    return (scene.digest, assumptions.digest, camera.lon, camera.lat, profile, looking)


def compute_view(scene: Scene, camera: Camera, assumptions: Assumptions) -> View:
    profile = profile_name(camera.kind, camera.camera_type)
    settings = assumptions.profiles[profile]
    x, y = scene.frame.to_xy(camera.lon, camera.lat)
    bearings = list(camera.direction) if camera.direction else None
    ranges = {name: settings.range_m(name) for name in RANGES}
    at, polygons = camera_view(scene.occluders, x, y, bearings, settings.angle_deg, ranges)
    facade = facade_in_view_m(
        scene.occluders, *at, polygons["identification"], ranges["identification"]
    )
    return View(at, profile, polygons, facade)


class ViewCache:
    def __init__(self, max_views: int = 20_000):
        self.max_views = max_views
        self._views: OrderedDict = OrderedDict()
        self.computed = 0  # views made rather than found: what tests of incrementality count
        # gunicorn's gthread workers share this cache; two threads may make one view twice
        # (harmless), but must not reorder the dict at once.
        self._lock = threading.Lock()

    def view(self, scene: Scene, camera: Camera, assumptions: Assumptions) -> View | None:
        key = view_key(scene, camera, assumptions)
        if key is None:
            return None
        with self._lock:
            found = self._views.get(key)
            if found is not None:
                self._views.move_to_end(key)
                return found
        made = compute_view(scene, camera, assumptions)
        with self._lock:
            self.computed += 1
            self._views[key] = made
            if len(self._views) > self.max_views:
                self._views.popitem(last=False)
        return made

    def clear(self) -> None:
        with self._lock:
            self._views.clear()
            self.computed = 0


VIEWS = ViewCache()
