"""Every /api/ endpoint × {anonymous, walker of A, organiser of A, organiser of B}.

The endpoints come from the app's url_map, so a new endpoint fails
`test_every_api_endpoint_is_classified` until it is given a class below. Path parameters are
filled with real ids of group A (made through the API). The rules (server/auth/permissions.py):
no token → 401; another group's ids → 404 with none of A's data; too low a role → 403.
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

# How each endpoint is guarded:
#   public     no token needed (login, health, the OSM callback …): never a 500
#   signed     a signed link instead of a token: without a valid signature never a 2xx
#   member     any member of the owning group; strangers get 404
#   organiser  organisers of the owning group; walkers 403, strangers 404
#   self       about the caller only (no id in the path): B gets its own data, never A's
#   upload     content-addressed upload: B without A's bytes cannot store or see anything
#   published  anyone, but only once the group publishes its map (A's is off): 404 for all
#   own        one member's own thing (the walker of A's spare device): everyone else 404
PUBLIC, SIGNED, MEMBER, ORGANISER, SELF, UPLOAD, PUBLISHED, OWN = (
    "public",
    "signed",
    "member",
    "organiser",
    "self",
    "upload",
    "published",
    "own",
)

# A walker file naming no real group or member (ids a column could hold, so that the body is
# valid): its owner's import is refused with a 422.
NO_SUCH_ID = 2**31 - 1
WALKER_FILE = {
    "type": "FeatureCollection",
    "camwalk_walker_file": {
        "version": 1,
        "group_id": NO_SUCH_ID,
        "member_id": NO_SUCH_ID,
        "changes": [],
    },
}

# (method, rule) → (class, a valid JSON body or None, query string)
ENDPOINTS = {
    ("GET", "/api/openapi.json"): (PUBLIC, None, ""),
    ("GET", "/api/v1/health"): (PUBLIC, None, ""),
    ("GET", "/api/v1/config"): (PUBLIC, None, ""),
    ("POST", "/api/v1/join"): (PUBLIC, {"invite_code": "no-such", "pseudonym": "x"}, ""),
    (
        "POST",
        "/api/v1/login",
    ): (PUBLIC, {"group": "no-such", "pseudonym": "x", "password": "wrong"}, ""),
    ("GET", "/api/v1/invites/<string:code>"): (PUBLIC, None, ""),
    ("POST", "/api/v1/sign-in"): (PUBLIC, {"code": "no-such"}, ""),
    ("GET", "/api/v1/osm/callback"): (PUBLIC, None, "state=forged&code=forged"),
    ("GET", "/api/v1/exports/<int:export_id>/download"): (SIGNED, None, "exp=9999999999&sig=x"),
    ("GET", "/api/v1/me"): (SELF, None, ""),
    # Organisers of A and B change their password with the current one; the walker of A's
    # password went with the spare device she signed out just before (class `own`).
    ("PUT", "/api/v1/me/password"): (
        SELF,
        {"password": "a long new passphrase", "current_password": "secret-pass"},
        "",
    ),
    ("POST", "/api/v1/logout"): (SELF, None, ""),
    ("GET", "/api/v1/me/devices"): (SELF, None, ""),
    ("DELETE", "/api/v1/me/devices/<int:device_id>"): (OWN, None, ""),
    ("GET", "/api/v1/photos/<sha256>"): (MEMBER, None, ""),
    ("PUT", "/api/v1/photos/<sha256>"): (UPLOAD, None, ""),
    ("GET", "/api/v1/photos/<sha256>/<any(display, thumb):size>"): (MEMBER, None, ""),
    ("GET", "/api/v1/photos/<sha256>/publication"): (ORGANISER, None, ""),
    ("PUT", "/api/v1/photos/<sha256>/publication"): (
        ORGANISER,
        {"public": True, "blur": [[0.1, 0.1, 0.2, 0.2]]},
        "",
    ),
    ("GET", "/api/v1/groups/<int:group_id>"): (MEMBER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/walks"): (MEMBER, None, ""),
    ("POST", "/api/v1/groups/<int:group_id>/walks"): (ORGANISER, {"name": "Cours Julien"}, ""),
    ("GET", "/api/v1/walks/<int:walk_id>"): (MEMBER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/osm-nodes"): (MEMBER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/basemap"): (MEMBER, None, ""),
    ("POST", "/api/v1/walks/<int:walk_id>/osm-fetch"): (ORGANISER, {"source": "overpass"}, ""),
    ("POST", "/api/v1/walks/<int:walk_id>/photo-import"): (MEMBER, "photo-import", ""),
    ("POST", "/api/v1/groups/<int:group_id>/sync"): (MEMBER, {"changes": []}, ""),
    ("POST", "/api/v1/groups/<int:group_id>/walker-files"): (ORGANISER, WALKER_FILE, ""),
    ("GET", "/api/v1/groups/<int:group_id>/invites"): (ORGANISER, None, ""),
    ("POST", "/api/v1/groups/<int:group_id>/invites"): (ORGANISER, {}, ""),
    ("DELETE", "/api/v1/groups/<int:group_id>/invites/<int:invite_id>"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/invites/<int:invite_id>/qr.svg"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/members"): (ORGANISER, None, ""),
    ("DELETE", "/api/v1/groups/<int:group_id>/members/<int:member_id>"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/members/<int:member_id>/devices"): (
        ORGANISER,
        None,
        "",
    ),
    (
        "DELETE",
        "/api/v1/groups/<int:group_id>/members/<int:member_id>/devices/<int:device_id>",
    ): (ORGANISER, None, ""),
    ("POST", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link"): (
        ORGANISER,
        None,
        "",
    ),
    ("GET", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link"): (
        ORGANISER,
        None,
        "",
    ),
    ("GET", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link/qr.svg"): (
        ORGANISER,
        None,
        "",
    ),
    ("DELETE", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link"): (
        ORGANISER,
        None,
        "",
    ),
    ("GET", "/api/v1/groups/<int:group_id>/osm-account"): (ORGANISER, None, ""),
    ("DELETE", "/api/v1/groups/<int:group_id>/osm-account"): (ORGANISER, None, ""),
    ("POST", "/api/v1/groups/<int:group_id>/osm-account/authorize"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/osm-checklist"): (ORGANISER, None, ""),
    ("PUT", "/api/v1/groups/<int:group_id>/osm-checklist"): (ORGANISER, {"contact": "c@x"}, ""),
    ("POST", "/api/v1/groups/<int:group_id>/osm-upload"): (ORGANISER, {"dry_run": True}, ""),
    ("POST", "/api/v1/walks/<int:walk_id>/osm-upload"): (ORGANISER, {"dry_run": True}, ""),
    ("GET", "/api/v1/groups/<int:group_id>/export.osc"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/export.geojson"): (ORGANISER, None, "private=1"),
    ("GET", "/api/v1/groups/<int:group_id>/export.csv"): (ORGANISER, None, "private=1"),
    ("GET", "/api/v1/walks/<int:walk_id>/export.osc"): (ORGANISER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/export.geojson"): (ORGANISER, None, "private=1"),
    ("GET", "/api/v1/walks/<int:walk_id>/export.csv"): (ORGANISER, None, "private=1"),
    ("GET", "/api/v1/exports/<int:export_id>"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/conflicts"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/duplicates"): (ORGANISER, None, ""),
    ("GET", "/api/v1/groups/<int:group_id>/review"): (ORGANISER, None, ""),
    ("GET", "/api/v1/conflicts/<path:key>"): (ORGANISER, None, ""),
    ("POST", "/api/v1/conflicts/<path:key>/resolve"): (ORGANISER, {"side": 0}, ""),
    ("POST", "/api/v1/observations/<uuid>/merge"): (ORGANISER, "merge", ""),
    ("POST", "/api/v1/observations/<uuid>/not-duplicate"): (ORGANISER, "merge", ""),
    ("POST", "/api/v1/observations/<uuid>/maybe-duplicate"): (ORGANISER, "merge", ""),
    ("POST", "/api/v1/observations/<uuid>/review"): (ORGANISER, {"status": "approved"}, ""),
    ("POST", "/api/v1/observations/<uuid>/osm-node"): (ORGANISER, {"new_camera": True}, ""),
    ("GET", "/api/v1/observations/<uuid>/history"): (MEMBER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/summary"): (ORGANISER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/signage"): (ORGANISER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/signage.pdf"): (ORGANISER, None, "lang=en"),
    ("GET", "/api/v1/walks/<int:walk_id>/signage.csv"): (ORGANISER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/signage/photos/<string:sha256>.jpg"): (
        ORGANISER,
        None,
        "",
    ),
    ("GET", "/api/v1/groups/<int:group_id>/settings"): (ORGANISER, None, ""),
    ("PATCH", "/api/v1/groups/<int:group_id>/settings"): (
        ORGANISER,
        {"keep_originals": False},
        "",
    ),
    ("GET", "/api/v1/groups/<int:group_id>/originals"): (ORGANISER, None, ""),
    ("DELETE", "/api/v1/groups/<int:group_id>/originals"): (ORGANISER, None, ""),
    ("GET", "/api/v1/public/<string:slug>/cameras.geojson"): (PUBLISHED, None, ""),
    ("GET", "/api/v1/public/<string:slug>/photos/<string:name>.jpg"): (PUBLISHED, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/coverage"): (MEMBER, None, ""),
    ("GET", "/api/v1/walks/<int:walk_id>/route"): (
        MEMBER,
        None,
        "from=43.296,5.381&to=43.297,5.382",
    ),
    ("GET", "/api/v1/public/<string:slug>/coverage.geojson"): (PUBLISHED, None, ""),
}

# Endpoints about another member's devices name the walker who joined with the invite and
# her phone: the first walker signs her own spare device out (class `own`) before the
# organiser of A's turn comes.
JOINED_WALKER_RULES = {
    "/api/v1/groups/<int:group_id>/members/<int:member_id>/devices",
    "/api/v1/groups/<int:group_id>/members/<int:member_id>/devices/<int:device_id>",
}

# Organiser-of-A calls that change or remove what later calls need go last, in this order.
RUN_LAST = [
    # A member's sign-in link is shown and revoked only once it was made.
    ("POST", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link"),
    ("GET", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link"),
    ("GET", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link/qr.svg"),
    ("DELETE", "/api/v1/groups/<int:group_id>/members/<int:member_id>/sign-in-link"),
    ("POST", "/api/v1/observations/<uuid>/merge"),
    ("DELETE", "/api/v1/groups/<int:group_id>/invites/<int:invite_id>"),
    ("DELETE", "/api/v1/groups/<int:group_id>/members/<int:member_id>/devices/<int:device_id>"),
    ("DELETE", "/api/v1/groups/<int:group_id>/members/<int:member_id>"),
    ("DELETE", "/api/v1/groups/<int:group_id>/osm-account"),
    ("DELETE", "/api/v1/me/devices/<int:device_id>"),
    ("PUT", "/api/v1/me/password"),
    # Signs the caller out: nothing can follow it.
    ("POST", "/api/v1/logout"),
]

# What an organiser of A may get besides a 2xx, and why.
OWNER_REFUSALS = {
    # No OSM OAuth application configured in tests: a clear 4xx, not a redirect.
    ("POST", "/api/v1/groups/<int:group_id>/osm-account/authorize"): {409, 503},
    # The Organised Editing checklist is not filled in, so uploads are refused.
    ("POST", "/api/v1/groups/<int:group_id>/osm-upload"): {409, 412, 422},
    ("POST", "/api/v1/walks/<int:walk_id>/osm-upload"): {409, 412, 422},
    # A's photo was uploaded by A's walker; sending no bytes fails the hash check.
    ("PUT", "/api/v1/photos/<sha256>"): {422},
    # A's photo is not published (nor its camera approved), so the signage file shows none.
    ("GET", "/api/v1/walks/<int:walk_id>/signage/photos/<string:sha256>.jpg"): {404},
    # The imported photo is already attached to an observation.
    ("POST", "/api/v1/walks/<int:walk_id>/photo-import"): {409, 422},
    # A's two observations stand far apart: never flagged, so no pair to decide on.
    ("POST", "/api/v1/observations/<uuid>/not-duplicate"): {422},
    ("POST", "/api/v1/observations/<uuid>/maybe-duplicate"): {422},
    # The file names no member of A (walker_file_wrong_group).
    ("POST", "/api/v1/groups/<int:group_id>/walker-files"): {422},
}

FAKE_OSM = Path(__file__).resolve().parents[1] / "fake_osm_api" / "server.py"


@pytest.fixture(autouse=True)
def fake_overpass(app, monkeypatch):
    """osm-fetch asks Overpass: the organiser of A's call goes to the fake one, not the web."""
    spec = importlib.util.spec_from_file_location("camwalk_fake_osm_api", FAKE_OSM)
    fake = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fake)
    with fake.serve() as running:
        monkeypatch.setitem(app.config, "OVERPASS_URL", f"{running.url}/api")
        yield


