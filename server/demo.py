"""Demo data: a group walking Noailles and the Vieux-Port in Marseille.

Made so that a newcomer who runs `make run` then `camwalk demo` sees real-looking data: a
group with an organiser and a walker, one walk, 25 logged cameras (some approved), and ten
"existing OSM" cameras, some of which stand where the walkers logged one.

Those ten are made up, so they stay in the demo's sandbox: they belong to the demo group (no
other group's walk, review queue or export sees them), their ids start at DEMO_NODE_IDS_FROM
(so they can never name a real OSM node) and sync/osm refuses to modify, delete or upload them.
"""

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select

from server import geo
from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.auth.tokens import new_invite_code
from server.extensions import db
from server.groups.invites import code_columns
from server.groups.models import DEMO_SLUG, Group, Invite, Walk
from server.observations.convert import approved_copy
from server.observations.models import Observation, Revision
from server.osm.models import OsmNode
from server.osm.service import store_node, walk_bbox
from server.types import utcnow
from sync.osm.records import DEMO_NODE_IDS_FROM

DEMO_NAMESPACE = uuid.UUID("6f1c2a52-56a4-4c5e-9d77-0c6a7b1f2e10")
POLICE = "Police municipale de Marseille"

# Noailles, the Canebière and the Vieux-Port: (lon, lat) corners of the walk's area.
WALK_AREA = [(5.3690, 43.2920), (5.3880, 43.2920), (5.3880, 43.3000), (5.3690, 43.3000)]

# lon, lat, accuracy_m, kind, camera_type, mount, direction, zone, operator, status, surveillance
CAMERAS = [
    (5.3812, 43.2961, 6, "camera", "dome", "pole", [200], "town", POLICE, "approved", "public"),
    (5.3808, 43.2957, 8, "camera", "fixed", "wall", [135], "town", POLICE, "approved", "public"),
    (
        5.3801,
        43.2966,
        5,
        "camera",
        "dome",
        "street_lamp",
        None,
        "town",
        POLICE,
        "approved",
        "public",
    ),
    (
        5.3795,
        43.2970,
        12,
        "camera",
        "fixed",
        "wall",
        [90],
        "shop",
        "Monoprix",
        "pending",
        "outdoor",
    ),
    (
        5.3789,
        43.2975,
        7,
        "camera",
        "panning",
        "pole",
        [0, 180],
        "town",
        POLICE,
        "approved",
        "public",
    ),
    (5.3776, 43.2978, 9, "camera", "dome", "ceiling", None, "shop", None, "pending", "indoor"),
    (
        5.3768,
        43.2973,
        4,
        "camera",
        "fixed",
        "wall",
        [270],
        "bank",
        "BNP Paribas",
        "approved",
        "outdoor",
    ),
    (5.3755, 43.2969, 6, "camera", "dome", "pole", [315], "town", POLICE, "approved", "public"),
    (
        5.3741,
        43.2960,
        15,
        "camera",
        "fixed",
        "pole",
        [225],
        "traffic",
        "Métropole Aix-Marseille",
        "pending",
        "public",
    ),
    (5.3733, 43.2953, 5, "ALPR", "fixed", "pole", [180], "traffic", POLICE, "pending", "public"),
    (5.3725, 43.2950, 7, "camera", "dome", "pole", [160], "town", POLICE, "approved", "public"),
    (5.3717, 43.2946, 11, "camera", "fixed", "wall", [45], "entrance", None, "pending", "outdoor"),
    (5.3709, 43.2942, 6, "camera", "panning", "pole", None, "town", POLICE, "pending", "public"),
    (5.3822, 43.2947, 8, "camera", "fixed", "wall", [10], "shop", None, "rejected", "outdoor"),
    (5.3826, 43.2942, 5, "camera", "dome", "pole", [300], "town", POLICE, "approved", "public"),
    (
        5.3831,
        43.2938,
        9,
        "camera",
        "fixed",
        "wall",
        [200],
        "parking",
        "Indigo",
        "pending",
        "outdoor",
    ),
    (
        5.3838,
        43.2934,
        6,
        "camera",
        "dome",
        "street_lamp",
        [250],
        "town",
        POLICE,
        "pending",
        "public",
    ),
    (
        5.3845,
        43.2931,
        22,
        "camera",
        "fixed",
        "wall",
        [120],
        "building",
        None,
        "pending",
        "outdoor",
    ),
    (5.3849, 43.2937, 7, "camera", "panning", "pole", None, "town", POLICE, "pending", "public"),
    (5.3818, 43.2952, 5, "camera", "dome", "pole", [45], "town", POLICE, "pending", "public"),
    (5.3804, 43.2949, 10, "guard", None, None, None, "shop", None, "pending", "indoor"),
    (
        5.3797,
        43.2944,
        6,
        "camera",
        "fixed",
        "wall",
        [330],
        "bank",
        "Caisse d'Épargne",
        "pending",
        "outdoor",
    ),
    (5.3786, 43.2958, 8, "camera", "dome", "pole", [90], "town", POLICE, "pending", "public"),
    (
        5.3779,
        43.2963,
        30,
        "camera",
        "fixed",
        "traffic_signals",
        [0],
        "traffic",
        POLICE,
        "pending",
        "public",
    ),
    (
        5.3763,
        43.2957,
        5,
        "camera",
        "fixed",
        "wall",
        [180],
        "entrance",
        "RTM",
        "pending",
        "outdoor",
    ),
]

