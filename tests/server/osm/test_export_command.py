"""`camwalk export osc` as a user runs it: the `camwalk` program in a process of its own, which
builds its app from the settings in its environment. That app is the core one
(server/factory.py), so what the export needs must not hide in the whole app's parts."""

from xml.etree.ElementTree import parse

from server.extensions import db
from server.osm.service import store_node
from tests.camwalk_program import collector, loaded, run_camwalk


def test_the_camwalk_program_exports_a_group_on_the_core_app(
    app, group, add_observation, tmp_path
):
    store_node(101, 3, 5.3812, 43.2961, {"man_made": "surveillance"})
    db.session.commit()
    add_observation(group, 5.38122, 43.29612, operator="RTM")  # at node 101: a modify
    add_observation(group, 5.3850, 43.2990, camera_type="dome")  # nothing near: a create
    add_observation(group, 5.3860, 43.2995, review_status="pending")  # not exported
    output = tmp_path / "group.osc"

    done = run_camwalk(app, "export", "osc", "--group", str(group.id), "-o", str(output))

    assert done.returncode == 0, done.stderr
    assert "1 created, 1 modified, 0 deleted" in done.stdout
    assert "(1 not approved yet, not exported)" in done.stdout
    nodes = {
        int(node.get("id")): {tag.get("k"): tag.get("v") for tag in node.iter("tag")}
        for node in parse(output).getroot().iter("node")
    }
    assert sorted(nodes) == [-1, 101]
    assert nodes[101]["operator"] == "RTM"
    assert nodes[-1]["camera:type"] == "dome"
    # It ran without the whole app: the start-up that issue 19 brought down stays down.
    assert loaded(done) == []
    # What the start-up loaded (modules, the app: well over 100,000 objects) was frozen out of
    # the collector's view, and the collector was on again for the export.
    enabled, frozen = collector(done)
    assert enabled
    assert frozen > 100_000


def test_the_camwalk_program_says_when_the_group_does_not_exist(app, tmp_path):
    output = tmp_path / "x.osc"

    done = run_camwalk(app, "export", "osc", "--group", "999999", "-o", str(output))

    assert done.returncode == 1
    assert "Error: no group 999999" in done.stderr
    assert not output.exists()
    assert collector(done)[0]


def test_the_camwalk_program_refuses_an_output_folder_that_does_not_exist(app, group, tmp_path):
    # Before any work: the export used to find out once it had matched the whole group.
    for kind in ("osc", "geojson", "csv"):
        output = tmp_path / "missing" / f"x.{kind}"

        done = run_camwalk(app, "export", kind, "--group", str(group.group.id), "-o", str(output))

        assert done.returncode == 2, done.stderr
        assert f"folder '{output.parent}' does not exist" in done.stderr
        assert "Traceback" not in done.stderr
