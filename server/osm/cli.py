"""`camwalk osm ...` (cache, upload) and `camwalk export ...` (osmChange, GeoJSON, CSV)."""

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import with_appcontext

# The database, models and errors load inside the commands: a help page needs none of them
# (server/cli.py).
if TYPE_CHECKING:
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
@click.option(
    "--parent-ways",
    is_flag=True,
    help="The file holds every way that uses one of its cameras (a full extract, the API's map "
    "call, Overpass with `way(bn)` or `<;`): cameras on none may then be moved or deleted. "
    "Without it only the ways it holds count. Says nothing of relations: see --parent-relations.",
)
@click.option(
    "--parent-relations",
    is_flag=True,
    help="The file holds every relation that lists one of its cameras (a full extract, the "
    "API's map call, Overpass with `rel(bn)` or `<;`): cameras in none may then be deleted. "
    "Without it the relations it holds are added to those known, and a camera none of them "
    "lists keeps what camwalk knew (not known, for a new one: never deleted).",
)
@with_appcontext
def import_command(file: str, bbox: str | None, parent_ways: bool, parent_relations: bool):
    """Cache the man_made=surveillance nodes of an OSM XML or Overpass JSON file."""
    from server.errors import ApiError
    from server.osm.importer import import_file

    try:
        result = import_file(
            file, _bbox_option(bbox), parent_ways=parent_ways, parent_relations=parent_relations
        )
    except ApiError as error:
        raise click.ClickException(error.message) from error
    click.echo(_import_summary(result))


@osm_group.command("fetch")
@click.option("--walk", "walk_id", type=int, required=True)
@click.option("--source", type=click.Choice(["overpass", "api"]), default="overpass")
@with_appcontext
def fetch_command(walk_id: int, source: str):
    """Fetch the cameras around a walk from Overpass (or the OSM API map call)."""
    from server.errors import ApiError
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


def _walk(walk_id: int) -> "Walk":
    from server.extensions import db
    from server.groups.models import Walk

    walk = db.session.get(Walk, walk_id)
    if walk is None:
        raise click.ClickException(f"no walk {walk_id}")
    return walk


def _import_summary(result) -> str:
    summary = (
        f"{result.added} added, {result.updated} updated, "
        f"{result.vertex_changed} with a changed way-vertex flag, {result.unchanged} unchanged, "
        f"{result.removed} removed (deleted upstream), {result.not_nodes} cameras mapped as "
        "ways or relations left out"
        f"\nrelations: {result.relations_changed} nodes with a changed list of relations"
    )
    if result.kept_newer:
        summary += (
            f"\n{result.kept_newer} cached nodes are newer in camwalk than in the data "
            "(an upload changed them since): kept as camwalk has them"
        )
    if result.kept_deleted:
        nodes = "node" if result.kept_deleted == 1 else "nodes"
        summary += (
            f"\n{result.kept_deleted} {nodes} camwalk's uploads took out of OSM: kept out (the "
            "data is older than the upload; one a mapper brought back has a newer version)"
        )
    if result.basemap_features is not None:
        summary += f"\nwalk map: {result.basemap_features} streets, paths, buildings and landmarks"
    if result.vertex_unknown:
        summary += (
            f"\n{result.vertex_unknown} of these nodes are not known to be on a way or not "
            "(the data was not known to hold their parent ways): camwalk will not delete or "
            "move them until `camwalk osm fetch` brings those ways"
        )
    if result.relations_unknown:
        summary += (
            f"\n{result.relations_unknown} of these nodes are not known to be in a relation or "
            "not (the data was not known to hold every relation listing them): camwalk will not "
            "delete them until `camwalk osm fetch`, or an import with --parent-relations, "
            "brings those relations"
        )
    return summary


def print_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


@click.group("export")
def export_group():
    """Export a walk or a group: osmChange for OSM, GeoJSON and CSV for maps and tables."""


def _scope(walk_id: int | None, group_id: int | None):
    from server.exports.osc import Scope
    from server.extensions import db
    from server.groups.models import Group

    if (walk_id is None) == (group_id is None):
        raise click.UsageError("give exactly one of --walk and --group")
    if walk_id is not None:
        return Scope.of_walk(_walk(walk_id))
    group = db.session.get(Group, group_id)
    if group is None:
        raise click.ClickException(f"no group {group_id}")
    return Scope.of_group(group)


