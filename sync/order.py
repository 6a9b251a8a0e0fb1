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


def camera_order_key(
    lon: float, lat: float, observation_id: str, place: int | None = None
) -> tuple:
    """Sort key of a camera at (lon, lat): place first, the id only to break exact ties.
    `place`: place_cell(lon, lat), when the caller has it already (the database keeps it)."""
    return (place_cell(lon, lat) if place is None else place, lon, lat, observation_id)


def place_cell(lon: float, lat: float) -> int:
    """The first part of camera_order_key: the Hilbert index of the cell holding (lon, lat)."""
    return hilbert_index(_cell(lon + 180.0, 360.0), _cell(lat + 90.0, 180.0))


def approved_place(approved) -> int | None:
    """place_cell of an approved copy's position (None: nothing approved, or no position).

    The database keeps it beside the copy (observation.approved_place, indexed), so that an
    export reads the group's cameras already in place order instead of sorting them all in
    memory."""
    position = (approved or {}).get("position") or {}
    lon, lat = position.get("lon"), position.get("lat")
    if lon is None or lat is None:
        return None
    return place_cell(lon, lat)


# The first and last place cells within a box are worked out on tiles of this order (each
# tile a run of 4^(24-20) consecutive cells, as the Hilbert curve visits a tile whole): about
# 27 × 19 m in Marseille, so that a box of a few tens of metres touches a handful of them.
_TILE_ORDER = 20
_TILE_SHIFT = HILBERT_ORDER - _TILE_ORDER
LAST_PLACE = (1 << (2 * HILBERT_ORDER)) - 1  # beyond every place cell


def places_within(west: float, south: float, east: float, north: float) -> tuple[int, int]:
    """(first, last): place cells no point of the box comes before or goes past, so that
    first <= place_cell(lon, lat) <= last for every (lon, lat) in it. The first cell of the
    first tile the box touches and the last cell of the last, so a little wider than the
    box's own; (0, LAST_PLACE) for a box across the antimeridian or a pole, or too wide to
    count its tiles.

    What lets a stream in place order know when it reaches the cameras around a place, and
    when it is done with them: the export looks them up from the first, and settles them as
    soon as its rows have gone past the last."""
    tiles = _tiles_within(west, south, east, north)
    if tiles is None:
        return 0, LAST_PLACE
    return min(tiles) << (2 * _TILE_SHIFT), ((max(tiles) + 1) << (2 * _TILE_SHIFT)) - 1


def _tiles_within(west: float, south: float, east: float, north: float) -> list[int] | None:
    """The Hilbert indices of the tiles the box touches; None for a box across the
    antimeridian or a pole, or too wide to count its tiles."""
    if west < -180.0 or east > 180.0 or south < -90.0 or north > 90.0:
        return None
    first_x, last_x = (_cell(lon + 180.0, 360.0) >> _TILE_SHIFT for lon in (west, east))
    first_y, last_y = (_cell(lat + 90.0, 180.0) >> _TILE_SHIFT for lat in (south, north))
    if (last_x - first_x + 1) * (last_y - first_y + 1) > 64:
        return None
    return [
        hilbert_index(x, y, _TILE_ORDER)
        for x in range(first_x, last_x + 1)
        for y in range(first_y, last_y + 1)
    ]


def _cell(offset: float, span: float) -> int:
    return min(_SIDE - 1, max(0, int(offset / span * _SIDE)))


def hilbert_index(x: int, y: int, order: int = HILBERT_ORDER) -> int:
    """Distance along the Hilbert curve of the cell (x, y) of a 2^order × 2^order grid."""
    if order % _CHUNK_BITS:
        return hilbert_index_by_bit(x, y, order)
    # Four bits of each coordinate per step through a table, not one: an export sorts every
    # camera by this, and 6 steps instead of 24 made the sort key about three times cheaper.
    index, state = 0, 0
    mask = (1 << _CHUNK_BITS) - 1
    for shift in range(order - _CHUNK_BITS, -1, -_CHUNK_BITS):
        digits, state = _CHUNKS[state][((x >> shift) & mask) << _CHUNK_BITS | (y >> shift) & mask]
        index = index << (2 * _CHUNK_BITS) | digits
    return index


def hilbert_index_by_bit(x: int, y: int, order: int = HILBERT_ORDER) -> int:
    """hilbert_index one bit at a time: the definition the table of hilbert_index comes from."""
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


_CHUNK_BITS = 4


def _chunk_table() -> list[list[tuple[int, int]]]:
    """For each state and each pair of 4-bit chunks: the chunk's digits and the next state.

    The rotations hilbert_index_by_bit applies are a swap of x and y and a complement of
    both, which commute, so what the higher bits did is one of four states (swapped?,
    complemented?), and the lower bits' digits depend on that state alone."""
    table = []
    for state in range(4):
        row = []
        for pair in range(1 << (2 * _CHUNK_BITS)):
            x, y = pair >> _CHUNK_BITS, pair & ((1 << _CHUNK_BITS) - 1)
            swapped, complemented = state >> 1, state & 1
            digits = 0
            for bit in range(_CHUNK_BITS - 1, -1, -1):
                right, up = (x >> bit) & 1, (y >> bit) & 1
                if swapped:
                    right, up = up, right
                right, up = right ^ complemented, up ^ complemented
                digits = digits << 2 | ((3 * right) ^ up)
                if up == 0:
                    complemented ^= right
                    swapped ^= 1
            row.append((digits, swapped << 1 | complemented))
        table.append(row)
    return table


_CHUNKS = _chunk_table()
