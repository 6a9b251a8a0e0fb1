"""`camwalk --help` is drawn from an index in server/cli.py, without the app: it must stay the
full command group's help page, word for word."""

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from server.cli import COMMANDS, help_index, main
from server.commands import cli
from tests.camwalk_program import WHOLE_APP_ONLY, loaded, run_camwalk

ROOT = Path(__file__).resolve().parents[2]


def test_the_index_names_every_command_of_the_full_group_and_no_other(app):
    # The full group's list includes what the app and Flask's plugins add (db, openapi, limiter).
    from flask.cli import ScriptInfo

    ctx = click.Context(cli, obj=ScriptInfo(create_app=lambda: app))
    assert sorted(COMMANDS) == cli.list_commands(ctx)


@pytest.mark.parametrize("columns", ["50", "80", "200"])
def test_the_quick_help_page_is_the_full_groups_help_page(app, columns):
    # Terminal width decides where click cuts the short help of each command: compare at several.
    full = app.test_cli_runner().invoke(
        cli, ["--help"], prog_name="camwalk", env={"COLUMNS": columns}
    )
    quick = CliRunner().invoke(
        help_index, ["--help"], prog_name="camwalk", env={"COLUMNS": columns}
    )
    assert full.exit_code == quick.exit_code == 0
    assert quick.output == full.output
    # Flask's --env-file needs python-dotenv, which camwalk does not install: never offered.
    assert "--env-file" not in full.output


def test_camwalk_alone_shows_the_help_and_fails_as_the_full_group_does(app):
    full = app.test_cli_runner().invoke(cli, [], prog_name="camwalk")
    quick = CliRunner().invoke(help_index, [], prog_name="camwalk")
    assert quick.exit_code == full.exit_code == 2
    assert quick.output == full.output


def _python(script: str) -> subprocess.CompletedProcess:
    """`script` in a fresh interpreter, as the camwalk program starts: nothing loaded yet."""
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )


def test_camwalk_help_loads_neither_flask_nor_the_app():
    script = (
        "import sys\n"
        "from server.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('flask', 'flask_sqlalchemy', 'sqlalchemy', 'server.factory',"
        " 'server.commands')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = _python(script)
    assert "LOADED []" in done.stderr
    listed = {line.split()[0] for line in done.stdout.split("Commands:\n")[1].splitlines()}
    assert listed == set(COMMANDS)


# What the help of a project's command must not load: the database layer, the app, the
# image libraries. Its help needs click and Flask's command group, nothing the command uses.
COMMAND_HELP_MUST_NOT_LOAD = (
    "sqlalchemy", "flask_sqlalchemy", "geoalchemy2", "server.extensions", "server.factory",
    "PIL", "numpy",
)  # fmt: skip


def test_the_help_of_every_project_command_loads_no_database_nor_app():
    # One process asks for every page in turn and says after which one something heavy was
    # first loaded: the command whose module imports it at its top.
    script = (
        "import sys\n"
        "import click\n"
        "from server.cli import main\n"
        "from server.commands import cli\n"
        f"heavy = {COMMAND_HELP_MUST_NOT_LOAD!r}\n"
        "pages = []\n"
        "for name in sorted(cli.own_commands):\n"
        "    command = cli.commands[name]\n"
        "    pages.append([name])\n"
        "    if isinstance(command, click.Group):\n"
        "        pages += [[name, sub] for sub in sorted(command.commands)]\n"
        "for page in pages:\n"
        "    try:\n"
        "        main([*page, '--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    found = sorted(m for m in heavy if m in sys.modules)\n"
        "    print('PAGE', ' '.join(page), found, file=sys.stderr)\n"
    )
    done = _python(script)
    pages = [line.removeprefix("PAGE ") for line in done.stderr.splitlines() if "PAGE " in line]
    assert {"export osc []", "osm upload []", "photos gc []", "worker []"} <= set(pages)
    assert [page for page in pages if not page.endswith(" []")] == []
    assert done.stdout.count("Usage: camwalk") == len(pages)


def test_a_command_still_goes_to_the_full_group(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["group", "--help"])
    assert stopped.value.code == 0
    assert "create" in capsys.readouterr().out


def test_flasks_and_the_extensions_commands_still_get_the_whole_app(app, group):
    # The program builds its own app (tests/camwalk_program.py): the whole one for these, which
    # look into its routes and its API.
    routes = run_camwalk(app, "routes")
    spec = run_camwalk(app, "openapi", "print")

    assert routes.returncode == spec.returncode == 0, routes.stderr + spec.stderr
    assert "/api/v1/groups/<int:group_id>/sync" in routes.stdout
    assert json.loads(spec.stdout)["info"]["title"] == "camwalk"
    for done in (routes, spec):
        assert loaded(done) == sorted(WHOLE_APP_ONLY)


def test_flask_migrates_commands_get_the_core_app_and_the_migrations(app, group):
    current = run_camwalk(app, "db", "current")
    # Autogenerate compares the models with the database: all of them are on the core app.
    check = run_camwalk(app, "db", "check")

    assert current.returncode == 0, current.stderr
    assert "(head)" in current.stdout
    assert check.returncode == 0, check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr
    for done in (current, check):
        # Not the API nor a blueprint (Flask loads Flask-Limiter's plugin command, not ours).
        assert "flask_migrate" in loaded(done)
        assert not {"flask_smorest", "fpdf", "server.reports"} & set(loaded(done))


def test_the_projects_commands_run_on_the_core_app(app, group):
    created = run_camwalk(app, "group", "create", "Belsunce")

    assert created.returncode == 0, created.stderr
    assert "Group 'Belsunce' created" in created.stdout
    assert loaded(created) == []


def test_the_core_app_has_the_settings_and_database_of_the_whole_one_and_nothing_web(app):
    from server import create_app
    from server.extensions import db

    config = {
        "DATABASE_URL": app.config["DATABASE_URL"],
        "INSTANCE_PATH": app.instance_path,
        "SECRET_KEY": "x",
    }
    whole, core = create_app(config), create_app(config, core_only=True)
    try:
        # Every setting the same (the extensions of the whole app add a few of their own).
        assert dict(core.config) == {name: whole.config[name] for name in core.config}
        # The web server's app: every blueprint, the API spec, the guards and headers.
        assert {"auth", "groups", "sync", "photos", "osm_export", "pwa", "api-docs"} <= set(
            whole.blueprints
        )
        assert whole.before_request_funcs and whole.after_request_funcs
        assert core.blueprints == {}
        assert not core.before_request_funcs and not core.after_request_funcs
        assert not core.error_handler_spec
        assert [rule.rule for rule in core.url_map.iter_rules()] == ["/static/<path:filename>"]
        with core.app_context():
            assert db.session.scalar(db.text("SELECT 1")) == 1
    finally:
        for made in (whole, core):
            with made.app_context():
                db.engine.dispose()


def test_called_in_process_main_leaves_the_cycle_collector_alone(capsys):
    # Only the camwalk program freezes what it loaded (server/cli.py, loading()): a test run
    # frozen by a call would keep every object it had then, garbage included, for good.
    import gc

    before = gc.get_freeze_count()
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert gc.get_freeze_count() == before
    assert gc.isenabled()
    assert "osc" in capsys.readouterr().out
