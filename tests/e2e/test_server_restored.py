"""A server restored from a backup: the phone that synced after the backup gives back what the
server lost (its camera and photo, its edit of a camera the backup has), and gets what is new,
with no one doing anything but pressing sync (docs/sync-protocol.md, Epochs)."""

import os
import subprocess
import uuid

import pytest

from .conftest import CAMWALK, _free_port, prepare_camwalk, start_camwalk, start_worker, stop
from .phone import join_and_pick_walk, log_camera, server_observations, sync_and_wait, wait_for_fix
from .test_sync_faults import _open_group_camera_here, _set_operator

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
OTHER_PHOTO = "exif-samples/jpg/Kodak_CX7530.jpg"


def test_a_phone_gives_back_the_camera_a_restore_lost(
    tmp_path, tile_server, new_phone, photos, browser
):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": f"sqlite:///{tmp_path / 'camwalk.db'}",
        "CAMWALK_PHOTO_DIR": str(tmp_path / "photos"),
        # An instance of its own: the restore refuses while a server of its instance runs.
        "CAMWALK_INSTANCE_PATH": str(tmp_path / "instance"),
        "CAMWALK_TILE_URL": tile_server["url"],
        "CAMWALK_AUTH_RATE_LIMIT": "1000 per minute",
    }
    demo = prepare_camwalk(env, base)

    def camwalk(*args):
        done = subprocess.run([CAMWALK, *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed at the end
    processes = [start_camwalk(env, port, log, seconds=60)]
    processes.append(start_worker(env, log))
    try:
        pseudonym = f"mouette-{uuid.uuid4().hex[:6]}"
        context = new_phone(43.2950, 5.3750)
        page = context.new_page()
        join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
        log_camera(page, context, lat=43.2950, lon=5.3750, accuracy=5, photo=photos / PHOTO)
        sync_and_wait(page)
        camwalk("backup", str(tmp_path / "backup"))
        # After the backup: acknowledged, so it left the phone's outbox.
        log_camera(page, context, lat=43.2960, lon=5.3760, accuracy=6, photo=photos / OTHER_PHOTO)
        # And an edit of the camera the backup has.
        context.set_geolocation({"latitude": 43.2950, "longitude": 5.3750, "accuracy": 4})
        wait_for_fix(page, 4)
        _open_group_camera_here(page)
        _set_operator(page, "Mairie de Marseille")
        sync_and_wait(page)
        token = demo["organiser_token"]
        mine = [
            o
            for o in server_observations(base, demo["group_id"], token)
            if o["created_by"] == pseudonym
        ]
        assert len(mine) == 2
        # The camera logged after the backup; the one it has, edited after it.
        [lost] = [o for o in mine if o["operator"] is None]
        [kept] = [o for o in mine if o["operator"] == "Mairie de Marseille"]

        for process in processes:
            stop(process)
        print(camwalk("restore", str(tmp_path / "backup"), "--yes"))
        processes = [start_camwalk(env, port, log, seconds=60)]
        processes.append(start_worker(env, log))
        held = {o["id"]: o for o in server_observations(base, demo["group_id"], token)}
        assert lost["id"] not in held
        assert held[kept["id"]]["operator"] is None

        sync_and_wait(page)

        after = {o["id"]: o for o in server_observations(base, demo["group_id"], token)}
        assert lost["id"] in after, (tmp_path / "server.log").read_text()[-3000:]
        back = after[lost["id"]]
        assert back["created_by"] == pseudonym
        assert back["position"] == lost["position"]
        assert [p["sha256"] for p in back["photos"]] == [p["sha256"] for p in lost["photos"]]
        assert len([o for o in after.values() if o["created_by"] == pseudonym]) == 2
        assert after[kept["id"]]["operator"] == "Mairie de Marseille"
    finally:
        for process in processes:
            stop(process)
        log.close()
