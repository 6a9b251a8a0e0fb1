"""Groups and walks: reading and creating them."""

import re
import unicodedata

from sqlalchemy import select

from server import geo
from server.basemap.service import walks_with_basemap
from server.extensions import db
from server.groups.models import DEMO_SLUG, Group, Walk
from server.osm.importer import refuse_a_drawn_area_too_wide


def walk_view(walk: Walk) -> dict:
    """A walk as the API shows it: area as (lon, lat) pairs and its bounding box. The walk
    routes add `has_basemap` (walk_answers); the organiser's summary shows it as is."""
    ring = geo.polygon_lonlats(walk.area) if walk.area is not None else None
    return {
        "id": walk.id,
        "group_id": walk.group_id,
        "name": walk.name,
        "date": walk.date,
        "area": ring,
        "bbox": list(geo.bbox_of(ring)) if ring else None,
        "own_tiles_only": bool(walk.group.own_tiles_only),
        "osm_fetched_at": walk.osm_fetched_at,
    }


def walk_answers(walks: list[Walk]) -> list[dict]:
    """Walks as the walk routes answer them: walk_view, and `has_basemap`, whether a fetch kept
    a walk map for it (GET /walks/<id>/basemap answers it, else 404 `no_basemap`). Phones ask
    only for the maps that exist: each 404 was an error in the walker's console every time her
    walk list came down. One query for every walk of a list."""
    with_map = walks_with_basemap([walk.id for walk in walks])
    return [walk_view(walk) | {"has_basemap": walk.id in with_map} for walk in walks]


def walk_answer(walk: Walk) -> dict:
    return walk_answers([walk])[0]


def list_walks(group: Group) -> list[dict]:
    walks = db.session.scalars(
        select(Walk)
        .where(Walk.group_id == group.id)
        .order_by(Walk.date.desc().nulls_last(), Walk.id.desc())
    )
    return walk_answers(list(walks))


def create_walk(group: Group, name: str, date=None, area=None) -> Walk:
    """A new walk; an area wider than a fetch asks OSM for is refused (WalkAreaTooLarge) now,
    while the organiser is drawing it, rather than at the walk's first fetch."""
    walk = Walk(group_id=group.id, name=name, date=date)
    if area:
        refuse_a_drawn_area_too_wide(area)
        walk.area = geo.polygon_element(area)
    db.session.add(walk)
    db.session.commit()
    return walk


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:64] or "group"


def unique_slug(name: str) -> str:
    """A free slug made from the name. The demo's is never given: `camwalk demo` replaces
    the group that holds it."""
    base = slugify(name)
    slug, n = base, 1
    while (
        slug == DEMO_SLUG
        or db.session.scalar(select(Group.id).where(Group.slug == slug)) is not None
    ):
        n += 1
        slug = f"{base[:60]}-{n}"
    return slug
