"""The cycle collector's pause during a batch (`server.collector`)."""

import gc
import threading

import pytest

from server import collector


@pytest.fixture(autouse=True)
def collector_running():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_paused_inside_the_block_and_runs_again_after():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_block_that_raised():
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("a batch that failed")
    assert gc.isenabled()


def test_a_collector_someone_had_turned_off_stays_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_the_collector_stays_paused_until_the_last_of_two_threads_ends_its_batch():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with collector.paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with collector.paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert seen == {"after the first ended": False}
    assert gc.isenabled()
