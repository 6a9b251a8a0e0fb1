"""The phone app's pages (server/pwa.py): any path outside /api/ that is not a file of the
build opens the app, which routes on the path itself."""

import pytest

INDEX = "<!doctype html><title>camwalk</title>"


@pytest.fixture
def built(app, tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "sw.js").write_text("// service worker")
    monkeypatch.setitem(app.config, "PWA_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize(
    "path",
    [
        "/" + "b" * 300,  # a name longer than a file system takes (255 bytes)
        "/join/" + "c/" * 2100,  # a whole path longer than one (4,096 bytes)
    ],
)
def test_a_link_too_long_for_the_file_system_opens_the_app(client, built, path):
    with client.get(path) as answer:  # a file sent: closed with the answer
        assert answer.status_code == 200
        assert answer.get_data(as_text=True) == INDEX


def test_a_file_of_the_build_is_still_served_as_itself(client, built):
    with client.get("/sw.js") as answer:
        assert answer.status_code == 200
        assert answer.get_data(as_text=True) == "// service worker"
