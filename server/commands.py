"""The `camwalk` command group: Flask's commands (run, db …) and the project's own.

`server/cli.py` is the entry point; it loads this module for every command that needs the app.

The project's own commands run on the core app (server/factory.py: settings, database and
models), which starts in a fraction of the whole app's time, and so does Flask-Migrate's `db`,
with the migrations added. Flask's other commands and those of the other extensions (`run`,
`shell`, `routes`, `openapi`, `limiter`) get the whole app, which they look into. The web
server builds its own app, always whole (server/serve.py).
"""

import contextlib
import functools
import json
import logging
import os
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo, with_appcontext
from flask.cli import run_command as flask_run_command

from server import address
from server.cli import GROUP_HELP, loading
from server.osm.cli import export_group, osm_group
from server.photos.cli import photos_group
from server.photos.exif_cli import exif_command


@click.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object, for scripts.")
@click.option("--base-url", default=None, help="Address the server is reached at.")
@with_appcontext
def demo_command(as_json: bool, base_url: str | None):
    """Create (or replace) a demo group in Marseille and print how to log in."""
    from server.demo import DEMO_NAME, DemoSlugTaken, create_demo

    base_url = _base_url(base_url)
    try:
        demo = create_demo(date.today())
    except DemoSlugTaken as error:
        raise click.ClickException(str(error)) from error
    invite_url = f"{base_url}/join/{demo.invite_code}"
    if as_json:
        click.echo(json.dumps({**asdict(demo), "invite_url": invite_url}))
        return
    click.echo(
        f"Demo group created: {DEMO_NAME}, id {demo.group_id}\n"
        f"  walk 'Noailles – Vieux-Port' (id {demo.walk_id}): {demo.observations} cameras "
        f"logged, {demo.osm_nodes} cameras already in OSM nearby\n\n"
        f"Walkers join by opening {invite_url}\n"
        f"  (or as 'mouette' with the device token {demo.walker_token})\n\n"
        f"Organiser login: group {demo.group_slug}, pseudonym {demo.organiser_pseudonym}, "
        f"password {demo.organiser_password}\n"
        f"  curl -s {base_url}/api/v1/login -H 'Content-Type: application/json' "
        f'-d \'{{"group": "{demo.group_slug}", "pseudonym": '
        f'"{demo.organiser_pseudonym}", "password": "{demo.organiser_password}"}}\''
    )


@click.group("group")
def group_command():
    """Create and manage groups."""


@group_command.command("create")
@click.argument("name")
@click.option("--hashtags", default=None, help="Campaign hashtags for OSM changesets.")
@click.option("--base-url", default=None, help="Address the server is reached at.")
@with_appcontext
def group_create_command(name: str, hashtags: str | None, base_url: str | None):
    """Create a group and print a one-time link that makes its first organiser."""
    from server.groups.invites import (
        FIRST_ORGANISER_LINK_DAYS,
        create_group_with_organiser_link,
        readable_code,
    )

    group, invite = create_group_with_organiser_link(name, hashtags)
    link = f"{_base_url(base_url)}/join/{readable_code(invite)}"
    click.echo(
        f"Group '{group.name}' created (id {group.id}, slug {group.slug}).\n"
        f"Open this link once, within {FIRST_ORGANISER_LINK_DAYS} days, to become its "
        f"organiser:\n  {link}"
    )


@group_command.command("sign-in-link")
@click.argument("group_slug")
@click.argument("pseudonym")
@click.option("--base-url", default=None, help="Address the server is reached at.")
@with_appcontext
def group_sign_in_link_command(group_slug: str, pseudonym: str, base_url: str | None):
    """Print a one-use sign-in link for a member (an organiser who forgot her password too)."""
    from sqlalchemy import select

    from server.auth import sign_in_links
    from server.auth.models import Member
    from server.extensions import db
    from server.groups.models import Group

    # The server's operator, at its shell, may let anyone back in; in the app, organisers
    # make links for walkers only (server/groups/members.py make_sign_in_link).
    member = db.session.scalar(
        select(Member)
        .join(Group, Group.id == Member.group_id)
        .where(Group.slug == group_slug, Member.pseudonym == pseudonym)
        .where(Member.removed_at.is_(None))
    )
    if member is None:
        raise click.ClickException(f"no member '{pseudonym}' in group '{group_slug}'")
    link, code = sign_in_links.create_link(member, created_by_id=None)
    click.echo(
        f"Open this link once, before {link.expires_at:%Y-%m-%d %H:%M} UTC, on the phone or "
        f"laptop to sign in as {member.pseudonym} ({member.role}); it clears her password, "
        f"which she may then set again:\n  {_base_url(base_url)}/signin/{code}"
    )


