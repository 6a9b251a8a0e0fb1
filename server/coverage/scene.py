"""A walk's basemap in metres: the walls that stop views, the streets they are measured on.

Built from the features of `server.basemap.service.walk_features` (GeoJSON in lon/lat, one
`properties.layer` each), in a `LocalFrame` centred on them. A scene is costly (an index of every
wall edge, the union of every footprint) and changes only when the basemap does, so it is kept
under `digest`, a hash of the features themselves: a refreshed basemap is a new scene, and every
view cached against the old one is simply never asked for again.
"""

import json
from dataclasses import dataclass
from functools import cached_property
from hashlib import sha256

import numpy as np
import shapely

from server.coverage.visibility import Occluders
from sync.geodesy import LocalFrame

WALKED = ("street", "path")


@dataclass(frozen=True)
class Ways:
    """The walkable lines of a layer, with their names (None where OSM has none)."""

    lines: np.ndarray
    names: np.ndarray

    @cached_property
    def length_m(self) -> float:
        return float(shapely.length(self.lines).sum())


class Scene:
    def __init__(self, features: list[dict], area_ring: list[tuple[float, float]] | None = None):
        self.digest = digest(features, area_ring)
        by_layer: dict[str, list[tuple[str, str | None]]] = {}
        for feature in features:
            properties = feature.get("properties") or {}
            text = json.dumps(feature["geometry"])
            by_layer.setdefault(properties.get("layer"), []).append((text, properties.get("name")))
        lonlat = shapely.from_geojson([text for items in by_layer.values() for text, _ in items])
        bounds = shapely.total_bounds(lonlat) if len(lonlat) else None
        if area_ring:
            lons, lats = zip(*area_ring, strict=True)
            centre = ((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
        elif bounds is not None and not np.isnan(bounds).any():
            centre = ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2)
        else:
            centre = (0.0, 0.0)
        self.frame = LocalFrame(*centre)
        self.area = self.project(shapely.Polygon(area_ring)) if area_ring else None

        def layer(name):
            items = by_layer.get(name, [])
            geoms = shapely.from_geojson([text for text, _ in items]) if items else np.array([])
            return self.project(geoms), np.array([n for _, n in items], dtype=object)

        buildings, _ = layer("building")
        self.occluders = Occluders(buildings)
        # Figures are about the walk: streets leaving its area count only up to its edge.
        self.ways = {name: Ways(*_lines(*layer(name), self.area)) for name in WALKED}

    def project(self, geometry):
        """Lon/lat geometry (or an array of them) into this scene's metres."""
        return shapely.transform(geometry, lambda c: np.column_stack(self.frame.to_xy(*c.T)))

    def unproject(self, geometry):
        return shapely.transform(geometry, lambda c: np.column_stack(self.frame.to_lonlat(*c.T)))

    @cached_property
    def public_space(self):
        """Where people may walk or stand: the walk area (or the map's extent) less buildings."""
        outline = self.area
        if outline is None:
            everything = [*self.occluders.footprints, *(w.lines for w in self.ways.values())]
            parts = np.concatenate(
                [np.atleast_1d(np.asarray(p, dtype=object)) for p in everything]
            )
            if not len(parts):
                return shapely.Polygon()
            outline = shapely.box(*shapely.total_bounds(parts))
        return shapely.difference(outline, shapely.union_all(self.occluders.footprints))


def _lines(geoms: np.ndarray, names: np.ndarray, area=None) -> tuple[np.ndarray, np.ndarray]:
    """Single lines only (a multi-line feature becomes one entry per part, same name)."""
    if not len(geoms):
        return np.array([], dtype=object), np.array([], dtype=object)
    if area is not None:
        geoms = shapely.intersection(geoms, area)
    parts, index = shapely.get_parts(geoms, return_index=True)
    keep = shapely.get_type_id(parts) == shapely.GeometryType.LINESTRING
    return parts[keep], names[index[keep]]


def digest(features: list[dict], area_ring=None) -> str:
    text = json.dumps([features, area_ring], sort_keys=True, separators=(",", ":"))
    return sha256(text.encode()).hexdigest()[:20]
