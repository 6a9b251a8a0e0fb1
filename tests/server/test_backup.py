"""Backup and restore round trip, on both engines, database and photos together."""

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select

from server import create_app
from server.cli import cli
from server.extensions import db
from server.groups.models import Group
from server.observations.models import Observation
from server.osm.models import OsmNode

# walk.osm_fetched_at's parent: what the probe restored, and `export geojson` then crashed on.
OLDER_MIGRATION = "f3a9c1d7e482"


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


@pytest.fixture
def fresh_app(engine_name, postgis_database, tmp_path):
    """An app on its own migrated database: these tests move its schema up and down."""
    if engine_name == "spatialite":
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        url = postgis_database("camwalk_backup")
    app = create_app(
        {
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(tmp_path),
            "PHOTO_DIR": str(tmp_path / "photos"),
            "SECRET_KEY": "t",
        }
    )
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


def columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(db.engine).get_columns(table)}


def test_a_backup_of_an_older_migration_is_upgraded_as_it_is_restored(fresh_app, tmp_path):
    head = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    downgrade(revision=OLDER_MIGRATION)  # the schema before walk.osm_fetched_at
    db.session.remove()
    assert "osm_fetched_at" not in columns("walk")
    assert invoke(fresh_app, "backup", str(tmp_path / "old")).exit_code == 0
    upgrade()
    db.session.remove()

    result = invoke(fresh_app, "restore", str(tmp_path / "old"), "--yes")

    assert result.exit_code == 0, result.output
    assert f"made at migration {OLDER_MIGRATION}" in result.output
    db.session.remove()
    assert db.session.scalar(sa.text("SELECT version_num FROM alembic_version")) == head
    assert "osm_fetched_at" in columns("walk")
    export = invoke(fresh_app, "demo", "--json")
    assert export.exit_code == 0, export.output


def test_a_backup_of_a_migration_this_code_does_not_know_is_refused_before_anything_changes(
    app, tmp_path, engine_name
):
    engine = "sqlite" if engine_name == "spatialite" else "postgresql"
    (tmp_path / "manifest.json").write_text(
        json.dumps({"format": "camwalk-backup", "engine": engine, "migration": "0123456789ab"})
    )
    invoke(app, "demo", "--json")
    before = count(Observation)

    result = app.test_cli_runner().invoke(cli, ["restore", str(tmp_path), "--yes"])

    assert result.exit_code != 0
    assert "migration 0123456789ab, which this version of camwalk does not know" in result.output
    db.session.remove()
    assert count(Observation) == before


def test_a_restore_under_another_secret_key_says_so_before_asking(app, tmp_path, monkeypatch):
    """A server rebuilt after a lost disk makes itself a new key: the backup's sealed invite
    codes and OSM tokens then read as nothing, and nobody had said why."""
    assert invoke(app, "backup", str(tmp_path / "backup")).exit_code == 0
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert app.config["SECRET_KEY"] not in json.dumps(manifest)
    restore = ["restore", str(tmp_path / "backup")]

    same_key = app.test_cli_runner().invoke(cli, restore, input="n\n")

    assert "another secret key" not in same_key.output
    monkeypatch.setitem(app.config, "SECRET_KEY", "the new server's own key")

    other_key = app.test_cli_runner().invoke(cli, restore, input="n\n")

    assert other_key.exit_code != 0  # nothing replaced: the operator said no
    assert "This backup was made by a server with another secret key" in other_key.output
    assert other_key.output.index("another secret key") < other_key.output.index("Go on?")


def test_a_backup_between_a_code_update_and_db_upgrade_is_made_and_says_what_to_run(
    fresh_app, tmp_path
):
    """The nightly backup that runs after the code was updated, before `camwalk db upgrade`:
    the copy was whole, but the command then read `photo.state` (not there yet), ended in
    a traceback and exit 1, and `camwalk photos gc` the same."""
    downgrade(revision="e8b41f6c2d37")  # before photo.state
    db.session.remove()
    original = Path(fresh_app.config["PHOTO_DIR"]) / "ab" / "abcdef.jpg"
    original.parent.mkdir(parents=True)
    original.write_bytes(b"\xff\xd8 a photo no row claims")

    result = invoke(fresh_app, "backup", str(tmp_path / "before-upgrade"))

    assert result.exit_code == 0, result.output
    assert "(migration e8b41f6c2d37) and 1 photo files" in result.output
    assert "Run `camwalk db upgrade`" in result.output
    assert original.exists()
    gc = fresh_app.test_cli_runner().invoke(cli, ["photos", "gc"])
    assert gc.exit_code == 1, gc.output
    assert "Run `camwalk db upgrade`" in gc.output