@click.command("backup")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(destination: Path):
    """Back up the database and the photos into a new folder."""
    from server.backup import BackupError, backup
    from server.extensions import db
    from server.in_use import a_backup_runs, backup_running
    from server.photos.gc import delete_originals_not_kept
    from server.photos.storage import photo_store

    photo_dir = Path(current_app.config["PHOTO_DIR"])
    try:
        # The worker keeps originals meanwhile, so that every photo the snapshot says is
        # still `received` has its original in the copy (server/in_use.py).
        with backup_running(current_app.instance_path):
            manifest = backup(
                db.engine, photo_store(), destination, current_app.config["SECRET_KEY"]
            )
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Backed up the {manifest['engine']} database (migration {manifest['migration']}) "
        f"and {manifest['photos']} photo files to {destination}"
    )
    if a_backup_runs(current_app.instance_path):
        return  # the last one out tidies up
    # A backup taken between updating the code and `camwalk db upgrade` (the nightly cron
    # one, say) is whole, but the tidying reads the photo table with the new code's columns.
    if (gap := migration_gap_now()) is not None:
        click.echo(f"The originals no group keeps are left until a later backup. {gap.message}")
        return
    delete_originals_not_kept(photo_dir)


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: Path, yes: bool):
    """Replace the database and photos with a backup's (stop the server first)."""
    from server.backup import (
        BackupError,
        check_backup,
        made_under_another_key,
        require_photo_folder,
        restore,
    )
    from server.extensions import db
    from server.in_use import InstanceBusy, hold_exclusively
    from server.photos.preparation import queue_restored
    from server.photos.storage import photo_store

    try:
        manifest = check_backup(db.engine, source)  # before asking: is it one at all?
        require_photo_folder(photo_store())  # and is there a photo folder to put it in?
        lock = hold_exclusively(current_app.instance_path)
    except (BackupError, InstanceBusy) as error:
        raise click.ClickException(str(error)) from error
    try:
        if made_under_another_key(manifest, current_app.config["SECRET_KEY"]):
            click.echo(ANOTHER_KEY)
        if not yes:
            click.confirm(
                f"Replace everything in the configured database and photos with the backup "
                f"of {manifest.get('created_at')}? Go on?",
                abort=True,
            )
        db.session.remove()  # our own open transaction would block the restore's DROPs
        try:
            restore(db.engine, photo_store(), source, manifest, _upgrade_schema)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        requeued = queue_restored()
    finally:
        lock.close()
    click.echo(
        f"Restored the backup of {manifest['created_at']} ({manifest['photos']} photos), "
        f"made at migration {manifest['migration']}, now at this version's schema. "
        f"{requeued} photos still owed their copies are queued for the worker. "
        "Walkers' phones pull everything again on their next sync."
    )


ANOTHER_KEY = (
    "This backup was made by a server with another secret key (CAMWALK_SECRET_KEY, or the "
    "secret_key file of its instance folder). Restored under this server's key, everyone "
    "stays signed in, but invites' codes cannot be shown again (organisers make new ones to "
    "print), the groups' OSM accounts must be connected again and the public map's photos "
    "get new addresses (links shared before answer 404). To keep them, give this server that "
    "key before restoring."
)


def _upgrade_schema() -> None:
    from flask_migrate import upgrade

    from server.factory import install_migrations

    if "migrate" not in current_app.extensions:
        install_migrations(current_app)
    upgrade()


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default $PORT or 8000).")
@click.option("--workers", type=int, default=None, help="Worker processes (default 2×CPU+1).")
@click.option("--migrate", is_flag=True, help="Apply pending migrations before serving.")
def serve_command(host, port, workers, migrate):
    """Run the production server (gunicorn); see server/gunicorn_conf.py for settings.

    Photos uploaded to it are prepared (EXIF read, display and thumbnail copies made) by
    `camwalk worker`, which runs beside it as a process of its own, with the same settings:
    until one runs, photos stay "being prepared"."""
    from server.extensions import db
    from server.factory import create_app
    from server.serve import serve

    # The migrations and their check need the models, not the web app: gunicorn's workers
    # build their own, so this one stays the core app (as the `db` commands load it).
    app = create_app(core_only=True)
    with app.app_context():
        try:
            if migrate:
                _upgrade_schema()
            # On a database its migrations have not reached, the server started, /health said
            # ok, and every walker's sync answered 500 (a column it reads was missing): refuse.
            require_migrated(wait_s=0)
        finally:
            # Gunicorn's workers open their own connections: none is left for them to inherit
            # (the session's first, or the dispose would leave it open), nor after a refusal.
            db.session.remove()
            db.engine.dispose()
    serve(host, port, workers)


