"""`camwalk exif`, run through click's CliRunner on the command object itself."""

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from server.photos.exif_cli import exif_command

KEYS = ["file", "lat", "lon", "altitude_m", "direction_deg", "direction_ref", "taken_at", "error"]
GPS = {
    "GPSLatitudeRef": "N",
    "GPSLatitude": [(43, 1), (17, 1), (30, 1)],
    "GPSLongitudeRef": "W",
    "GPSLongitude": [(1, 1), (30, 1), (0, 1)],
    "GPSAltitudeRef": b"\x01",
    "GPSAltitude": (25, 10),
    "GPSImgDirectionRef": "M",
    "GPSImgDirection": (90, 1),
}
WHEN = {"DateTimeOriginal": "2024:05:18 09:41:07", "OffsetTimeOriginal": "+02:00"}


@pytest.fixture
def photos(tmp_path, make_photo):
    """A good JPEG, a broken one, a photo without EXIF, and a missing path, in that order."""
    good = tmp_path / "good.jpg"
    good.write_bytes(make_photo("jpeg", gps=GPS, exif=WHEN))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"this is not a photo at all")
    plain = tmp_path / "plain.png"
    plain.write_bytes(make_photo("png", exif={"DateTimeOriginal": "2024:05:18 09:41:07"}))
    return [str(good), str(broken), str(plain), str(tmp_path / "missing.heic")]


def run(*args: str):
    return CliRunner().invoke(exif_command, list(args))


def lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_each_file_gets_one_json_line_with_exactly_the_documented_keys(photos):
    result = run(*photos)
    assert [list(line) for line in lines(result)] == [KEYS] * len(photos)
    assert [line["file"] for line in lines(result)] == photos


def test_a_good_photo_gives_signed_values_and_an_aware_time(photos):
    good = lines(run(photos[0]))[0]
    assert good["lat"] == pytest.approx(43 + 17 / 60 + 30 / 3600)
    assert good["lon"] == pytest.approx(-1.5)
    assert good["altitude_m"] == pytest.approx(-2.5)
    assert (good["direction_deg"], good["direction_ref"]) == (90.0, "M")
    assert good["taken_at"] == "2024-05-18T09:41:07+02:00"
    assert good["error"] is None


def test_broken_and_missing_files_get_an_error_and_the_run_goes_on(photos):
    result = run(*photos)
    good, broken, plain, missing = lines(result)
    assert broken["error"] and missing["error"]
    assert all(broken[key] is None for key in KEYS[1:-1])
    assert good["error"] is None and good["lat"] is not None
    assert plain["error"] is None and plain["taken_at"] == "2024-05-18T09:41:07"
    assert result.exit_code == 1


def test_a_photo_without_position_has_nulls_and_succeeds(photos):
    result = run(photos[2])
    assert lines(result)[0]["lat"] is None
    assert result.exit_code == 0


def test_exit_status_is_0_when_every_file_was_read(photos):
    result = run("--json", photos[0], photos[2])
    assert result.exit_code == 0
    assert len(lines(result)) == 2


def test_warnings_go_to_stderr_and_stdout_stays_json(tmp_path, make_photo):
    no_ref = tmp_path / "no_ref.jpg"
    no_ref.write_bytes(make_photo("jpeg", gps={**GPS, "GPSLatitudeRef": ""}))
    result = run(str(no_ref))
    assert lines(result)[0]["lat"] is None
    assert "position" in result.stderr and "reference" in result.stderr
    assert result.exit_code == 0


def test_a_directory_is_an_error_line_not_a_usage_error(tmp_path):
    result = run(str(tmp_path))
    assert lines(result)[0]["error"]
    assert result.exit_code == 1


def test_no_file_at_all_is_a_usage_error():
    result = run()
    assert result.exit_code == 2
    assert result.stdout == ""


def test_camwalk_exif_runs_without_loading_the_app(photos):
    # The entry point sends `exif` to its command alone: no Flask, no SQLAlchemy, no app
    # settings, which were most of the command's start-up time.
    script = (
        "import sys\n"
        "from server.cli import main\n"
        "try:\n"
        "    main(['exif', *sys.argv[1:]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('flask', 'sqlalchemy', 'server.factory')\n"
        "loaded = sorted(m for m in heavy if m in sys.modules)\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", script, photos[0]],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=True,
    )
    assert json.loads(done.stdout.splitlines()[0])["file"] == photos[0]
    assert "LOADED []" in done.stderr


def test_the_full_command_group_still_lists_exif_and_the_app_commands():
    from server.cli import cli

    assert {"exif", "run", "serve", "worker", "osm", "photos"} <= set(
        cli.list_commands(click.Context(cli))
    )
