"""The migrations build, from empty, exactly the schema the models describe, on both engines,
and go back down cleanly."""

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server import create_app
from server.extensions import db
from server.schema_check import schema_differences


@pytest.fixture
def fresh_app(engine_name, postgis_database, tmp_path):
    """An app on its own empty database (not the shared test database)."""
    if engine_name == "spatialite":
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        url = postgis_database("camwalk_fresh")
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "t"})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_migrations_from_empty_match_the_models(fresh_app):
    upgrade()

    with db.engine.connect() as conn:
        assert schema_differences(conn, db.metadata) == []


def test_a_model_change_without_a_migration_is_detected(fresh_app):
    upgrade()
    metadata = sa.MetaData()
    for table in db.metadata.tables.values():
        table.to_metadata(metadata)
    sa.Table("observation", metadata, sa.Column("colour", sa.String(10)), extend_existing=True)

    with db.engine.connect() as conn:
        differences = schema_differences(conn, metadata)

    assert [d[0] for d in differences] == ["add_column"]


def test_downgrade_removes_every_table_it_made_and_upgrade_works_again(fresh_app):
    upgrade()
    downgrade(revision="base")

    names = set(sa.inspect(db.engine).get_table_names())
    assert not names & set(db.metadata.tables)
    upgrade()
    assert set(db.metadata.tables) <= set(sa.inspect(db.engine).get_table_names())


def test_spatialite_keeps_its_own_tables_after_migrating(fresh_app, engine_name):
    if engine_name != "spatialite":
        pytest.skip("SpatiaLite only")
    upgrade()

    names = set(sa.inspect(db.engine).get_table_names())
    assert {"spatial_ref_sys", "geometry_columns"} <= names
    with db.engine.connect() as conn:
        srid = conn.execute(
            sa.text("SELECT srid FROM geometry_columns WHERE f_table_name='observation'")
        )
        assert srid.scalar() == 4326


def test_an_invite_made_before_codes_were_hashed_still_admits_and_its_code_is_gone(fresh_app):
    upgrade(revision="e8b41f6c2d37")
    with db.engine.begin() as conn:
        conn.execute(
            sa.text(
                'INSERT INTO "group" (name, slug, keep_originals, public_map, created_at)'
                " VALUES ('G', 'g', false, false, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO invite (group_id, code, role, uses, created_at)"
                " VALUES (1, 'old-flyer-code', 'walker', 0, CURRENT_TIMESTAMP)"
            )
        )

    upgrade()

    with db.engine.connect() as conn:
        stored = "\n".join(str(row) for row in conn.execute(sa.text("SELECT * FROM invite")))
    assert "old-flyer-code" not in stored
    client = fresh_app.test_client()
    answer = client.post("/api/v1/join", json={"invite_code": "old-flyer-code", "pseudonym": "p"})
    assert answer.status_code == 201, answer.json
    db.session.remove()  # PostgreSQL: the join's connection would block the ALTER TABLEs
    downgrade(revision="e8b41f6c2d37")


def test_commands_on_a_database_never_migrated_say_what_to_run(fresh_app, monkeypatch):
    """`camwalk demo`, and the worker started beside `serve --migrate` once its wait is over,
    died with "no such table" and a traceback."""
    from server import commands

    monkeypatch.setattr(commands, "WORKER_WAITS_FOR_MIGRATIONS_S", 0)
    runner = fresh_app.test_cli_runner()
    for command in (commands.demo_command, commands.worker_command):
        result = runner.invoke(command, ["--nice", "0"] if command.name == "worker" else [])
        assert result.exit_code == 1, result.output
        assert "Run `camwalk db upgrade`" in result.output
        assert "no migration at all" in result.output
        assert "Traceback" not in result.output

    upgrade()
    result = runner.invoke(commands.demo_command, ["--json"])
    assert result.exit_code == 0, result.output


def test_a_worker_waiting_for_the_migrations_reads_the_migration_scripts_once(
    fresh_app, monkeypatch
):
    """It asks every second, for up to two minutes; the scripts do not change meanwhile."""
    from types import SimpleNamespace

    from alembic import script

    from server import commands

    built = []

    class CountedScripts(script.ScriptDirectory):
        def __init__(self, *args, **kwargs):
            built.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(script, "ScriptDirectory", CountedScripts)
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 3:  # `camwalk db upgrade` ends while the worker waits
            upgrade()

    monkeypatch.setattr(commands, "time", SimpleNamespace(monotonic=lambda: 0.0, sleep=sleep))

    commands.require_migrated(wait_s=60)

    assert len(waits) == 3
    assert len(built) <= 1


def test_a_database_a_newer_version_migrated_is_refused_at_once_with_what_to_run(
    fresh_app, monkeypatch
):
    """Code taken back to an earlier version: `camwalk db upgrade` cannot find the database's
    revision, so advising it was wrong, and the worker waited two minutes for nothing."""
    from types import SimpleNamespace

    from server import commands

    upgrade()
    head = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    db.session.execute(sa.text("UPDATE alembic_version SET version_num = '0f1e2d3c4b5a'"))
    db.session.commit()

    def sleep(seconds):
        raise AssertionError("waited for a migration this code does not have")

    monkeypatch.setattr(commands, "time", SimpleNamespace(monotonic=lambda: 0.0, sleep=sleep))
    runner = fresh_app.test_cli_runner()
    for command in (commands.demo_command, commands.worker_command):
        result = runner.invoke(command, ["--nice", "0"] if command.name == "worker" else [])

        assert result.exit_code == 1, result.output
        assert "at migration 0f1e2d3c4b5a, which this version of camwalk does not know" in (
            result.output
        )
        assert f"run `camwalk db downgrade {head}` with the newer version" in result.output
        assert "db upgrade" not in result.output