class _OutputFile(click.Path):
    """A file to write, whose folder must exist and be writable: checked before any work, for
    an export found out only when it opened its file, after matching the whole group, and
    then ended in a traceback."""

    def convert(self, value, param, ctx):
        path = super().convert(value, param, ctx)
        folder = path.parent
        if not folder.is_dir():
            self.fail(f"folder '{folder}' does not exist", param, ctx)
        if not os.access(folder, os.W_OK):
            self.fail(f"folder '{folder}' is not writable", param, ctx)
        return path


output_option = click.option(
    "-o", "--output", type=_OutputFile(dir_okay=False, path_type=Path), required=True
)


def part_paths(output: Path):
    """Part 0 goes to OUTPUT itself, part n to OUTPUT-<n+1>.osc next to it."""

    def open_part(number: int):
        path = output if number == 0 else output.with_name(f"{output.stem}-{number + 1}.osc")
        return path.open("wb")

    return open_part


@export_group.command("osc")
@click.option("--walk", "walk_id", type=int)
@click.option("--group", "group_id", type=int)
@output_option
@click.option("--max-distance", type=float, help="Metres to match an OSM camera (default 10).")
@with_appcontext
def export_osc_command(walk_id, group_id, output: Path, max_distance: float | None):
    """Write the approved observations as osmChange (split every 10,000 elements)."""
    from server.exports.osc import export_osc, short_report

    scope = _scope(walk_id, group_id)
    result = export_osc(scope, part_paths(output), max_distance_m=max_distance)
    click.echo(short_report(result))


def _table_command(kind: str):
    @click.option("--walk", "walk_id", type=int)
    @click.option("--group", "group_id", type=int)
    @output_option
    @click.option("--private", is_flag=True, help="Add the walker's pseudonym and note.")
    @click.option(
        "--approved",
        is_flag=True,
        help="Approved cameras only, as approved: a file to publish.",
    )
    @with_appcontext
    def command(walk_id, group_id, output: Path, private: bool, approved: bool, **form):
        # `form`: the CSV's `spreadsheet`, an option the GeoJSON command does not have.
        from server.exports.tables import write_csv, write_geojson

        write = write_geojson if kind == "geojson" else write_csv
        scope = _scope(walk_id, group_id)
        with output.open("wb") as out:
            count = write(scope, out, private=private, approved=approved, **form)
        click.echo(f"{count} observations written to {output}")

    command.__doc__ = f"Write the observations of a walk or group as {kind.upper()}."
    if kind == "csv":
        command = click.option(
            "--spreadsheet",
            is_flag=True,
            help="For Excel or LibreOffice: UTF-8 with a BOM, semicolons, formulas neutralised.",
        )(command)
    return export_group.command(kind)(command)


_table_command("geojson")
_table_command("csv")


@osm_group.command("upload")
@click.option("--walk", "walk_id", type=int, help="Upload one walk (one changeset).")
@click.option("--group", "group_id", type=int, help="Upload a group: one changeset per walk.")
@click.option("--dry-run", is_flag=True, help="Build the changeset and print it; send nothing.")
@click.option("--api-url", help="OSM API root for --token (default: the app's OSM_API_URL).")
@click.option(
    "--token",
    envvar="CAMWALK_OSM_TOKEN",
    help="OAuth 2.0 token with write_api (default: the group's connected OSM account).",
)
@with_appcontext
def upload_command(walk_id, group_id, dry_run: bool, api_url: str | None, token: str | None):
    """Upload approved changes to OpenStreetMap (a changeset per walk, split at 10,000)."""
    from server.errors import ApiError
    from server.exports.upload import upload_group, upload_scope
    from server.extensions import db
    from server.groups.models import Group

    scope = _scope(walk_id, group_id)
    group = db.session.get(Group, scope.group_id)
    client = None if dry_run else _upload_client(group, token, api_url)
    try:
        if group_id is not None:
            result = upload_group(group, client, dry_run=dry_run)
        else:
            result = upload_scope(scope, client, dry_run=dry_run)
    except ApiError as error:  # another upload of the group is under way
        raise click.ClickException(error.message) from error
    finally:
        if client is not None:
            client.close()
    if dry_run and result.osmchange:
        click.echo(result.osmchange.decode("utf-8"))
    print_json(result.as_dict())


def _upload_client(group, token: str | None, api_url: str | None):
    """An explicit token wins; otherwise the group's connected account. Checklist first."""
    from server.errors import ApiError
    from server.exports.checklist import require_ready
    from server.osm.client import OsmClient
    from server.osm.oauth import upload_client

    try:
        require_ready(group)
        if token:
            return OsmClient.from_config(current_app.config, token, api_url)
        return upload_client(group.id, current_app.config)
    except ApiError as error:
        raise click.ClickException(error.message) from error
