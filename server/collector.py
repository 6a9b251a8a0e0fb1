"""Python's cycle collector paused while a request builds one large batch.

A 500-change push allocates a few hundred thousand container objects (the request's JSON, the
loaded changes, engine states, records to insert) that all live until its answer is sent.
The collector's generational passes examine them again and again, and as they pile up they
trigger full passes, which also walk the app's 200,000-odd long-lived objects (modules, the
ORM's mappers, schemas): measured at 60 to 90 ms of CPU out of a 230 ms push, for nothing, since
the batch frees almost all of it by reference counting when it ends. The pause lasts one batch;
reference counting still frees everything that is not a cycle, and the collector runs as usual
once the last paused batch of the process has ended.

The collector is one per process: gunicorn's threads share it, hence the count of batches in
progress (a thread that ends its batch does not resume it under another one's feet).
"""

import contextlib
import functools
import gc
import threading

_lock = threading.Lock()
_batches = 0  # batches in progress that paused the collector
_resume = False  # whether it was running when the first of them began


@contextlib.contextmanager
def paused():
    """No cycle collection inside the block (nor in other threads) until every block ends."""
    global _batches, _resume
    with _lock:
        if _batches == 0:
            _resume = gc.isenabled()
            gc.disable()
        _batches += 1
    try:
        yield
    finally:
        with _lock:
            _batches -= 1
            if _batches == 0 and _resume:
                gc.enable()


def pausing(view):
    """A view run inside `paused()` (above @blp.response: a dump it makes is inside too). The
    review queue of a large walk (server/observations/organise.py) builds hundreds of
    thousands of dicts, and the collector's passes over them were a fifth of its time. An
    answer streamed after the view returns pauses it per batch (server/json_stream.py)."""

    @functools.wraps(view)
    def run(*args, **kwargs):
        with paused():
            return view(*args, **kwargs)

    return run
