"""LocalPhotoStore: keys, round trips, and writes that are all or nothing."""

import os

import pytest

from server.photos.storage import MARKER, LocalPhotoStore, PhotoStoreAway, read_file


@pytest.fixture
def store(tmp_path):
    """A store in use: it holds its marker."""
    store = LocalPhotoStore(tmp_path / "photos", vouch=lambda store: True)
    assert store.reachable()
    return store


def test_put_then_get_exists_and_delete(store):
    store.put("g1/ab/abc/display.jpg", b"pixels")

    assert store.get("g1/ab/abc/display.jpg") == b"pixels"
    assert store.exists("g1/ab/abc/display.jpg")
    store.delete("g1/ab/abc/display.jpg")
    assert not store.exists("g1/ab/abc/display.jpg")
    assert store.get("g1/ab/abc/display.jpg") is None


def test_deleting_a_missing_key_is_not_an_error(store):
    store.delete("g1/none")

    assert not store.exists("g1/none")


def test_put_replaces_earlier_content(store):
    store.put("g1/a", b"old")
    store.put("g1/a", b"new")

    assert store.get("g1/a") == b"new"


@pytest.mark.parametrize(
    "key", ["", "../escape", "g1/../../etc", "/abs", "g1//x", "g1/.hidden", "a b"]
)
def test_keys_that_could_leave_the_folder_are_refused(store, key):
    with pytest.raises(ValueError):
        store.put(key, b"x")


def test_a_write_that_fails_before_the_rename_leaves_the_old_file_and_no_temporary(
    store, monkeypatch
):
    store.put("g1/a", b"old")

    def crash(*args):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.put("g1/a", b"new and longer")

    assert store.get("g1/a") == b"old"
    assert [path.name for path in store.path("g1/a").parent.iterdir()] == ["a"]


def test_a_write_that_fails_midway_leaves_no_file_under_the_final_name(store, monkeypatch):
    def crash(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        store.put("g1/b", b"half")

    assert not store.exists("g1/b")
    assert list(store.path("g1/b").parent.iterdir()) == []


@pytest.mark.parametrize("vouched", [True, False])
def test_a_folder_without_its_marker_is_the_store_only_when_vouched_for(tmp_path, vouched):
    root = tmp_path / "mount-point"
    root.mkdir()
    (root / "lost+found").mkdir()
    store = LocalPhotoStore(root, vouch=lambda store: vouched)

    assert store.reachable() is vouched
    assert (root / MARKER).is_file() is vouched


@pytest.mark.parametrize("mount_point_left", [True, False], ids=["empty", "removed"])
def test_nothing_is_written_or_deleted_in_a_store_away(tmp_path, mount_point_left):
    root = tmp_path / "photos"
    LocalPhotoStore(root, vouch=lambda store: True).put("g1/a", b"on the volume")
    root.rename(tmp_path / "volume")  # unmounted
    if mount_point_left:
        root.mkdir()
    away = LocalPhotoStore(root, vouch=lambda store: False)

    with pytest.raises(PhotoStoreAway):
        away.put("g1/b", b"x")
    with pytest.raises(PhotoStoreAway):
        away.delete("g1/a")
    with pytest.raises(PhotoStoreAway):
        read_file(away, "g1/a")

    assert sorted(p.name for p in tmp_path.rglob("*") if root in (p, *p.parents)) == (
        ["photos"] if mount_point_left else []
    )
