"""JOSM, the editor mappers review uploads in, opens our osmChange and its validator finds
nothing to say. JOSM runs headless (`josm validate`); its exit code is always 0, so the test
reads its GeoJSON output, and a control file proves that output does report problems."""

import json
import os
import shutil
import subprocess

import pytest

from server.cli import cli

# Loopback proxy on a closed port: JOSM's start-up calls to the OSM servers fail at once.
OFFLINE = (
    "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9 -Dhttp.proxyHost=127.0.0.1 "
    "-Dhttp.proxyPort=9 -Djava.awt.headless=true"
)

BAD_OSC = """<?xml version="1.0" encoding="utf-8"?>
<osmChange version="0.6" generator="test"><create>
<node id="-1" lat="43.2957000" lon="5.3808000"><tag k="man_made" v="surveillance"/>
<tag k="operator" v=" Police "/></node>
<node id="-2" lat="43.2957000" lon="5.3808000"><tag k="man_made" v="surveillance"/>
<tag k="operator" v=" Police "/></node>
</create></osmChange>
"""


@pytest.fixture
def josm():
    path = shutil.which("josm")
    if path is None:
        if os.environ.get("CAMWALK_REQUIRE_TOOLS") == "1":
            pytest.fail("josm is required (Debian package josm); make test installs it")
        pytest.skip("josm not installed (Debian package josm)")
    return path


def validate(josm, osc_path, tmp_path) -> list[dict]:
    output = tmp_path / f"{osc_path.stem}.geojson"
    env = {**os.environ, "JAVA_OPTS": f"-Djosm.home={tmp_path / 'josm-home'} {OFFLINE}"}
    run = subprocess.run(
        [josm, "validate", "--input", str(osc_path), "--output", str(output)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = run.stdout + run.stderr
    finished = [line for line in log.splitlines() if "Validating" in line and "completed" in line]
    assert finished and osc_path.name in finished[0], log[-3000:]
    if not output.exists():
        return []
    issues = []
    for line in filter(str.strip, output.read_text().splitlines()):
        issues.extend(json.loads(line)["features"])
    return issues


def test_josm_validator_reports_problems_in_a_bad_file(josm, tmp_path):
    bad = tmp_path / "bad.osc"
    bad.write_text(BAD_OSC)

    tests = {issue["properties"].get("test") for issue in validate(josm, bad, tmp_path)}

    assert {"Duplicated nodes", "Tag checker"} <= tests


def test_josm_opens_the_demo_walk_export_and_finds_nothing_to_report(josm, app, tmp_path):
    # The demo's OSM cameras are made up, so its export only creates (test_demo_sandbox.py);
    # modifies and deletes of real nodes are validated in test_real_extract_exports.py.
    runner = app.test_cli_runner()
    demo = json.loads(runner.invoke(cli, ["demo", "--json"], catch_exceptions=False).output)
    osc = tmp_path / "walk.osc"
    result = runner.invoke(cli, ["export", "osc", "--walk", str(demo["walk_id"]), "-o", str(osc)])
    assert result.exit_code == 0, result.output
    assert "<create>" in osc.read_text()

    issues = validate(josm, osc, tmp_path)

    assert [issue["properties"]["message"] for issue in issues] == []
