"""What organisers and the public see of a walk or campaign: counts, coverage, the map.

A camera is "already in OSM" when the export gives it an OSM node (linked to it, or matched
to it by sync/osm/matching.py), the rule the review card shows and the upload follows
(server/observations/osm_review.py): one not approved yet counts as approving it now would
export it. So the summary's "new" and "already in OSM" are the creates and modifies of the
walk's export once every camera is approved, and never disagree with them: two cameras near
one OSM node are one modify and one create, a camera the organiser marked "new camera" is
new even next to a mapped one. Rejected cameras are neither.
"""

from collections import Counter

import sqlalchemy as sa

from server.extensions import db
from server.groups.models import Group, Walk
from server.groups.service import walk_view
from server.observations.convert import field_values
from server.observations.models import APPROVED_TEXT, Observation, read_copy
from server.observations.osm_review import osm_nodes
from server.photos.models import ObservationPhoto, Photo
from server.photos.publication import public_photo_urls
from server.reports.duplicates import among_them, flagged, open_duplicate_pairs, open_pairs_among
from server.reports.published import published_values
from sync import geodesy
from sync.fields import SIGNAGE_FIELDS, is_camera, published_present
from sync.order import camera_order_key

UNKNOWN = "unknown"


def _live(*where, columns=(Observation,)):
    """The live rows (neither deleted nor merged away) that meet `where`, by id: whole
    observations, or only `columns`."""
    return (
        sa.select(*columns)
        .where(Observation.deleted.is_(False), Observation.merged_into_id.is_(None), *where)
        .order_by(Observation.id)
    )


FACTS = ("kind", "camera_type", "mount", "direction", "zone", "operator", "surveyed_on")


def _facts(values: dict) -> dict:
    """What a camera is, and nothing about who saw it: the public map shows exactly this of
    its published copy (`published_values`: only the fields its kind has), the organiser's
    walk summary of the copy as stored."""
    return {name: values.get(name) for name in FACTS}


def reviewed_values(row: Observation) -> dict:
    """A camera as the review has left it: the copy an organiser approved, which is what is
    published and exported even while a walker's later edit waits for review; its current
    values if it has none (never approved, or rejected)."""
    return row.approved if row.approved is not None else field_values(row)


def _camera(row: Observation, values: dict, in_osm: bool, possible_duplicate: bool) -> dict:
    position = values["position"]
    return {
        "id": row.uuid,
        "lon": position["lon"],
        "lat": position["lat"],
        **_facts(values),
        "review_status": row.review_status,
        "presence": values.get("presence", "present"),
        "in_osm": in_osm,
        "possible_duplicate": possible_duplicate,
    }


def _in_osm(walk: Walk, rows: list[Observation], values: dict[str, dict]) -> set[str]:
    """The uuids of `rows` (cameras of `walk`, not rejected) to which the export gives an
    OSM node, each camera taken with `values` (uuid → fields)."""
    cameras = [
        {"id": row.uuid, "walk_id": walk.id, "review_status": row.review_status} for row in rows
    ]
    return osm_nodes(walk.group_id, cameras, values)


def _count(values: list[dict], name: str) -> dict:
    counts = Counter((value.get(name) or UNKNOWN) for value in values)
    return dict(counts.most_common())


def _standing(rows: list[Observation], values: dict, refused: set) -> list[Observation]:
    """What the walk found of `rows`: those not reported gone nor refused by an organiser (not
    a camera, a blurred guess). The charts count them, and the pairs flagged among them."""
    return [
        row
        for row in rows
        if row.uuid not in refused and values[row.uuid].get("presence", "present") == "present"
    ]


def _tally(rows: list[Observation], values: dict, refused: set, in_osm_ids: set) -> dict:
    """The review's figures for `rows` (all cameras, or all other devices) as they add up:
    the devices not reported gone are new to OSM, already in it, or rejected; and approved,
    to review, or rejected."""
    gone = {row.uuid for row in rows if values[row.uuid].get("presence", "present") == "gone"}
    present = [row for row in rows if row.uuid not in gone]
    # Pairs flagged as one device and not merged yet: counted twice, and said (duplicates.py).
    pairs = open_duplicate_pairs(_standing(rows, values, refused))
    shown = {row.id for row in rows if published_present(row.approved)}
    in_osm = sum(row.uuid in in_osm_ids for row in present)
    rejected = sum(row.uuid in refused for row in present)
    return {
        "devices": len(present),
        "approved": sum(row.review_status == "approved" for row in present),
        "pending": sum(row.review_status == "pending" for row in present),
        "rejected": rejected,
        "published": len(shown),
        "open_duplicate_pairs": len(pairs),
        "published_duplicate_pairs": len(among_them(pairs, shown)),
        "in_osm": in_osm,
        "new": len(present) - rejected - in_osm,
        # Reports an organiser refused are not gone devices.
        "reported_gone": len(gone - refused),
    }