@click.command("worker")
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Photos prepared at once (each uses about one core while it decodes).",
)
@click.option(
    "--nice",
    type=click.IntRange(min=0, max=19),
    default=10,
    show_default=True,
    envvar="CAMWALK_WORKER_NICE",
    help="How much lower than the server's the worker's CPU priority is (os.nice; 0: the "
    "same). Env: CAMWALK_WORKER_NICE.",
)
@with_appcontext
def worker_command(threads: int, nice: int):
    """Run the photo worker: read uploaded photos' EXIF and make their served copies.

    Run one beside `camwalk serve` (or several, on PostgreSQL), with the same settings. It
    first queues again the photos a stopped worker left unprepared; stop it with Ctrl-C
    (finishes the photos in hand) or SIGTERM (stops at once; they are redone on restart).
    It runs at a lower CPU priority than the server (`--nice`), so that on a shared machine
    image work waits and walkers' syncs do not."""
    import logging

    # Image work can wait seconds, a walker's sync should not: on a small box the worker and
    # the server share the cores, and at nice 0 the worker's decoding and face detection took
    # their share from sync requests (docs/capacity.md).
    _lower_cpu_priority(nice)
    from server.extensions import db
    from server.photos.preparation import queue_owed
    from server.photos.queue import photo_queue

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    queue = photo_queue()
    if queue.immediate:
        raise click.ClickException("PHOTO_QUEUE_IMMEDIATE is set: uploads prepare their photos.")
    # Started beside `camwalk serve --migrate`, it may come up before the migrations are done.
    require_migrated(wait_s=WORKER_WAITS_FOR_MIGRATIONS_S)
    _hold_instance()
    click.echo(f"queued again {queue_owed(restarting=True)} photos still owed their copies")
    db.session.remove()  # the consumer's jobs open their own sessions
    # On SQLite the worker polls the queue file, backing off while idle up to this many
    # seconds (a read of an empty table); on PostgreSQL it is woken by NOTIFY instead.
    queue.create_consumer(workers=threads, worker_type="thread", max_delay=0.5).run()


def _lower_cpu_priority(by: int) -> None:
    """Lower the priority of every thread of this process by `by`, and so of the threads it
    starts later. Linux gives each thread its own nice value, and imports (numpy's BLAS pool)
    have already started threads that `os.nice` alone, which sets the calling thread's, would
    leave at the server's priority."""
    if not by:
        return
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():  # not Linux: one value for the whole process
        os.nice(by)
        return
    value = os.getpriority(os.PRIO_PROCESS, 0) + by
    for task in tasks.iterdir():
        with contextlib.suppress(ProcessLookupError):  # a thread that ended meanwhile
            os.setpriority(os.PRIO_PROCESS, int(task.name), min(value, 19))


WORKER_WAITS_FOR_MIGRATIONS_S = 120


def require_migrated(wait_s: float) -> None:
    """Go on once the database is at the code's migrations, waiting up to `wait_s` for them;
    else stop with what to run (server/schema_check.py migration_gap). For the commands that
    read the tables with this code's models."""
    deadline = time.monotonic() + wait_s
    while True:
        gap = migration_gap_now()
        if gap is None:
            return
        if gap.newer or time.monotonic() >= deadline:
            raise click.ClickException(gap.message)
        time.sleep(1)


def migration_gap_now():
    """The configured database's server/schema_check.py migration_gap, or None."""
    from server.extensions import db
    from server.schema_check import migration_gap

    with db.engine.connect() as connection:
        return migration_gap(connection)


def _hold_instance() -> None:
    """Mark this process as running on the instance, so that a restore refuses meanwhile."""
    from server.in_use import InstanceBusy, hold_while_running

    try:
        hold_while_running(current_app.instance_path)
    except InstanceBusy as error:
        raise click.ClickException(str(error)) from error


def _base_url(given: str | None) -> str:
    return address.base_url(given, current_app.instance_path, os.environ.get("PORT"))