# Made-up "OSM" nodes: (number, version, lon, lat, tags); the id is DEMO_NODE_IDS_FROM + number.
# Several stand within a few metres of a logged camera above, so matching and "already in OSM"
# have something to find.
OSM_CAMERAS = [
    (
        1,
        3,
        5.38122,
        43.29612,
        {
            "camera:type": "dome",
            "camera:mount": "pole",
            "operator": POLICE,
            "surveillance": "public",
        },
    ),
    (2, 1, 5.37891, 43.29752, {"camera:type": "panning", "surveillance": "public"}),
    (3, 2, 5.37682, 43.29731, {"surveillance": "outdoor", "camera:direction": "W"}),
    (
        4,
        4,
        5.37252,
        43.29498,
        {
            "camera:type": "dome",
            "operator": POLICE,
            "surveillance": "public",
            "check_date": "2023-05-14",
        },
    ),
    (5, 1, 5.38263, 43.29418, {"camera:mount": "pole", "surveillance": "public"}),
    (
        6,
        2,
        5.37330,
        43.29533,
        {"surveillance:type": "ALPR", "direction": "180", "surveillance": "public"},
    ),
    (7, 1, 5.37450, 43.29655, {"surveillance": "public"}),
    (8, 1, 5.38600, 43.29450, {"surveillance": "outdoor", "operator": "Lidl"}),
    (9, 2, 5.37050, 43.29800, {"surveillance": "public", "camera:type": "fixed"}),
    (10, 1, 5.38350, 43.29680, {"surveillance": "indoor"}),
]


@dataclass(frozen=True)
class DemoCredentials:
    group_id: int
    group_slug: str
    walk_id: int
    organiser_pseudonym: str
    organiser_password: str
    organiser_token: str
    walker_pseudonym: str
    walker_token: str
    invite_code: str
    observations: int
    osm_nodes: int


# Earlier versions stored the demo cameras as if real, under these ids, visible to every group.
_LEGACY_DEMO_IDS = range(4210000101, 4210000111)


DEMO_NAME = "Technopolice Marseille (démo)"


class DemoSlugTaken(Exception):
    """The demo's slug belongs to a group `camwalk demo` did not make."""


def create_demo(today: date) -> DemoCredentials:
    """Replace any earlier demo group with a fresh one and return how to log in."""
    _remove_earlier_demo()
    group = Group(name=DEMO_NAME, slug=DEMO_SLUG, hashtags="#technopolice #marseille")
    db.session.add(group)
    password = secrets.token_urlsafe(9)
    karim = create_member(group, "karim", Role.ORGANISER, password)
    mouette = create_member(group, "mouette", Role.WALKER)
    db.session.flush()
    walk = Walk(
        group_id=group.id,
        name="Noailles – Vieux-Port",
        date=today - timedelta(days=2),
        area=geo.polygon_element(WALK_AREA),
    )
    invite_code = new_invite_code()
    invite = Invite(
        group_id=group.id,
        **code_columns(invite_code),
        created_by_id=karim.id,
        expires_at=utcnow() + timedelta(days=30),
    )
    db.session.add_all([walk, invite])
    db.session.flush()
    for index, camera in enumerate(CAMERAS):
        author = mouette if index % 3 else karim
        _add_observation(group, walk, author, karim, index, camera)
    for number, version, lon, lat, tags in OSM_CAMERAS:
        store_node(
            DEMO_NODE_IDS_FROM + number,
            version,
            lon,
            lat,
            _demo_tags(tags),
            demo_group_id=group.id,
        )
    # Its made-up cameras stand for what loading the walk's OSM cameras would have found:
    # without this, the demo walk's new cameras would wait for a load (sync/osm/loaded.py).
    # A load made up, with no `osm_fetched_at`: its walk map does not show the real cameras
    # another group's fetch cached there (server/osm/service.py nodes_for_walk).
    db.session.flush()
    db.session.expire(walk, ["area"])  # read back as stored, as walk_bbox reads it
    walk.osm_fetched_bbox = list(walk_bbox(walk))
    organiser_token = issue_token(karim, "demo")
    walker_token = issue_token(mouette, "demo")
    db.session.commit()
    return DemoCredentials(
        group_id=group.id,
        group_slug=group.slug,
        walk_id=walk.id,
        organiser_pseudonym=karim.pseudonym,
        organiser_password=password,
        organiser_token=organiser_token,
        walker_pseudonym=mouette.pseudonym,
        walker_token=walker_token,
        invite_code=invite_code,
        observations=len(CAMERAS),
        osm_nodes=len(OSM_CAMERAS),
    )


