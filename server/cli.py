"""The `camwalk` entry point.

Most commands need the Flask app, and loading it (Flask, SQLAlchemy, every blueprint) is most
of their start-up time. What needs no app runs without it:

- `camwalk exif` loads the EXIF reader alone;
- `camwalk --help` (and `camwalk` alone) is drawn from the index below, with click only. The full
  group lists its commands by building the app (Flask-Migrate and flask-smorest add theirs to it)
  and importing every command module: about 2 s against 0.1 s (bench/cli_start_bench.py).
- the help page of one of the project's own commands (`camwalk export osc --help`) loads the
  full group, but not the app: the modules that define the commands (server/commands.py,
  server/osm/cli.py, server/photos/cli.py) load click and Flask's command helpers only, and
  import the database, the models and the work a command does inside the command. That is the
  rule for every command module: at its top, nothing a help page does not need
  (tests/server/test_cli.py checks every page).

Everything else goes to the full command group in `server/commands.py`, which builds the
smallest app the command can run on (the project's own commands and `db` need no blueprint), with
the cycle collector kept out of what start-up loads (loading() below). The index is a copy of
what that group shows, so tests/server/test_cli.py compares the two help pages word for word: a
command added there and not here fails it.
"""

import gc
import importlib
import sys
from contextlib import contextmanager

import click

# Commands that need no app: name → (module, click command in it).
STANDALONE = {"exif": ("server.photos.exif_cli", "exif_command")}

GROUP_HELP = "camwalk: map surveillance cameras on foot, offline first."

# Every command of the full group → the first paragraph of its help, which click shortens to fit.
COMMANDS = {
    "backup": "Back up the database and the photos into a new folder.",
    "db": "Perform database migrations.",
    "demo": "Create (or replace) a demo group in Marseille and print how to log in.",
    "exif": "Print position, altitude, direction and time of each photo FILE, one JSON line each.",
    "export": "Export a walk or a group: osmChange for OSM, GeoJSON and CSV for maps and tables.",
    "group": "Create and manage groups.",
    "limiter": "Flask-Limiter maintenance & utility commands",
    "openapi": "OpenAPI commands.",
    "osm": "Existing OSM cameras (cache) and uploads to OpenStreetMap.",
    "photos": "Maintain the photo files.",
    "restore": "Replace the database and photos with a backup's (stop the server first).",
    "routes": "Show the routes for the app.",
    "run": "Run a development server.",
    "serve": "Run the production server (gunicorn); see server/gunicorn_conf.py for settings.",
    "shell": "Run a shell in the app context.",
    "worker": "Run the photo worker: read uploaded photos' EXIF and make their served copies.",
}

# The options Flask's command group adds (flask.cli), as its help shows them, but
# `--env-file`, which needs python-dotenv (not installed: settings come from CAMWALK_*
# variables, server/config.py) and could only fail (server/commands.py drops it).
GROUP_OPTIONS = (
    (
        "-A, --app IMPORT",
        "The Flask application or factory function to load, in the form 'module:name'. "
        "Module can be a dotted import or file path. Name is not required if it is 'app', "
        "'application', 'create_app', or 'make_app', and can be 'name(args)' to pass "
        "arguments.",
    ),
    ("--debug / --no-debug", "Set debug mode."),
)


class _HelpIndex(click.Group):
    """The `camwalk` group as its help page shows it: names and help text, no commands behind."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name in COMMANDS:
            return click.Command(name, help=COMMANDS[name])
        return None

    def format_options(self, ctx, formatter):
        records = [*GROUP_OPTIONS, self.get_help_option(ctx).get_help_record(ctx)]
        with formatter.section("Options"):
            formatter.write_dl(records)
        self.format_commands(ctx, formatter)


help_index = _HelpIndex("camwalk", help=GROUP_HELP)


# True once main() runs as the `camwalk` program (its arguments from the command line), not
# called by a test or a script: only then does loading() touch the cycle collector.
_program = False


@contextmanager
def loading():
    """Load what the program keeps until it ends (modules, the app) with the cycle collector
    paused, then move all of it out of the collector's view (gc.freeze), as gunicorn's workers
    do (server/gunicorn_conf.py). Those objects are never garbage, yet the collector walked
    them at every full collection while they loaded (a tenth of a second for `camwalk export`),
    during the command, and again, several times, as the interpreter shut down (more than
    that). What the command itself makes stays collected as usual."""
    if not _program or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None):
    global _program
    _program = _program or argv is None
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in STANDALONE:
        module, name = STANDALONE[argv[0]]
        command = getattr(importlib.import_module(module), name)
        return command.main(args=argv[1:], prog_name=f"camwalk {argv[0]}")
    if argv in ([], ["--help"]):
        return help_index.main(args=argv, prog_name="camwalk")
    with loading():
        from server.commands import cli

    return cli.main(args=argv, prog_name="camwalk")


def __getattr__(name: str):
    # `from server.cli import cli`: the full group, as tests and scripts have always named it.
    if name == "cli":
        from server.commands import cli

        return cli
    raise AttributeError(f"module 'server.cli' has no attribute {name!r}")
