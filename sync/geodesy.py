"""Distances, bearings, areas and a point grid on the earth: the one place camwalk measures.

Everything is on a sphere of the mean earth radius. At the distances camwalk compares (a few
metres to a few kilometres) a sphere is within 0.5 % of the ellipsoid, far below a phone's GPS
error, and both database engines agreed with these figures to the metre in the same script.

`PointGrid` buckets points in cells at least a given distance wide, so that "everything within
d metres of here" reads a few cells instead of every point: the OSM matcher, the duplicate
finder of a push and the export all use it. `CellReach` files keys the other way round, for
many points asked about few keys (an export's observations against the area's cameras).
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180  # of latitude, about 111.2 km


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def angle_gap_deg(a: float, b: float) -> float:
    """Degrees between two bearings, 0-180 (350° and 10° are 20° apart)."""
    gap = (a - b) % 360
    return min(gap, 360 - gap)


def ring_area_m2(ring: Sequence[tuple[float, float]]) -> float:
    """Area in square metres of a closed or open ring of (lon, lat) corners.

    The spherical excess formula of Chamberlain and Duquette (JPL, 2007), the one Leaflet.draw
    and OpenLayers use: exact enough for a neighbourhood and no projection needed.
    """
    total = 0.0
    corners = list(ring)
    if len(corners) > 1 and corners[0] == corners[-1]:
        corners.pop()
    for (lon1, lat1), (lon2, lat2) in zip(corners, corners[1:] + corners[:1], strict=True):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))
        )
    return abs(total) * EARTH_RADIUS_M**2 / 2


class PointGrid:
    """Keys of points bucketed in cells of equal degrees, at least `reach_m` across.

    Rows: a point within the reach is at most one row away. Columns narrow towards the poles,
    so the number of columns to look at grows with 1/cos(latitude); near a pole the whole row
    is read. Columns wrap around the antimeridian. A key put again moves to its new place.
    """

    def __init__(self, reach_m: float, points: Iterable[tuple[Hashable, float, float]] = ()):
        # A hair of margin so that float rounding can never shrink a cell below the reach.
        self._angle = reach_m / EARTH_RADIUS_M * (1 + 1e-6) + 1e-12
        self._columns = max(1, math.ceil(360 / math.degrees(self._angle)))
        self._cell_deg = 360 / self._columns  # 360 divides evenly, so wrapping stays exact
        self._cells: dict[tuple[int, int], dict[Hashable, None]] = defaultdict(dict)
        self._rows: dict[int, dict[Hashable, None]] = defaultdict(dict)
        self._where: dict[Hashable, tuple[int, int]] = {}
        for key, lat, lon in points:
            self.put(key, lat, lon)

    def put(self, key: Hashable, lat: float, lon: float) -> None:
        """Hold `key` at (lat, lon), moving it if it was elsewhere."""
        self.remove(key)
        cell = self.cell_of(lat, lon)
        # dicts as ordered sets: the same inputs always give the same candidates in one order
        self._cells[cell][key] = None
        self._rows[cell[0]][key] = None
        self._where[key] = cell

    def remove(self, key: Hashable) -> None:
        cell = self._where.pop(key, None)
        if cell is not None:
            self._cells[cell].pop(key, None)
            self._rows[cell[0]].pop(key, None)

    def _row(self, lat: float) -> int:
        return math.floor((lat + 90) / self._cell_deg)

    def cell_of(self, lat: float, lon: float) -> tuple[int, int]:
        return self._row(lat), math.floor((lon + 180) / self._cell_deg) % self._columns

    def near(self, lat: float, lon: float) -> list[Hashable]:
        """Every key that may lie within the reach of (lat, lon), and some farther ones."""
        row = self._row(lat)
        rows = [(near_row, self._rows.get(near_row)) for near_row in (row - 1, row, row + 1)]
        # More columns than the fullest row holds keys: that row is read whole anyway, so
        # the columns need not be listed (near a pole a metre's reach crosses millions).
        most = max((len(in_row) for _, in_row in rows if in_row), default=0)
        columns = self._columns_near(lat, lon, most)
        found: list[Hashable] = []
        for near_row, in_row in rows:
            if not in_row:
                continue
            # Near a pole the cells to visit can outnumber the points: then read the row itself.
            if columns is None or len(columns) >= len(in_row):
                found.extend(in_row)
                continue
            for column in columns:
                cell = self._cells.get((near_row, column))
                if cell:
                    found.extend(cell)
        # A list, not a generator over the cells: a caller may put or remove keys meanwhile.
        return found

    def cells_near(
        self, lat: float, lon: float, max_columns: int | None = None
    ) -> list[tuple[int, int | None]]:
        """The cells a point within the reach of (lat, lon) may lie in, as (row, column);
        (row, None) stands for a whole row. A point whose cell (`cell_of`) is not among them
        is out of reach: a few cameras can mark where many observations need looking at.
        `max_columns`: whole rows rather than more columns than that (near a pole a metre's
        reach crosses a million narrow columns)."""
        row = self._row(lat)
        columns = self._columns_near(lat, lon, max_columns)
        rows = (row - 1, row, row + 1)
        if columns is None:
            return [(near_row, None) for near_row in rows]
        return [(near_row, column) for near_row in rows for column in columns]

    def _columns_near(self, lat: float, lon: float, limit: int | None = None) -> list[int] | None:
        """The columns that may hold a near point, or None for the whole row.

        Only the columns the cap's longitudes cross, not a fixed number either side of the
        point's own: about three instead of five at mid latitudes, the matcher's hot loop."""
        # Widest longitude gap inside a spherical cap of radius angle: asin(sin a / cos lat).
        sin_angle, cos_lat = math.sin(self._angle), math.cos(math.radians(lat))
        if cos_lat <= sin_angle:
            return None  # the cap holds a pole: every longitude is near
        span_deg = math.degrees(math.asin(sin_angle / cos_lat))
        first = math.floor((lon - span_deg + 180) / self._cell_deg)
        last = math.floor((lon + span_deg + 180) / self._cell_deg)
        if last - first + 1 >= self._columns or (limit is not None and last - first >= limit):
            return None
        return [column % self._columns for column in range(first, last + 1)]


class CellReach:
    """Keys of points filed under every cell that a point within `reach_m` of them may lie in.

    The other way round from PointGrid: the search is done once per key, when filed, so that
    a point needs one lookup of its own cell, not a search of the cells around it. That pays
    when points outnumber keys: an export asks about 100,000 observations and 10,000 cameras.
    `max_columns` as for PointGrid.cells_near: beyond it a key is filed under whole rows, so
    that a camera near a pole, whose reach crosses a million narrow columns, is filed a few
    times, not a million.
    """

    def __init__(
        self,
        reach_m: float,
        points: Iterable[tuple[Hashable, float, float]],
        max_columns: int = 64,
    ):
        self._grid = PointGrid(reach_m)
        # A cell is one int (row × columns + column), not a (row, column) tuple, and a cell
        # holding one key holds it bare, not in a tuple of one: most cells of an export's
        # cameras hold one, and those tuples were half of what its 10,000 cameras' filing
        # held (4.4 of 9 MB, bench/osm_server_export_bench.py). A cell of k keys holds a
        # tuple, rebuilt as it grows (k²/2 copies, cheap at the few a cell of metres holds):
        # no list per cell, which the cycle collector would walk. A tuple key is always
        # filed in a tuple, so a bare value is never taken for several keys. Keys filed by
        # whole rows have their own table.
        self._cells: dict[int, Hashable] = {}
        self._rows: dict[int, Hashable] = {}
        self._max_columns = max_columns
        for key, lat, lon in points:
            self.add(key, lat, lon)

    def add(self, key: Hashable, lat: float, lon: float) -> None:
        """Files `key`, at (lat, lon), under the cells within its reach (once per key)."""
        grid, cells, rows = self._grid, self._cells, self._rows
        for row, column in grid.cells_near(lat, lon, self._max_columns):
            if column is None:
                _file(rows, row, key)
            else:
                _file(cells, row * grid._columns + column, key)

    def near(self, lat: float, lon: float) -> tuple[Hashable, ...]:
        """Every key that may lie within the reach of (lat, lon), and some farther ones, each
        once, in the order filed."""
        row, column = self._grid.cell_of(lat, lon)
        found = self._cells.get(row * self._grid._columns + column, ())
        if type(found) is not tuple:
            found = (found,)
        if self._rows:
            # A key is filed either by cells or by whole rows, so the two never share one.
            in_row = self._rows.get(row, ())
            found += in_row if type(in_row) is tuple else (in_row,)
        return found


_EMPTY = object()


def _file(table: dict, cell: int, key: Hashable) -> None:
    """Adds `key` to what `table` holds for `cell`: the key bare if it is the first (and not
    a tuple), else a tuple of them in the order filed."""
    held = table.get(cell, _EMPTY)
    if held is _EMPTY:
        table[cell] = key if type(key) is not tuple else (key,)
    elif type(held) is tuple:
        table[cell] = (*held, key)
    else:
        table[cell] = (held, key)


class LocalFrame:
    """Metres east (x) and north (y) of an origin: the flat plane coverage geometry is cut in.

    An equirectangular projection with its scale taken at the origin's latitude. Within a
    walk (a few km across) its distances stay within 0.1 % of `distance_m`, below a phone's
    GPS error. The conversions are plain arithmetic, so they take numpy arrays as they take
    floats.
    """

    def __init__(self, lon0: float, lat0: float):
        self.lon0, self.lat0 = lon0, lat0
        self.metres_per_degree_lon = METRES_PER_DEGREE * math.cos(math.radians(lat0))

    def to_xy(self, lon, lat):
        return (lon - self.lon0) * self.metres_per_degree_lon, (
            lat - self.lat0
        ) * METRES_PER_DEGREE

    def to_lonlat(self, x, y):
        return x / self.metres_per_degree_lon + self.lon0, y / METRES_PER_DEGREE + self.lat0
