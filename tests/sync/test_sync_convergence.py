"""The convergence property (convergence_machine.py) on the in-memory model: a fast oracle.

The normal suite runs 150 cases in a few seconds. The long run, 10,000 cases, is marked slow:
`pytest -m slow tests/sync` (or CAMWALK_HYPOTHESIS_PROFILE=long to lengthen the normal test).
The same machine runs against the real server in
tests/server/observations/test_sync_convergence_server.py.
"""

import os

import pytest
from convergence_machine import WalkersAndServer, case_settings

PROFILES = {"long": 10_000, "default": 150}
CASES = PROFILES[os.environ.get("CAMWALK_HYPOTHESIS_PROFILE", "default")]


class LongRun(WalkersAndServer):
    """The same walk, 10,000 times, for the dedicated slow job."""


WalkersAndServer.TestCase.settings = case_settings(CASES)
LongRun.TestCase.settings = case_settings(PROFILES["long"])
test_walkers_converge_on_the_server_data_without_losing_an_edit = WalkersAndServer.TestCase
test_walkers_converge_over_ten_thousand_walks = pytest.mark.slow(LongRun.TestCase)
