import os
import stat

import pytest

from server.config import load_config


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = load_config(tmp_path)["SECRET_KEY"]
    second = load_config(tmp_path)["SECRET_KEY"]

    assert first == second and len(first) >= 32
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600


def test_environment_variables_with_the_prefix_override_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMWALK_MAX_PHOTO_BYTES", "1234")
    monkeypatch.setenv("CAMWALK_DATABASE_URL", "postgresql://x@127.0.0.1/y")

    config = load_config(tmp_path)

    assert config["MAX_PHOTO_BYTES"] == 1234
    assert config["DATABASE_URL"] == "postgresql://x@127.0.0.1/y"


def test_trusted_hosts_are_a_comma_separated_list(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMWALK_TRUSTED_HOSTS", " camwalk.example.org, www.camwalk.example.org ,")

    assert load_config(tmp_path)["TRUSTED_HOSTS"] == [
        "camwalk.example.org",
        "www.camwalk.example.org",
        "localhost",  # the container's own health check
        "127.0.0.1",
        "::1",
    ]
    monkeypatch.delenv("CAMWALK_TRUSTED_HOSTS")
    assert load_config(tmp_path)["TRUSTED_HOSTS"] is None


def test_a_number_setting_that_is_not_a_number_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMWALK_MAX_PHOTO_BYTES", "lots")

    with pytest.raises(ValueError, match="CAMWALK_MAX_PHOTO_BYTES"):
        load_config(tmp_path)


def test_a_distance_setting_accepts_decimals(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMWALK_DUPLICATE_DISTANCE_M", "6.5")

    assert load_config(tmp_path)["DUPLICATE_DISTANCE_M"] == 6.5


def test_the_default_database_is_spatialite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("CAMWALK_DATABASE_URL", raising=False)

    assert load_config(tmp_path)["DATABASE_URL"] == f"sqlite:///{tmp_path / 'camwalk.db'}"


def test_each_sqlite_database_gets_its_own_photo_queue_beside_it(tmp_path):
    # Two servers sharing an instance folder but not a database must not share a queue: a job
    # names a photo by its row id, which is another photo in the other database.
    first = load_config(tmp_path, {"DATABASE_URL": f"sqlite:///{tmp_path}/a/one.db"})
    second = load_config(tmp_path, {"DATABASE_URL": f"sqlite:///{tmp_path}/b/one.db"})
    default = load_config(tmp_path)

    assert first["PHOTO_QUEUE_URL"] == f"sqlite:///{tmp_path}/a/one-photo-queue.db"
    assert second["PHOTO_QUEUE_URL"] == f"sqlite:///{tmp_path}/b/one-photo-queue.db"
    assert default["PHOTO_QUEUE_URL"] == f"sqlite:///{tmp_path}/camwalk-photo-queue.db"


def test_postgresql_holds_its_own_photo_queue(tmp_path):
    url = "postgresql://camwalk:secret@db:5432/camwalk"

    assert load_config(tmp_path, {"DATABASE_URL": url})["PHOTO_QUEUE_URL"] == url
