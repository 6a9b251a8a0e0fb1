"""`camwalk osm ...` (cache, upload) and `camwalk export ...` (osmChange, GeoJSON, CSV)."""

import json

import click
from flask import current_app
from flask.cli import with_appcontext

from server.errors import ApiError
from server.extensions import db
from server.groups.models import Walk


def _bbox_option(value: str | None):
    if value is None:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError as error:
        raise click.BadParameter("expected W,S,E,N in degrees") from error
    return west, south, east, north


@click.group("osm")
def osm_group():
    """Existing OSM cameras (cache) and uploads to OpenStreetMap."""


@osm_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--bbox", help="W,S,E,N the file covers completely (removes nodes absent from it).")
@with_appcontext
def import_command(file: str, bbox: str | None):
    """Cache the man_made=surveillance nodes of an OSM XML or Overpass JSON file."""
    from server.osm.importer import import_file

    try:
        result = import_file(file, _bbox_option(bbox))
    except ApiError as error:
        raise click.ClickException(error.message) from error
    click.echo(_import_summary(result))


@osm_group.command("fetch")
@click.option("--walk", "walk_id", type=int, required=True)
@click.option("--source", type=click.Choice(["overpass", "api"]), default="overpass")
@with_appcontext
def fetch_command(walk_id: int, source: str):
    """Fetch the cameras around a walk from Overpass (or the OSM API map call)."""
    from server.osm.client import OsmClient, OsmHttpError
    from server.osm.importer import fetch_for_walk

    walk = _walk(walk_id)
    client = OsmClient.from_config(current_app.config)
    try:
        result = fetch_for_walk(walk, client, source)
    except (ApiError, OsmHttpError) as error:
        raise click.ClickException(str(getattr(error, "message", error))) from error
    finally:
        client.close()
    click.echo(_import_summary(result))


def _walk(walk_id: int) -> Walk:
    walk = db.session.get(Walk, walk_id)
    if walk is None:
        raise click.ClickException(f"no walk {walk_id}")
    return walk


def _import_summary(result) -> str:
    return (
        f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.removed} removed (deleted upstream), {result.not_nodes} cameras mapped as "
        "ways or relations left out"
    )


def print_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


@click.group("export")
def export_group():
    """Export a walk or a group: osmChange for OSM, GeoJSON and CSV for maps and tables."""
