"""Lets the sync tests share their builders (`sync_builders`, `sync_walker_model`).

The suite runs with `--import-mode=importlib`, which puts no test folder on `sys.path`; the
helpers live beside the tests rather than in the `sync` package because only tests need them.
"""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
