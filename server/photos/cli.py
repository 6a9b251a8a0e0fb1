"""`camwalk photos ...`: maintenance of the photo files (the work is in server/photos/gc.py,
loaded when a command runs: a help page needs click alone, server/cli.py)."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

# An upload takes seconds; an hour leaves a wide margin for a slow one still in flight.
DEFAULT_MIN_AGE_S = 3600


@click.group("photos")
def photos_group():
    """Maintain the photo files."""


@photos_group.command("gc")
@click.option("--yes", is_flag=True, help="Delete the files listed (otherwise only list).")
@click.option(
    "--min-age-minutes",
    type=click.FloatRange(min=0),
    default=DEFAULT_MIN_AGE_S / 60,
    show_default=True,
    help="Leave younger files alone (an upload may be about to commit).",
)
@with_appcontext
def gc_command(yes: bool, min_age_minutes: float):
    """List photo files with no row (left by a crash), and originals the group's setting no
    longer allows; delete them with --yes."""
    from server.photos.gc import delete_orphans, find_orphans
    from server.photos.storage import PhotoStoreAway

    root = Path(current_app.config["PHOTO_DIR"])
    try:
        orphans = find_orphans(root, min_age_minutes * 60)
    except PhotoStoreAway as error:
        raise click.ClickException(PhotoStoreAway.message) from error
    for orphan in orphans:
        click.echo(f"{orphan.path.relative_to(root)}\t{orphan.size_bytes}\t{orphan.reason}")
    total = sum(orphan.size_bytes for orphan in orphans)
    if not yes:
        click.echo(f"{len(orphans)} orphan files ({total} bytes); run with --yes to delete them")
        return
    try:
        deleted = delete_orphans(root, orphans)
    except PhotoStoreAway as error:
        raise click.ClickException(PhotoStoreAway.message) from error
    click.echo(f"deleted {deleted} orphan files ({total} bytes)")
