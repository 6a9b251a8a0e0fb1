"""A survey day that has not come yet, stored before the sync refused such days (or set
another way), is not written to OSM as check_date: camwalk never moves check_date back, so
it would stay there. The export leaves the camera out and says why."""

import datetime as dt

from server.osm.cli import export_group


def test_a_future_day_stored_before_is_not_written_to_osm(app, group, add_observation, tmp_path):
    observation = add_observation(group, 24.948, 60.1675, surveyed_on=dt.date(2062, 11, 21))
    osc = tmp_path / "walk.osc"
    out = app.test_cli_runner().invoke(
        export_group, ["osc", "--walk", str(group.walk.id), "-o", str(osc)]
    )
    assert out.exit_code == 0, out.output
    assert "2062" not in osc.read_text()
    expected = f"skipped {observation.uuid}: surveyed on 2062-11-21, a day that has not come yet"
    assert expected in out.output