def _left_open(invoke):
    """`invoke()`'s result, and the database connections it opened and left open."""
    opened = []

    def connected(dbapi_connection, _record):
        opened.append(dbapi_connection)

    sa.event.listen(sa.pool.Pool, "connect", connected)
    try:
        result = invoke()
    finally:
        sa.event.remove(sa.pool.Pool, "connect", connected)
    return result, [connection for connection in opened if not _closed(connection)]


def _closed(dbapi_connection) -> bool:
    try:
        dbapi_connection.cursor().execute("SELECT 1")
    except Exception:  # each driver says "closed" its own way
        return True
    return False


def test_serve_refuses_a_database_its_migrations_have_not_reached(fresh_app, monkeypatch):
    """The code updated and the server restarted before `camwalk db upgrade`: it started,
    and answered 500 to every walker's sync (a column it reads was missing)."""
    from server import commands, serve

    upgrade(revision="e1f4a9c7b250")  # an instance of some days ago
    db.session.remove()  # PostgreSQL: our connection would block `--migrate`'s ALTER TABLEs
    for name in ("DATABASE_URL", "INSTANCE_PATH", "SECRET_KEY"):
        monkeypatch.setenv(f"CAMWALK_{name}", fresh_app.config[name])
    served = []
    monkeypatch.setattr(serve, "serve", lambda *args: served.append(args))
    runner = fresh_app.test_cli_runner()

    result, left = _left_open(lambda: runner.invoke(commands.serve_command, []))

    assert result.exit_code == 1, result.output
    assert "The database is at e1f4a9c7b250" in result.output
    assert "Run `camwalk db upgrade`" in result.output
    assert served == []
    assert left == []

    result, left = _left_open(lambda: runner.invoke(commands.serve_command, ["--migrate"]))

    assert result.exit_code == 0, result.output
    assert len(served) == 1
    # Nothing left open for gunicorn's workers to inherit: the session's connection outlived
    # the engine's dispose, and was collected in some later test of `make test`, warning there.
    assert left == []


def test_run_refuses_a_database_its_migrations_have_not_reached(fresh_app, monkeypatch):
    """`make run` migrates first, but `camwalk run` alone, on a database an update of the code
    had not reached, served the app and answered 500 to every sync, where `serve` refused."""
    import flask.cli

    from server import in_use
    from server.cli import cli

    upgrade(revision="e1f4a9c7b250")  # an instance of some days ago
    served = []
    monkeypatch.setattr(flask.cli, "run_simple", lambda *args, **kwargs: served.append(args))
    held = []  # the lock file a server keeps open while it runs: closed at the end
    monkeypatch.setattr(in_use, "_held", held)
    runner = fresh_app.test_cli_runner()

    result = runner.invoke(cli, ["run", "--port", "5999"])

    assert result.exit_code == 1, result.output
    assert "The database is at e1f4a9c7b250" in result.output
    assert "Run `camwalk db upgrade`" in result.output
    assert served == []

    upgrade()
    result = runner.invoke(cli, ["run", "--port", "5999"])

    assert result.exit_code == 0, result.output
    assert len(served) == 1
    for file in held:
        file.close()


def test_an_invite_still_admits_after_a_downgrade_and_a_new_upgrade(fresh_app):
    """The downgrade keeps each invite's hash where its code was; the upgrade that follows
    hashed that hash again, and every flyer printed before stopped admitting for good."""
    from server.groups.invites import code_columns
    from server.groups.models import Group, Invite

    upgrade()
    group = Group(name="G", slug="g")
    db.session.add(group)
    db.session.flush()
    db.session.add(Invite(group_id=group.id, **code_columns("flyer-code")))
    db.session.commit()
    db.session.remove()  # PostgreSQL: our connection would block the ALTER TABLEs

    downgrade(revision="e8b41f6c2d37")  # taken back to a version before hashed codes
    upgrade()  # and forward again

    client = fresh_app.test_client()
    answer = client.post("/api/v1/join", json={"invite_code": "flyer-code", "pseudonym": "p"})
    assert answer.status_code == 201, answer.json


def test_commands_on_a_database_the_upgrade_has_not_reached_say_what_to_run(fresh_app, tmp_path):
    """The code updated, `camwalk db upgrade` not yet run: these ended in a traceback (a
    column their models read was missing)."""
    from server.cli import cli

    upgrade(revision="e8b41f6c2d37")  # an instance of two weeks ago
    osm_file = tmp_path / "cameras.osm"
    osm_file.write_text('<osm version="0.6"></osm>')
    runner = fresh_app.test_cli_runner()
    for args in (
        ["demo"],
        ["group", "create", "Technopolice Lyon"],
        ["group", "sign-in-link", "demo-marseille", "karim"],
        ["export", "geojson", "--walk", "1", "-o", str(tmp_path / "walk.geojson")],
        ["osm", "import", str(osm_file)],
        ["photos", "gc"],
    ):
        result = runner.invoke(cli, args)

        assert result.exit_code == 1, (args, result.output)
        assert "The database is at e8b41f6c2d37" in result.output, (args, result.exception)
        assert "Run `camwalk db upgrade`" in result.output


def test_the_check_commands_make_without_alembic_find_alembics_heads_and_revisions():
    from server.schema_check import heads_on_disk, known_migrations, migration_scripts

    assert heads_on_disk() == set(migration_scripts().get_heads())
    revisions = {script.revision for script in migration_scripts().walk_revisions()}
    assert known_migrations() == revisions
