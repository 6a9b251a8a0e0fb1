"""Schemathesis against /api/openapi.json: generated requests must never get a 500.

The app runs on a temporary SpatiaLite database, then on a PostGIS one (skipped without
CAMWALK_TEST_POSTGRES_URL, like every database test), each seeded with a group, a walk and a
walker's and an organiser's tokens; every operation is fuzzed with each token. Path ids of
the group and the walk are set to the seeded ones, so generated bodies reach the views instead
of stopping at a 404 (isolation is test_isolation_matrix.py's job). The normal suite runs a
short pass; `make fuzz` (scripts/fuzz.sh) sets CAMWALK_FUZZ_EXAMPLES for a long one, on both
engines, and fails under 5,000 requests on either.
"""

import os

import pytest
import schemathesis
from flask_migrate import upgrade
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error

from server import create_app
from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.groups.invites import code_columns
from server.groups.models import Group, Invite, Walk
from tests.conftest import new_postgis_database, organiser_password_hash

EXAMPLES = int(os.environ.get("CAMWALK_FUZZ_EXAMPLES", "3"))
# Per engine: {"count", "server_errors"}.
REQUESTS: dict[str, dict[str, int]] = {}


@pytest.fixture(scope="module", params=["spatialite", "postgis"])
def fuzz_app(request, tmp_path_factory):
    engine = request.param
    folder = tmp_path_factory.mktemp(f"fuzz-{engine}")
    if engine == "postgis":
        url = new_postgis_database(request, f"camwalk_fuzz_{os.getpid()}")
    else:
        url = f"sqlite:///{folder / 'fuzz.db'}"
    app = create_app(
        {
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(folder),
            "PHOTO_DIR": str(folder / "photos"),
            "SECRET_KEY": "fuzz-secret",
            "TESTING": True,
            "AUTH_RATE_LIMIT": "100000 per minute",
            "PUBLIC_RATE_LIMIT": "100000 per minute",
        }
    )
    app.config["CAMWALK_FUZZ_ENGINE"] = engine
    counts = REQUESTS.setdefault(engine, {"count": 0, "server_errors": 0})
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()
    print(
        f"\nfuzz on {engine}: {counts['count']} requests, {counts['server_errors']} server errors"
    )
    wanted = int(os.environ.get("CAMWALK_FUZZ_MIN_REQUESTS", "0"))
    assert counts["count"] >= wanted, f"only {counts['count']} requests, wanted {wanted}"


def seed(fuzz_app) -> dict:
    """A fresh group per operation: a fuzzed DELETE cannot starve the operations after it."""
    with fuzz_app.app_context():
        group = Group(name="Fuzz", slug=f"fuzz-{Group.query.count()}")
        db.session.add(group)
        organiser = create_member(group, "karim", Role.ORGANISER)
        # 'secret-pass', hashed once for the run: one scrypt hash per operation was a third
        # of this test's time.
        organiser.password_hash = organiser_password_hash()
        walker = create_member(group, "mouette", Role.WALKER)
        db.session.flush()
        walk = Walk(group_id=group.id, name="Fuzz walk")
        db.session.add_all([walk, Invite(group_id=group.id, **code_columns(f"code-{group.slug}"))])
        tokens = {"organiser": issue_token(organiser, "fuzz"), "walker": issue_token(walker, "f")}
        db.session.commit()
        return {"group_id": group.id, "walk_id": walk.id, "tokens": tokens}


def fuzz_operation(operation, seeded: dict, who: str, counts: dict) -> list[str]:
    """Run EXAMPLES generated cases of one operation; return the failures' descriptions."""
    headers = {"Authorization": f"Bearer {seeded['tokens'][who]}"}
    failures = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case):
        for name in ("group_id", "walk_id"):
            if case.path_parameters and name in case.path_parameters:
                case.path_parameters[name] = seeded[name]
        counts["count"] += 1
        response = case.call(headers=headers)
        counts["server_errors"] += response.status_code >= 500
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except Exception as error:
            failures.append(f"{operation.label}: {str(error)[:400]}")

    run()
    return failures


# Schemathesis's WSGI transport never closes send_file responses (exports): their spooled
# files are collected unclosed, which is the fuzzer's leak, not the app's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("who", ["organiser", "walker"])
def test_no_generated_request_gets_a_server_error(fuzz_app, who):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", fuzz_app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        counts = REQUESTS[fuzz_app.config["CAMWALK_FUZZ_ENGINE"]]
        failures += fuzz_operation(operation, seed(fuzz_app), who, counts)
    assert failures == [], "\n".join(failures)
