"""Photo links across b7d3e5a1c926, which records publication per camera
(`observation_photo.published`): every link of a photo public before it is published, so
nothing on the public map disappears with the upgrade, and no link of a private photo is."""

import uuid

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server import geo
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Observation
from server.photos.models import Photo
from server.schema_check import schema_differences
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)

BEFORE = "c2f6a9d1e874"


def test_every_link_of_a_public_photo_is_published_and_no_other(fresh_app):  # noqa: F811
    upgrade(revision=BEFORE)
    group = Group(name="Noailles", slug=f"noailles-{uuid.uuid4().hex[:6]}")
    db.session.add(group)
    db.session.flush()
    walk = Walk(group_id=group.id, name="Noailles walk")
    db.session.add(walk)
    db.session.flush()
    cameras = [
        Observation(
            uuid=str(uuid.uuid4()),
            group_id=group.id,
            walk_id=walk.id,
            geom=geo.point_element(5.38 + index * 0.0003, 43.29),
            kind="camera",
        )
        for index in range(2)
    ]
    photos = [
        Photo(group_id=group.id, sha256=sha * 64, media_type="image/jpeg", size_bytes=10,
              public=public)
        for sha, public in (("a", True), ("b", False))
    ]  # fmt: skip
    db.session.add_all([*cameras, *photos])
    db.session.flush()
    link = sa.table(  # the columns the table has before the migration, no more
        "observation_photo", *(sa.column(name) for name in ("observation_id", "photo_id", "role"))
    )
    db.session.execute(
        sa.insert(link),
        [
            {"observation_id": camera.id, "photo_id": photo.id, "role": "close_up"}
            for camera in cameras
            for photo in photos
        ],
    )
    db.session.commit()
    db.session.remove()

    upgrade()
    with db.engine.connect() as conn:
        query = (
            "SELECT photo.sha256, observation_photo.published FROM observation_photo "
            "JOIN photo ON photo.id = observation_photo.photo_id ORDER BY photo.sha256"
        )
        published = [(sha[0], bool(flag)) for sha, flag in conn.execute(sa.text(query))]
        assert schema_differences(conn, db.metadata) == []
    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("observation_photo")}
        kept = conn.execute(sa.text("SELECT count(*) FROM observation_photo")).scalar()

    assert published == [("a", True), ("a", True), ("b", False), ("b", False)]
    assert "published" not in columns and kept == 4
