"""The convergence property, against the real server on SpatiaLite and PostGIS.

The same randomized machine as tests/sync (walkers editing offline, answers lost, requests sent
twice or late, small pages, an organiser settling conflicts and merging duplicates) drives the
Flask app through HTTP (sync_http_server.py), so "no edit lost, nothing applied twice, every
phone ends with the server's data" is proven on the push path walkers use, not on a model.

`make test` runs a short run per engine; the slow suite runs 2,000 cases per engine:
`pytest -m slow tests/server/observations/test_sync_convergence_server.py`.
"""

import os
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis.stateful import run_state_machine_as_test

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "sync"))

from convergence_machine import WalkersAndServer, case_settings
from sync_walker_model import WalkerPhone

from server.extensions import db
from tests.conftest import empty_tables
from tests.server.observations.sync_http_server import HttpServer

SHORT_RUN = int(os.environ.get("CAMWALK_SERVER_PROPERTY_CASES", "12"))
LONG_RUN = int(os.environ.get("CAMWALK_SERVER_PROPERTY_LONG_CASES", "2000"))


# The wire format wants UUIDs. Each case starts from empty tables, so ids made from names
# (as the in-memory run names them) are unique, and a failing case replays the same.
IDS = uuid.UUID("5c7f0b8e-3a52-4f63-9d0e-8a1d2c3b4e5f")


def name_id(name: str) -> str:
    return str(uuid.uuid5(IDS, name))


class UuidPhone(WalkerPhone):
    def next_change_id(self) -> str:
        return name_id(super().next_change_id())


def machine_on(client, make_group):
    class WalkersAndRealServer(WalkersAndServer):
        def __init__(self):
            super().__init__()
            self.phones = [UuidPhone(p.author, p.name) for p in self.phones]

        def make_server(self):
            db.session.remove()  # the last case's rows are gone: forget them too
            empty_tables()
            return HttpServer(client, make_group("Noailles"), walkers=3)

        def observation_id(self, number: int) -> str:
            return name_id(f"obs{number}")

        def _settle(self):
            super()._settle()
            self.server.freeze()

        def server_copies(self) -> dict:
            return self.server.wire_states()

    return WalkersAndRealServer


def test_walkers_converge_through_the_real_push_path(client, make_group):
    run_state_machine_as_test(machine_on(client, make_group), settings=case_settings(SHORT_RUN))


@pytest.mark.slow
def test_walkers_converge_through_the_real_push_path_over_two_thousand_walks(client, make_group):
    run_state_machine_as_test(machine_on(client, make_group), settings=case_settings(LONG_RUN))
