"""A server restored from a backup: the phone that synced after the backup gives back what the
server lost (its camera and photo, its edit of a camera the backup has), and gets what is new,
with no one doing anything but pressing sync (docs/sync-protocol.md, Epochs). A walker who
joined after the backup, whom the restored server no longer knows, joins again as herself and
her phone gives back her work too."""

import contextlib
import os
import subprocess
import uuid

import pytest
import requests

from .conftest import CAMWALK, _free_port, prepare_camwalk, start_camwalk, start_worker, stop
from .phone import (
    FAB,
    join_and_pick_walk,
    log_camera,
    server_observations,
    sync_and_wait,
    wait_for_fix,
)
from .test_sync_faults import _open_group_camera_here, _set_operator

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
OTHER_PHOTO = "exif-samples/jpg/Kodak_CX7530.jpg"


class Restorable:
    """camwalk with its worker on a database and instance of its own, which a test backs up,
    then stops, restores and starts again on the same address."""

    def __init__(self, folder, tile_server):
        self.folder = folder
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "CAMWALK_DATABASE_URL": f"sqlite:///{folder / 'camwalk.db'}",
            "CAMWALK_PHOTO_DIR": str(folder / "photos"),
            # An instance of its own: the restore refuses while a server of its instance runs.
            "CAMWALK_INSTANCE_PATH": str(folder / "instance"),
            "CAMWALK_TILE_URL": tile_server["url"],
            "CAMWALK_AUTH_RATE_LIMIT": "1000 per minute",
        }
        self.demo = prepare_camwalk(self.env, self.base)
        self.log = open(folder / "server.log", "w")  # noqa: SIM115 - closed by close()
        self.processes = []

    def camwalk(self, *args) -> str:
        done = subprocess.run([CAMWALK, *args], env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start(self) -> None:
        self.processes = [start_camwalk(self.env, self.port, self.log, seconds=60)]
        self.processes.append(start_worker(self.env, self.log))

    def stop(self) -> None:
        for process in self.processes:
            stop(process)
        self.processes = []

    def backup(self) -> None:
        self.camwalk("backup", str(self.folder / "backup"))

    def restore(self) -> None:
        self.stop()
        print(self.camwalk("restore", str(self.folder / "backup"), "--yes"))
        self.start()

    def hers(self, pseudonym: str) -> list[dict]:
        everything = server_observations(
            self.base, self.demo["group_id"], self.demo["organiser_token"]
        )
        return [o for o in everything if o["created_by"] == pseudonym]

    def close(self) -> None:
        self.stop()
        self.log.close()


@pytest.fixture
def restorable(tmp_path, tile_server):
    server = Restorable(tmp_path, tile_server)
    with contextlib.closing(server):
        server.start()
        yield server


def _a_camera_on_the_server(server, new_phone, photos, pseudonym):
    """A walker who joined, logged a camera with its photo and synced: (context, page)."""
    context = new_phone(43.2950, 5.3750)
    page = context.new_page()
    join_and_pick_walk(page, server.base, server.demo["invite_code"], pseudonym)
    log_camera(page, context, lat=43.2950, lon=5.3750, accuracy=5, photo=photos / PHOTO)
    sync_and_wait(page)
    return context, page


def test_a_phone_gives_back_the_camera_a_restore_lost(restorable, new_phone, photos):
    server = restorable
    pseudonym = f"mouette-{uuid.uuid4().hex[:6]}"
    context, page = _a_camera_on_the_server(server, new_phone, photos, pseudonym)
    server.backup()
    # After the backup: acknowledged, so it left the phone's outbox.
    log_camera(page, context, lat=43.2960, lon=5.3760, accuracy=6, photo=photos / OTHER_PHOTO)
    # And an edit of the camera the backup has.
    context.set_geolocation({"latitude": 43.2950, "longitude": 5.3750, "accuracy": 4})
    wait_for_fix(page, 4)
    _open_group_camera_here(page)
    _set_operator(page, "Mairie de Marseille")
    sync_and_wait(page)
    mine = server.hers(pseudonym)
    assert len(mine) == 2
    # The camera logged after the backup; the one it has, edited after it.
    [lost] = [o for o in mine if o["operator"] is None]
    [kept] = [o for o in mine if o["operator"] == "Mairie de Marseille"]

    server.restore()
    held = {o["id"]: o for o in server.hers(pseudonym)}
    assert lost["id"] not in held
    assert held[kept["id"]]["operator"] is None

    sync_and_wait(page)

    after = {o["id"]: o for o in server.hers(pseudonym)}
    assert lost["id"] in after, (server.folder / "server.log").read_text()[-3000:]
    back = after[lost["id"]]
    assert back["position"] == lost["position"]
    assert [p["sha256"] for p in back["photos"]] == [p["sha256"] for p in lost["photos"]]
    assert len(after) == 2
    assert after[kept["id"]]["operator"] == "Mairie de Marseille"


def test_a_walker_who_joined_after_the_backup_joins_again_and_gives_back_her_work(
    restorable, new_phone, photos, screenshot
):
    # A day of action: the server restored from the night's backup, which holds none of the
    # day's walkers. Her token is unknown to it; a sign-in link cannot help (her member is
    # gone too); joining again as herself does, and her work on the phone goes back.
    server = restorable
    base, demo = server.base, server.demo
    server.backup()
    pseudonym = f"sterne-{uuid.uuid4().hex[:6]}"
    context, page = _a_camera_on_the_server(server, new_phone, photos, pseudonym)
    [synced] = server.hers(pseudonym)
    # And one logged offline, not sent when the server went down.
    context.set_offline(True)
    log_camera(page, context, lat=43.2960, lon=5.3760, accuracy=6, photo=photos / OTHER_PHOTO)

    server.restore()
    assert server.hers(pseudonym) == []
    # Another walker of the day joins again first: her new member is not her old one's id.
    joined = requests.post(
        f"{base}/api/v1/join",
        json={"invite_code": demo["invite_code"], "pseudonym": f"goeland-{uuid.uuid4().hex[:6]}"},
        timeout=20,
    )
    assert joined.status_code == 201, joined.text
    context.set_offline(False)  # back online, the phone syncs by itself: 401 token_unknown
    page.wait_for_selector("button.rejoin")
    screenshot(page, "restored-join-again")
    assert "restauré depuis une sauvegarde" in page.inner_text(".forgotten")
    page.click("button.rejoin")
    page.wait_for_selector("#pseudonym")
    assert page.input_value("#pseudonym") == pseudonym
    page.click("button[type=submit]")
    page.click("button.walk")
    page.wait_for_selector(FAB)
    sync_and_wait(page)

    after = server.hers(pseudonym)
    assert len(after) == 2, (server.folder / "server.log").read_text()[-3000:]
    [back] = [o for o in after if o["id"] == synced["id"]]
    assert back["position"] == synced["position"]
    assert [p["sha256"] for p in back["photos"]] == [p["sha256"] for p in synced["photos"]]
    [offline] = [o for o in after if o["id"] != synced["id"]]
    assert len(offline["photos"]) == 1
