"""What camwalk assumes a camera sees: the one table of angles and distances (docs/coverage.md).

A walker records a device's kind, its camera type and the direction(s) it faces, never its lens
or resolution. The field of view is therefore an assumption, written here once with its reason,
and an organiser may change it per campaign (the group's `coverage` setting, validated by
`server.coverage.schemas.CoverageSettingsSchema`).

Distances follow the DORI levels of EN 62676-4: a task needs a pixel density on the target of
250 px/m to identify a stranger (or read a plate), 125 px/m to recognise someone known, 62.5 px/m
to observe (clothing, gestures). A camera `W` pixels wide with a horizontal angle `a` reaches a
density `p` up to `W / (2 p tan(a/2))` metres. Every profile below is a 1080p sensor
(1920 px, still the most common in street installations), with a lens typical of its type:

| profile  | angle | identification | recognition | observation | lens it stands for |
|----------|------:|---------------:|------------:|------------:|--------------------|
| fixed    |   68° |          5.7 m |      11.4 m |      22.8 m | 4 mm on a 1/2.8" sensor |
| dome     |  360° |          3.2 m |       6.4 m |      12.9 m | 2.8 mm (~100°) under a bubble |
| panning  |  360° |         50 m   |     100 m   |     200 m   | a PTZ zoomed to ~8.8° (7×) |
| alpr     |   30° |         14.3 m |      28.7 m |      57.3 m | a narrow plate-reading lens |

Domes and panning cameras get a full circle: a dome's lens cannot be seen through its smoked
cover, and a panning camera can be turned anywhere by its operator. A camera whose type was not
recorded is taken as fixed, the most common type. A fixed camera with no recorded direction is
left out by default (`unknown_direction = "skip"`): the campaign's figures then stay a lower
bound; `"circle"` counts it as seeing all round at the fixed ranges.

Cameras recorded as filming indoors (`surveillance = indoor`) get no view: what they see through
a shop window is not the street. Walls stop every view; glass, trees, vehicles and height are
not modelled.
"""

import json
from dataclasses import dataclass, replace
from hashlib import sha256

RANGES = ("identification", "recognition", "observation")
PROFILES = ("fixed", "dome", "panning", "alpr")
UNKNOWN_DIRECTION = ("skip", "circle")
# Devices that record images; guards and gunshot detectors have no field of view.
SEEING_KINDS = ("camera", "ALPR")


@dataclass(frozen=True)
class Profile:
    angle_deg: float  # horizontal field of view; 360 = all round
    identification_m: float
    recognition_m: float
    observation_m: float

    def range_m(self, name: str) -> float:
        return getattr(self, f"{name}_m")

    @property
    def reach_m(self) -> float:
        """The farthest range: the visibility polygon is cut once at this radius."""
        return self.observation_m


@dataclass(frozen=True)
class Assumptions:
    profiles: dict[str, Profile]
    unknown_direction: str = "skip"
    # A metre of route in view costs this many metres more when choosing the route less seen.
    route_penalty: float = 10.0
    # Facade length (metres) within identification range that flags a camera as looking at
    # windows or entrances.
    facade_flag_m: float = 3.0

    def as_dict(self) -> dict:
        return {
            "profiles": {
                name: {
                    "angle_deg": p.angle_deg,
                    **{f"{r}_m": p.range_m(r) for r in RANGES},
                }
                for name, p in self.profiles.items()
            },
            "unknown_direction": self.unknown_direction,
            "route_penalty": self.route_penalty,
            "facade_flag_m": self.facade_flag_m,
        }

    @property
    def digest(self) -> str:
        """Changes whenever any assumption does: part of every cached view's key."""
        text = json.dumps(self.as_dict(), sort_keys=True)
        return sha256(text.encode()).hexdigest()[:16]


DEFAULTS = Assumptions(
    profiles={
        "fixed": Profile(68, 5.7, 11.4, 22.8),
        "dome": Profile(360, 3.2, 6.4, 12.9),
        "panning": Profile(360, 50, 100, 200),
        "alpr": Profile(30, 14.3, 28.7, 57.3),
    }
)


def from_settings(settings: dict | None) -> Assumptions:
    """The defaults with a campaign's (already validated) changes laid over them."""
    if not settings:
        return DEFAULTS
    profiles = dict(DEFAULTS.profiles)
    for name, changes in (settings.get("profiles") or {}).items():
        profiles[name] = replace(profiles[name], **changes)
    top = {
        name: settings[name]
        for name in ("unknown_direction", "route_penalty", "facade_flag_m")
        if settings.get(name) is not None
    }
    return replace(DEFAULTS, profiles=profiles, **top)


def profile_name(kind: str, camera_type: str | None, surveillance: str | None = None):
    """Which profile a device is seen with, or None for devices that see nothing outside
    (guards, gunshot detectors, and cameras filming indoors)."""
    if kind not in SEEING_KINDS or surveillance == "indoor":
        return None
    if kind == "ALPR":
        return "alpr"
    return camera_type if camera_type in ("dome", "panning") else "fixed"
