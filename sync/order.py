"""The order cameras are listed in wherever they leave the group: by place, never by time.

Listed in the order they were logged (by id), cameras retrace the walker's route, step by
step, and with the survey date say where someone was and when. The public map, the GeoJSON and
CSV exports and the osmChange placeholders (-1, -2, ...) all list cameras by `camera_order_key`
instead: a Hilbert curve over the globe, so that the order follows space (neighbours stay
near each other in the file, which also keeps diffs and map loading tidy) and depends on
nothing but the positions. Two cameras in one cell (about 2.4 m × 1.2 m at order 24) are
ordered by exact position, then by their id, which the client draws at random (UUID v4).
"""

HILBERT_ORDER = 24  # bits per axis: cells of 360°/2^24 × 180°/2^24
_SIDE = 1 << HILBERT_ORDER


def camera_order_key(lon: float, lat: float, observation_id: str) -> tuple:
    """Sort key of a camera at (lon, lat): place first, the id only to break exact ties."""
    x = _cell(lon + 180.0, 360.0)
    y = _cell(lat + 90.0, 180.0)
    return (hilbert_index(x, y), lon, lat, observation_id)


def _cell(offset: float, span: float) -> int:
    return min(_SIDE - 1, max(0, int(offset / span * _SIDE)))


def hilbert_index(x: int, y: int, order: int = HILBERT_ORDER) -> int:
    """Distance along the Hilbert curve of the cell (x, y) of a 2^order × 2^order grid."""
    side = 1 << order
    index = 0
    half = side >> 1
    while half:
        right = 1 if x & half else 0
        up = 1 if y & half else 0
        index += half * half * ((3 * right) ^ up)
        # Rotate the quadrant so that the curve inside it starts where the last one ended.
        if up == 0:
            if right == 1:
                x, y = side - 1 - x, side - 1 - y
            x, y = y, x
        half >>= 1
    return index
