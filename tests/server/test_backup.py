"""Backup and restore round trip, on both engines, database and photos together."""

import json
from pathlib import Path

from sqlalchemy import func, select

from server.cli import cli
from server.extensions import db
from server.groups.models import Group
from server.observations.models import Observation
from server.osm.models import OsmNode


def invoke(app, *args):
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_restore_brings_back_the_database_and_photos_as_they_were(app, tmp_path):
    invoke(app, "demo", "--json")
    photo_dir = Path(app.config["PHOTO_DIR"])
    photo = photo_dir / "ab" / "abcdef.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8 a photo")
    observations = count(Observation)

    result = invoke(app, "backup", str(tmp_path / "backup"))

    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["photos"] == 1 and manifest["migration"]

    # The demo's made-up OSM cameras hold a reference to their group: they go first.
    db.session.query(OsmNode).delete()
    db.session.query(Group).delete()
    db.session.commit()
    photo.unlink()
    db.session.remove()
    assert count(Observation) == 0

    result = invoke(app, "restore", str(tmp_path / "backup"), "--yes")

    assert result.exit_code == 0, result.output
    db.session.remove()
    assert count(Observation) == observations
    assert photo.read_bytes() == b"\xff\xd8 a photo"


def test_backup_refuses_a_folder_that_is_not_empty(app, tmp_path):
    (tmp_path / "old.txt").write_text("keep me")

    result = app.test_cli_runner().invoke(cli, ["backup", str(tmp_path)])

    assert result.exit_code != 0
    assert "not empty" in result.output
    assert (tmp_path / "old.txt").read_text() == "keep me"


def test_restore_refuses_a_backup_of_the_other_engine(app, tmp_path, engine_name):
    other = "postgresql" if engine_name == "spatialite" else "sqlite"
    (tmp_path / "manifest.json").write_text(
        json.dumps({"format": "camwalk-backup", "engine": other})
    )

    result = app.test_cli_runner().invoke(cli, ["restore", str(tmp_path), "--yes"])

    assert result.exit_code != 0
    assert f"backup is of a {other} database" in result.output


def test_restore_refuses_a_folder_without_a_manifest(app, tmp_path):
    result = app.test_cli_runner().invoke(cli, ["restore", str(tmp_path), "--yes"])

    assert result.exit_code != 0
    assert "no readable camwalk backup" in result.output
