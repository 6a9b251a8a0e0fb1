"""What `camwalk serve` sets on each gunicorn worker once the app is loaded."""

import gc

from server import gunicorn_conf


def test_a_worker_hides_what_it_loaded_from_the_cycle_collector():
    before = gc.get_freeze_count()
    try:
        gunicorn_conf.post_worker_init(worker=None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
