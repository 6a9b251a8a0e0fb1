"""LocalPhotoStore: keys, round trips, and writes that are all or nothing."""

import os

import pytest

from server.photos.storage import LocalPhotoStore


@pytest.fixture
def store(tmp_path):
    return LocalPhotoStore(tmp_path / "photos")


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