def _demo_tags(tags: dict) -> dict:
    return {"man_made": "surveillance", "surveillance:type": "camera", **tags}


def _remove_earlier_demo() -> None:
    """Delete the group an earlier `camwalk demo` made, and nothing else: a group that holds
    the demo's slug without being the demo is a campaign's, with its walkers' work (a group
    named "Demo Marseille" was given that slug before it was kept for the demo)."""
    earlier = db.session.scalar(select(Group).where(Group.slug == DEMO_SLUG))
    if earlier is not None:
        if not _made_by_demo(earlier):
            raise DemoSlugTaken(
                f"the group '{earlier.name}' (id {earlier.id}) has the slug {DEMO_SLUG} that "
                "the demo uses, and it is not a demo: camwalk demo leaves it as it is. "
                "Nothing was changed."
            )
        db.session.execute(delete(OsmNode).where(OsmNode.demo_group_id == earlier.id))
        db.session.execute(delete(Group).where(Group.id == earlier.id))
    # An earlier version's cameras: only a row that still holds exactly what it wrote.
    legacy = dict(zip(_LEGACY_DEMO_IDS, OSM_CAMERAS, strict=True))
    rows = db.session.scalars(select(OsmNode).where(OsmNode.osm_id.in_(_LEGACY_DEMO_IDS)))
    for row in rows:
        _, version, *_, tags = legacy[row.osm_id]
        if row.demo_group_id is None and (row.version, row.tags) == (version, _demo_tags(tags)):
            db.session.delete(row)
    db.session.flush()


def _made_by_demo(group: Group) -> bool:
    """Whether `camwalk demo` made the group: it holds the demo's made-up OSM cameras, or
    (made before those belonged to it) bears the demo's name."""
    owns_demo_cameras = db.session.scalar(
        select(OsmNode.osm_id).where(OsmNode.demo_group_id == group.id).limit(1)
    )
    return owns_demo_cameras is not None or group.name == DEMO_NAME


def _add_observation(group, walk, author, reviewer, index, camera):
    lon, lat, accuracy, kind, camera_type, mount, direction, zone, operator, status, area = camera
    observation = Observation(
        uuid=str(uuid.uuid5(DEMO_NAMESPACE, f"{group.id}-{index}")),
        group_id=group.id,
        walk_id=walk.id,
        created_by_id=author.id,
        geom=geo.point_element(lon, lat),
        accuracy_m=float(accuracy),
        kind=kind,
        surveillance=area,
        camera_type=camera_type,
        mount=mount,
        direction=direction,
        zone=zone,
        operator=operator,
        surveyed_on=walk.date,
        review_status=status,
        reviewed_by_id=reviewer.id if status != "pending" else None,
        reviewed_at=utcnow() if status != "pending" else None,
    )
    db.session.add(observation)
    db.session.flush()
    if status == "approved":  # what the public map and the OSM export show
        observation.approved = approved_copy(observation)
    fields = {
        "position": {"lat": lat, "lon": lon, "accuracy_m": float(accuracy)},
        "kind": kind,
        "surveillance": area,
        "camera_type": camera_type,
        "mount": mount,
        "direction": direction,
        "zone": zone,
        "operator": operator,
        "surveyed_on": walk.date.isoformat(),
    }
    change_id = str(uuid.uuid5(DEMO_NAMESPACE, f"change-{group.id}-{index}"))
    result = {
        "change_id": change_id,
        "observation_id": observation.uuid,
        "status": "applied",
        "version": 1,
        "replayed": False,
        "conflict_ids": [],
    }
    revision = Revision(
        change_id=change_id,
        group_id=group.id,
        observation_uuid=observation.uuid,
        observation_id=observation.id,
        member_id=author.id,
        op="create",
        base_version=None,
        payload={"walk_id": walk.id, "fields": fields},
        made_at=utcnow(),
        status="applied",
        result=result,
        version_after=1,
    )
    db.session.add(revision)
    db.session.flush()
    observation.seq = revision.id