class _RunRecordingAddress(click.Command):
    """Flask's `run`, which first checks the database is at the code's migrations, as `serve`
    does, then records where it listens (server/address.py)."""

    def invoke(self, ctx):
        app = ctx.ensure_object(ScriptInfo).load_app()
        with app.app_context():
            # `make run` migrates first; `camwalk run` on its own, on a database an update of
            # the code had not reached, served pages and answered 500 to every sync.
            require_migrated(wait_s=0)
            _hold_instance()
        params = ctx.params
        url = address.server_url(params["host"], params["port"], https=bool(params["cert"]))
        address.record(app.instance_path, url)
        from server.access_log import RedactedRequestLines

        logging.getLogger("werkzeug").addFilter(RedactedRequestLines())
        return super().invoke(ctx)


run_command = _RunRecordingAddress(
    name="run",
    callback=flask_run_command.callback,
    params=flask_run_command.params,
    help=flask_run_command.help,
    short_help=flask_run_command.short_help,
)


# What the command being run needs, recorded in click's ScriptInfo for _make_app to read.
_CORE_APP_KEY = "camwalk_core_app"
_MIGRATIONS_KEY = "camwalk_migrations"
# Flask-Migrate's command, which the app adds when it is built: it needs the models and the
# migrations, nothing of the web server.
MIGRATIONS_COMMAND = "db"


class _CamwalkGroup(FlaskGroup):
    """Flask's command group, which builds the core app for the project's commands that need
    no more (`add_own(..., core_app=True)`) and the whole app for every other command."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Flask offers it whether or not python-dotenv is there; camwalk has none (cli.py).
        self.params = [param for param in self.params if param.name != "env_file"]
        self.own_commands: set[str] = set()
        self.core_app_commands: set[str] = set()

    def add_own(self, command: click.Command, *, core_app: bool, migrated: bool = False) -> None:
        """`migrated`: the command reads the tables with this code's models, so it first
        checks the database is at this code's migrations (each of a group's commands)."""
        self.add_command(command)
        self.own_commands.add(command.name)
        if core_app:
            self.core_app_commands.add(command.name)
        if migrated:
            for each in getattr(command, "commands", {command.name: command}).values():
                each.callback = _once_migrated(each.callback)

    def get_command(self, ctx, name):
        # Flask loads its plugins' commands (Flask-Limiter's `limiter`, which imports the
        # limiter) before it looks a name up; none of them is one of ours.
        if name in self.own_commands:
            return self.commands[name]
        return super().get_command(ctx, name)

    def resolve_command(self, ctx, args):
        # Called once, for the command that runs (listing or helping calls get_command only).
        info = ctx.ensure_object(ScriptInfo)
        if args and args[0] == MIGRATIONS_COMMAND:
            # Looking `db` up builds the app, which adds it: say first what to build.
            info.data[_MIGRATIONS_KEY] = True
        name, command, rest = super().resolve_command(ctx, args)
        if name in self.core_app_commands:
            info.data[_CORE_APP_KEY] = True
        return name, command, rest


def _once_migrated(callback):
    """The command, stopping first with what to run when the database is not at this code's
    migrations: on a database an upgrade of the code had not yet reached, `export`, `osm`,
    `group` and `photos` ended in a traceback (a column their models read was missing)."""

    @functools.wraps(callback)
    @with_appcontext
    def checked(*args, **kwargs):
        require_migrated(wait_s=0)
        return callback(*args, **kwargs)

    return checked


def _make_app(*_args):
    from server.factory import create_app, install_migrations

    # Whole unless the command being run said otherwise: also when the app is loaded to list
    # the commands (the help page), to find one the app adds, or outside any command.
    ctx = click.get_current_context(silent=True)
    info = ctx.find_object(ScriptInfo) if ctx is not None else None
    needs = info.data if info is not None else {}
    with loading():
        if needs.get(_MIGRATIONS_KEY):
            app = create_app(core_only=True)
            install_migrations(app)
            return app
        return create_app(core_only=bool(needs.get(_CORE_APP_KEY)))


cli = _CamwalkGroup(create_app=_make_app, add_version_option=False, help=GROUP_HELP)
cli.add_own(run_command, core_app=False)  # replaces FlaskGroup's own `run`
cli.add_own(exif_command, core_app=False)  # needs no app
cli.add_own(serve_command, core_app=False)  # builds its own: the core app; gunicorn's, the whole
# What these use of the app is its settings and database: nothing of what serves HTTP.
# Backup and restore work on a database at any migration; the worker waits for them.
for command in (backup_command, restore_command, worker_command):
    cli.add_own(command, core_app=True)
for command in (demo_command, group_command, osm_group, export_group, photos_group):
    cli.add_own(command, core_app=True, migrated=True)
