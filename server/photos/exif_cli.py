"""The ``camwalk exif`` command: what each photo file says about where and when it was taken.

It prints one JSON object per line and per file, in the order given, so that its output can
be piped to ``jq`` or compared with ``exiftool -n -json``. A file that cannot be read gets its
line too, with ``error`` set, and the command goes on with the next file. Per-field warnings
go to standard error, so standard output stays pure JSON lines.

The command object is ``exif_command``; ``server/commands.py`` registers it on the ``camwalk``
group. ``python -m server.photos.exif_cli FILE...`` runs it without the Flask app.
"""

import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from server.photos.exif_reader import PhotoMetadata


def _line(file: str, metadata: "PhotoMetadata") -> dict[str, object]:
    taken_at = metadata.taken_at
    return {
        "file": file,
        "lat": metadata.lat,
        "lon": metadata.lon,
        "altitude_m": metadata.altitude_m,
        "direction_deg": metadata.direction_deg,
        "direction_ref": metadata.direction_ref,
        "taken_at": taken_at.isoformat() if taken_at else None,  # offset included when known
        "error": metadata.error,
    }


@click.command("exif")
@click.option(
    "--json",
    "json_lines",
    is_flag=True,
    help="Print JSON lines: the default and, for now, the only output format.",
)
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path())
def exif_command(json_lines: bool, files: tuple[str, ...]) -> None:
    """Print position, altitude, direction and time of each photo FILE, one JSON line each.

    Keys: file, lat, lon (signed degrees), altitude_m, direction_deg, direction_ref (T or M),
    taken_at (ISO 8601, with its offset when the photo records one) and error; null where a
    value is absent. Exit status: 0 when every file was read, 1 when at least one could not
    be (its line has an error), 2 for a usage error.
    """
    # Imported here: the `camwalk` group imports this module for every command it runs, and the
    # reader (Pillow, the exif and HEIF libraries) is a tenth of a second that only this uses.
    from server.photos.exif_reader import read_photo_file

    unreadable = 0
    for file in files:
        metadata = read_photo_file(file)
        # allow_nan=False: the reader only returns finite numbers, and strict JSON readers
        # (jq, browsers) reject NaN, so a bug should show here rather than downstream.
        click.echo(json.dumps(_line(file, metadata), ensure_ascii=False, allow_nan=False))
        for warning in metadata.warnings:
            click.echo(f"{file}: warning: {warning}", err=True)
        unreadable += metadata.error is not None
    if unreadable:
        raise click.exceptions.Exit(1)


if __name__ == "__main__":
    exif_command(prog_name="camwalk exif")