def walk_summary(walk: Walk) -> dict:
    """The walk as its review has left it (`reviewed_values`): every figure and chart agrees
    with what the public map, the files and the export show of its reviewed cameras, and
    counts the cameras still waiting for a first review as they were logged.

    "Cameras" are the devices that film (sync.fields.is_camera), as on the public map: the
    totals and the charts count them, and `totals.other_devices` the guards and gunshot
    detectors apart, with the same figures. Every device is on the summary's map."""
    rows = db.session.scalars(_live(Observation.walk_id == walk.id)).all()
    values = {row.uuid: reviewed_values(row) for row in rows}
    refused = {row.uuid for row in rows if row.review_status == "rejected"}
    in_osm_ids = _in_osm(walk, [row for row in rows if row.uuid not in refused], values)
    # As published: a camera's approved kind, not a walker's later edit waiting for review.
    cameras = [row for row in rows if is_camera(values[row.uuid].get("kind"))]
    others = [row for row in rows if not is_camera(values[row.uuid].get("kind"))]
    counted = [values[row.uuid] for row in _standing(cameras, values, refused)]
    doubtful = flagged(open_duplicate_pairs(_standing(rows, values, refused)))
    totals = _tally(cameras, values, refused, in_osm_ids)
    view = walk_view(walk)
    area = geodesy.ring_area_m2(view["area"]) / 1_000_000 if view["area"] else None
    photos = db.session.execute(
        sa.select(Photo.sha256, Observation.uuid)
        .join(ObservationPhoto, ObservationPhoto.photo_id == Photo.id)
        .join(Observation, Observation.id == ObservationPhoto.observation_id)
        .where(
            Observation.walk_id == walk.id,
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),  # its photos are the survivor's now
            Observation.review_status != "rejected",  # not a camera: not the walk's photos
        )
        .order_by(Observation.id, Photo.sha256)
    ).all()
    return {
        "walk": view,
        "totals": {
            "cameras": totals.pop("devices"),
            **totals,
            "other_devices": {
                **_tally(others, values, refused, in_osm_ids),
                "by_kind": _count(
                    [values[row.uuid] for row in _standing(others, values, refused)], "kind"
                ),
            },
            "photos": len(photos),  # of every device
        },
        "by_kind": _count(counted, "kind"),
        "by_operator": _count(counted, "operator"),
        "by_zone": _count(counted, "zone"),
        "by_mount": _count(counted, "mount"),
        "by_camera_type": _count(counted, "camera_type"),
        "coverage": {
            "area_km2": round(area, 3) if area is not None else None,
            "cameras_per_km2": round(len(counted) / area, 1) if area else None,
        },
        "cameras": [
            _camera(row, values[row.uuid], row.uuid in in_osm_ids, row.id in doubtful)
            for row in rows
        ],
        "photos": [{"sha256": sha, "observation_id": uuid} for sha, uuid in photos],
    }


def public_cameras(group: Group) -> dict:
    """The campaign's approved, present cameras as GeoJSON: nothing about walkers. Each as
    an organiser approved it: a walker's later edit waits for review before it shows here.

    Anyone may ask, as often as a shared link brings visitors, and a national campaign holds
    tens of thousands of cameras: the rows are read as plain columns (id, uuid, the approved
    copy as text, decoded by orjson), not as ORM objects of every column. Those cost 1.2 s of
    the 1.7 s 20,000 cameras took (bench/public_cameras_bench.py)."""
    # First: handing out a photo's name may store it, and commit (publication.py).
    photos = public_photo_urls(group)
    query = _live(
        Observation.group_id == group.id,
        Observation.approved.is_not(None),
        columns=(Observation.id, Observation.uuid, APPROVED_TEXT),
    )
    copies = ((row_id, uuid, read_copy(text)) for row_id, uuid, text in db.session.execute(query))
    # By place, never by logging order, which with the survey dates retraces walkers' routes.
    shown = [row for row in copies if published_present(row[2])]
    # Two published cameras flagged as one device and not merged yet: both shown, both marked,
    # and the pairs counted, as nobody knows yet whether they are one (duplicates.py).
    pairs = open_pairs_among({row_id for row_id, _, _ in shown})
    doubtful = flagged(pairs)
    shown.sort(key=_place_order)
    features = []
    for row_id, _, approved in shown:
        approved = published_values(approved)
        position = approved["position"]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [position["lon"], position["lat"]]},
                "properties": {
                    **_facts(approved),
                    # Signage fields only as the organisers chose, one by one, and only of
                    # the devices the signage survey concerns.
                    **{name: approved.get(name) for name in group.public_fields or ()},
                    # Only the photos an organiser published, blurred; see docs/privacy.md.
                    "photos": photos.get(row_id, []),
                    "possible_duplicate": row_id in doubtful,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "name": group.name,
        # The campaign's "no third-party tiles" holds for its visitors' browsers too.
        "own_tiles_only": bool(group.own_tiles_only),
        # Whether coverage.geojson answers: a page offers the views only then, and asks for
        # nothing that would answer 404.
        "coverage_public": bool(group.coverage_public),
        # Counted here, by the rule the summary follows, so that the page quotes no other.
        "cameras": sum(is_camera(approved.get("kind")) for _, _, approved in shown),
        "other_devices": sum(not is_camera(approved.get("kind")) for _, _, approved in shown),
        "open_duplicate_pairs": len(pairs),
        "features": features,
    }


def _place_order(row: tuple[int, str, dict]) -> tuple:
    _, uuid, approved = row
    return camera_order_key(approved["position"]["lon"], approved["position"]["lat"], uuid)


def update_group(group: Group, changes: dict) -> Group:
    if "public_fields" in changes:  # stored once each, in the survey's order
        chosen = set(changes["public_fields"])
        changes = {**changes, "public_fields": [n for n in SIGNAGE_FIELDS if n in chosen]}
    for name, value in changes.items():
        setattr(group, name, value)
    db.session.commit()
    return group
