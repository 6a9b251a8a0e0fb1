"""Small hand-drawn scenes for coverage tests: shapes given in metres, turned into the lon/lat
GeoJSON features a walk basemap serves, around one origin."""

from sync.geodesy import LocalFrame

ORIGIN = LocalFrame(5.3812345, 43.2961234)  # Marseille, Noailles


def lonlat(x: float, y: float) -> list[float]:
    return list(ORIGIN.to_lonlat(x, y))


def street(name, *points) -> dict:
    return _feature("street", name, "LineString", [lonlat(*p) for p in points])


def path(name, *points) -> dict:
    return _feature("path", name, "LineString", [lonlat(*p) for p in points])


def building(x0, y0, x1, y1) -> dict:
    ring = [lonlat(x, y) for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]
    return _feature("building", None, "Polygon", [ring])


def _feature(layer, name, kind, coordinates) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": kind, "coordinates": coordinates},
        "properties": {"layer": layer, "name": name},
    }