IDENTITIES = ["anonymous", "organiser_b", "walker_a", "organiser_a"]
_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
_ANY = re.compile(r"<any\([^)]*\):(\w+)>")


# One view serves a walk's and a group's export (`/<any(walks, groups):owner>/<int:owner_id>/…`):
# the matrix checks each owner as the concrete path a client calls.
_OWNER = "/<any(walks, groups):owner>/<int:owner_id>/"
_OWNERS = ("/walks/<int:walk_id>/", "/groups/<int:group_id>/")


def concrete_rules(rule: str) -> list[str]:
    if _OWNER in rule:
        return [rule.replace(_OWNER, owner) for owner in _OWNERS]
    return [rule]


def api_endpoints(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                found.update((method, concrete) for concrete in concrete_rules(rule.rule))
    return found


def fill_path(rule: str, values: dict) -> str:
    rule = _ANY.sub(lambda m: str(values[m.group(1)]), rule)
    return _PARAM.sub(lambda m: str(values[m.group(1)]), rule)


def test_every_api_endpoint_is_classified(app):
    endpoints = api_endpoints(app)
    assert endpoints - set(ENDPOINTS) == set(), "classify these endpoints in ENDPOINTS"
    assert set(ENDPOINTS) - endpoints == set(), "these classified endpoints no longer exist"


class Matrix:
    def __init__(self, client, group_a, group_b):
        self.client = client
        self.a, self.b = group_a, group_b
        self.cells = 0
        self.failures: list[str] = []

    def headers(self, who: str) -> dict:
        if who == "anonymous":
            return {}
        group = self.b.group if who == "organiser_b" else self.a.group
        return group.headers("walker" if who == "walker_a" else "organiser")

    def body(self, spec):
        if spec == "photo-import":
            return {"photos": [self.a.photo_sha256]}
        if spec == "merge":
            return {"other": self.a.other_observation_id}
        return spec

    def call(self, method, rule, who, body, query):
        values = self.a.path_values()
        if rule in JOINED_WALKER_RULES:
            values |= {"member_id": self.a.joined_member_id, "device_id": self.a.joined_device_id}
        url = fill_path(rule, values) + (f"?{query}" if query else "")
        kwargs = {"headers": self.headers(who)}
        if body is not None:
            kwargs["json"] = body
        return self.client.open(url, method=method, **kwargs)

    def check(self, method, rule, who):
        kind, spec, query = ENDPOINTS[(method, rule)]
        body = self.body(spec)
        response = self.call(method, rule, who, body, query)
        self.cells += 1
        status, text = response.status_code, response.get_data().decode("utf-8", "replace")
        response.close()
        problem = self.problem(kind, who, status, text, (method, rule))
        if problem is None and who == "anonymous" and body is not None:
            # Without a body, validation may answer 422 before the view: must still be 4xx.
            bare = self.call(method, rule, who, None, query)
            bare.close()
            if bare.status_code not in (401, 415, 422) and kind not in (PUBLIC,):
                problem = f"anonymous without a body got {bare.status_code}"
        if problem:
            self.failures.append(f"{method} {rule} as {who}: {problem} ({status} {text[:120]})")

    def problem(self, kind, who, status, text, key) -> str | None:
        if status >= 500:
            return "server error"
        if kind == PUBLIC:
            return None
        if kind == PUBLISHED:
            return None if status == 404 else "expected 404 while the map is not published"
        if kind == SIGNED:
            return "a 2xx without a valid signature" if status < 300 else None
        if who == "anonymous":
            return None if status == 401 else "expected 401"
        if who == "organiser_b":
            leaked = [s for s in self.a.secrets if s in text]
            if leaked:
                return f"body holds A's data {leaked}"
        if kind == OWN:
            expected = 204 if who == "walker_a" else 404
            return None if status == expected else f"expected {expected}"
        if who == "organiser_b":
            if kind in (MEMBER, ORGANISER) and status != 404:
                return "expected 404"
            if kind == UPLOAD and status < 300:
                return "stored or showed a photo without its bytes"
            return None
        if who == "walker_a" and kind == ORGANISER:
            return None if status == 403 else "expected 403"
        allowed = OWNER_REFUSALS.get(key, set()) if who == "organiser_a" else {422}
        if status < 300 or status in allowed:
            return None
        return f"expected a 2xx for a member of A (or {sorted(allowed)})"


def ordered_for(who: str) -> list[tuple[str, str]]:
    """Every endpoint; the calls that change what later calls need (above all, signing the
    caller out) come last, for every identity."""
    keys = sorted(ENDPOINTS)
    return [k for k in keys if k not in RUN_LAST] + RUN_LAST


@pytest.fixture
def walk_map_of_a(filled):
    """A's walk gets one street between the route's two ends, so a member's route is a 2xx."""
    from server.basemap.service import store_basemap
    from server.extensions import db

    line = [[5.3805, 43.2955], [5.381, 43.296], [5.382, 43.297], [5.3825, 43.2975]]
    street = {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": line},
        "properties": {"layer": "street", "name": "Rue Alpha"},
    }
    store_basemap(filled[0].group.walk, [street], (5.38, 43.295, 5.383, 43.298), "api")
    db.session.commit()


def test_strangers_get_404_walkers_403_and_anonymous_401_on_every_endpoint(
    client, filled, walk_map_of_a, capsys
):
    matrix = Matrix(client, *filled)
    for who in IDENTITIES:
        for method, rule in ordered_for(who):
            matrix.check(method, rule, who)
    with capsys.disabled():
        print(
            f"\nisolation matrix: {len(ENDPOINTS)} endpoints x {len(IDENTITIES)} identities,"
            f" {matrix.cells} calls"
        )
    assert matrix.failures == [], "\n".join(matrix.failures)


@pytest.mark.parametrize("size", ["", "/thumb", "/display"])
def test_photo_urls_of_a_are_not_reachable_by_b(client, filled, size):
    group_a, group_b = filled
    url = f"/api/v1/photos/{group_a.photo_sha256}{size}"
    assert client.get(url, headers=group_a.group.headers("walker")).status_code == 200
    response = client.get(url, headers=group_b.group.headers("walker"))
    assert response.status_code == 404
    assert group_a.photo_sha256 not in response.get_data(as_text=True)


def test_b_pulls_none_of_a_observations(client, filled):
    group_a, group_b = filled
    response = client.post(
        f"/api/v1/groups/{group_b.group.id}/sync",
        json={"cursor": 0, "changes": []},
        headers=group_b.group.headers("walker"),
    )
    text = json.dumps(response.json)
    assert response.status_code == 200
    assert group_b.observation_id in text
    assert not [secret for secret in group_a.secrets if secret in text]
