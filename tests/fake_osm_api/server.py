"""A small fake of the OSM API 0.6 and of Overpass, for tests and benches.

It keeps nodes, ways and changesets in memory and checks what the real API checks for an
upload: the changeset is open and named on every element, versions match (409), deleted nodes
stay deleted (410), a vertex of a way or a member of a relation cannot be deleted (412; with
`if-unused` the API keeps it and says so with its old version); the
upload is all or nothing and answers with a <diffResult>; `/api/0.6/changesets?user=&open=true`
lists the user's open changesets with their tags. OAuth 2.0: `/oauth2/authorize`
approves at once (the fake user always consents) and redirects to the redirect_uri with a code
bound to the PKCE challenge; `/oauth2/token` gives `token` only for that code, once, with the
verifier that matches the challenge; `/oauth2/revoke` (RFC 7009) kills a token for good and
keeps the form in `revoked`. `script` holds canned failures that
are served first, to test retries (5xx, 429 with Retry-After). Run it with `serve()` on a
loopback port in a thread.
"""

import base64
import datetime as dt
import hashlib
import itertools
import json
import secrets
import threading
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, SubElement, fromstring, tostring

from flask import Flask, Response, jsonify, redirect, request
from werkzeug.serving import make_server


@dataclass
class FakeNode:
    version: int
    lat: float
    lon: float
    tags: dict
    visible: bool = True


@dataclass
class Canned:
    """An answer served instead of the real one to the next request matching method + path."""

    method: str
    path_contains: str
    status: int
    headers: dict = field(default_factory=dict)
    body: str = ""


@dataclass
class FakeOsm:
    nodes: dict[int, FakeNode] = field(default_factory=dict)
    ways: dict[int, list[int]] = field(default_factory=dict)
    # Tags of the ways that have some (streets, buildings), and relations as
    # (tags, [(member type "node" or "way", role, id)]): multipolygons, what a walk map is read
    # from, and the relations that list a camera node (`type=surveillance`).
    way_tags: dict[int, dict] = field(default_factory=dict)
    relations: dict[int, tuple[dict, list[tuple[str, str, int]]]] = field(default_factory=dict)
    changesets: dict[int, dict] = field(default_factory=dict)
    script: list[Canned] = field(default_factory=list)
    seen: list[tuple[str, str, dict]] = field(default_factory=list)
    token: str = "test-token"
    next_node_id: itertools.count = field(default_factory=lambda: itertools.count(9_000_001))
    next_changeset_id: itertools.count = field(default_factory=lambda: itertools.count(500))
    # False: behave like an API that ignores `if-unused` (a vertex delete then gets its 412).
    if_unused_supported: bool = True
    # OAuth 2.0: codes issued by /oauth2/authorize, and what /oauth2/token grants.
    codes: dict[str, dict] = field(default_factory=dict)
    granted_scope: str = "write_api"
    user: dict = field(default_factory=lambda: {"id": 4242, "display_name": "karim_osm"})
    # False: answer user/details 403, as the API does to a token without read_prefs (camwalk
    # asks for write_api alone).
    user_details_allowed: bool = True
    # The forms of the accepted /oauth2/revoke calls; their tokens get 401 from then on.
    revoked: list[dict] = field(default_factory=list)
    # Overpass copies the API minutes behind and says how far it has got in its answers
    # (`osm3s.timestamp_osm_base`): this many seconds before the request; None: it says nothing.
    # Only the time is faked: the answer holds what the store holds when asked, but for the
    # nodes `overpass_behind` names.
    overpass_lag_s: float | None = 0.0
    # Nodes Overpass's copy holds as they were before a recent change: node id -> the node as
    # the copy has it, or None for one made since (an upload of the last minutes).
    overpass_behind: dict[int, "FakeNode | None"] = field(default_factory=dict)

    def add_node(self, node_id, lat, lon, tags, version=1):
        self.nodes[node_id] = FakeNode(version, lat, lon, dict(tags))

    def vertices(self) -> set[int]:
        return {ref for refs in self.ways.values() for ref in refs}

    def relations_of(self, node_id: int) -> list[int]:
        """The relations that list the node as a member."""
        return [
            relation_id
            for relation_id, (_, members) in self.relations.items()
            if ("node", node_id) in {(kind, ref) for kind, _, ref in members}
        ]


class Rejected(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


def make_app(state: FakeOsm) -> Flask:
    app = Flask("fake_osm_api")

    @app.before_request
    def canned_answers():
        state.seen.append((request.method, request.path, dict(request.headers)))
        for canned in state.script:
            if canned.method == request.method and canned.path_contains in request.path:
                state.script.remove(canned)
                return Response(canned.body, canned.status, headers=canned.headers)
        return None

    @app.post("/api/interpreter")
    def overpass():
        # A walk map query asks for geometries; the camera query for metadata.
        if "out geom" in request.form.get("data", ""):
            answer = _overpass_geom_answer(state)
        else:
            answer = _overpass_answer(state)
        return Response(json.dumps(answer), mimetype="application/json")

    @app.get("/api/0.6/map")
    def map_call():
        west, south, east, north = request.args["bbox"].split(",")
        root = Element("osm", version="0.6", generator="fake")
        SubElement(root, "bounds", minlat=south, minlon=west, maxlat=north, maxlon=east)
        for node_id, node in sorted(state.nodes.items()):
            if node.visible:
                _node_element(root, node_id, node)
        for way_id, refs in state.ways.items():
            way = SubElement(root, "way", id=str(way_id), version="1")
            for ref in refs:
                SubElement(way, "nd", ref=str(ref))
            for key, value in state.way_tags.get(way_id, {}).items():
                SubElement(way, "tag", k=key, v=value)
        for relation_id in state.relations:
            _relation_element(root, relation_id, state)
        return Response(tostring(root), mimetype="text/xml")

    @app.get("/api/0.6/node/<int:node_id>")
    def get_node(node_id):
        node = state.nodes.get(node_id)
        if node is None:
            return Response("", 404)
        if not node.visible:
            return Response("", 410)
        root = Element("osm", version="0.6")
        _node_element(root, node_id, node)
        return Response(tostring(root), mimetype="text/xml")

    @app.get("/api/0.6/node/<int:node_id>/ways")
    def ways_of_node(node_id):
        root = Element("osm", version="0.6")
        for way_id, refs in state.ways.items():
            if node_id in refs:
                way = SubElement(root, "way", id=str(way_id), version="1")
                for ref in refs:
                    SubElement(way, "nd", ref=str(ref))
        return Response(tostring(root), mimetype="text/xml")

    @app.get("/api/0.6/node/<int:node_id>/relations")
    def relations_of_node(node_id):
        root = Element("osm", version="0.6")
        for relation_id in state.relations_of(node_id):
            _relation_element(root, relation_id, state)
        return Response(tostring(root), mimetype="text/xml")

    @app.put("/api/0.6/changeset/create")
    def create_changeset():
        _authorise(state)
        tags = {t.get("k"): t.get("v") for t in fromstring(request.data).iter("tag")}
        changeset_id = next(state.next_changeset_id)
        state.changesets[changeset_id] = {
            "open": True, "tags": tags, "uploads": 0, "changes": Element("osmChange"),
            "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }  # fmt: skip
        return Response(str(changeset_id), mimetype="text/plain")

    @app.get("/api/0.6/changesets")
    def list_changesets():
        # The query camwalk makes: one user's (the fake's only user) changesets, open ones.
        root = Element("osm", version="0.6")
        if request.args.get("user") != str(state.user["id"]):
            return Response(tostring(root), mimetype="text/xml")
        wanted_open = request.args.get("open") == "true"
        for changeset_id in sorted(state.changesets, reverse=True):  # the newest first
            changeset = state.changesets[changeset_id]
            if wanted_open and not changeset["open"]:
                continue
            element = SubElement(
                root, "changeset", id=str(changeset_id), created_at=changeset["created_at"],
                open=str(changeset["open"]).lower(), uid=str(state.user["id"]),
            )  # fmt: skip
            for key, value in changeset["tags"].items():
                SubElement(element, "tag", k=key, v=value)
        return Response(tostring(root), mimetype="text/xml")

    @app.put("/api/0.6/changeset/<int:changeset_id>")
    def update_changeset(changeset_id):
        # The API replaces every tag of an open changeset with those sent.
        _authorise(state)
        changeset = state.changesets.get(changeset_id)
        if (refused := _not_open(changeset_id, changeset)) is not None:
            return refused
        changeset["tags"] = {t.get("k"): t.get("v") for t in fromstring(request.data).iter("tag")}
        root = Element("osm", version="0.6")
        element = SubElement(root, "changeset", id=str(changeset_id), open="true")
        for key, value in changeset["tags"].items():
            SubElement(element, "tag", k=key, v=value)
        return Response(tostring(root), mimetype="text/xml")

    @app.post("/api/0.6/changeset/<int:changeset_id>/upload")
    def upload(changeset_id):
        _authorise(state)
        changeset = state.changesets.get(changeset_id)
        if (refused := _not_open(changeset_id, changeset)) is not None:
            return refused
        try:
            diff = _apply(state, changeset_id, fromstring(request.data))
        except Rejected as rejected:
            return _plain(rejected.status, rejected.message)
        changeset["uploads"] += 1
        return Response(tostring(diff), mimetype="text/xml")

    @app.get("/api/0.6/changeset/<int:changeset_id>/download")
    def download_changeset(changeset_id):
        changeset = state.changesets.get(changeset_id)
        if changeset is None:
            return Response("", 404)
        return Response(tostring(changeset["changes"]), mimetype="text/xml")

    @app.put("/api/0.6/changeset/<int:changeset_id>/close")
    def close_changeset(changeset_id):
        _authorise(state)
        state.changesets[changeset_id]["open"] = False
        return Response("")

    @app.get("/oauth2/authorize")
    def authorize():
        args = request.args
        if args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
            return _plain(400, "PKCE with S256 is required")
        code = secrets.token_urlsafe(16)
        state.codes[code] = {
            "client_id": args["client_id"],
            "redirect_uri": args["redirect_uri"],
            "challenge": args["code_challenge"],
            "scope": args.get("scope", ""),
        }
        separator = "&" if "?" in args["redirect_uri"] else "?"
        return redirect(f"{args['redirect_uri']}{separator}code={code}&state={args['state']}")

    @app.post("/oauth2/token")
    def token():
        form = request.form
        issued = state.codes.pop(form.get("code", ""), None)  # a code is good once
        if (
            form.get("grant_type") != "authorization_code"
            or issued is None
            or form.get("client_id") != issued["client_id"]
            or form.get("redirect_uri") != issued["redirect_uri"]
            or _s256(form.get("code_verifier", "")) != issued["challenge"]
        ):
            return jsonify(error="invalid_grant"), 400
        return jsonify(
            access_token=state.token,
            token_type="Bearer",
            scope=state.granted_scope,
            created_at=1700000000,
        )

    @app.post("/oauth2/revoke")
    def revoke():
        # Doorkeeper wants the client named; RFC 7009 then answers 200, known token or not.
        if not request.form.get("client_id"):
            return jsonify(error="invalid_client"), 401
        state.revoked.append(dict(request.form))
        return jsonify({})

    @app.get("/api/0.6/user/details.json")
    def user_details():
        _authorise(state)
        if not state.user_details_allowed:
            return _plain(403, "The client does not have the necessary permissions")
        return jsonify(version="0.6", user=state.user)

    @app.errorhandler(Rejected)
    def rejected(error):
        return _plain(error.status, error.message)

    return app


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _not_open(changeset_id: int, changeset: dict | None) -> Response | None:
    """The API's answer to a change of a changeset that is unknown or closed, else None."""
    if changeset is None:
        return Response("", 404)
    if not changeset["open"]:
        return _plain(409, f"The changeset {changeset_id} was closed at 2024-01-01 00:00:00 UTC")
    return None


def _plain(status, text):
    return Response(text, status, mimetype="text/plain")


def _authorise(state):
    revoked = {form.get("token") for form in state.revoked}
    if request.headers.get("Authorization") != f"Bearer {state.token}" or state.token in revoked:
        raise Rejected(401, "Couldn't authenticate you")


def _node_element(root, node_id, node):
    element = SubElement(
        root,
        "node",
        id=str(node_id),
        version=str(node.version),
        lat=f"{node.lat:.7f}",
        lon=f"{node.lon:.7f}",
        visible="true",
    )
    for key, value in node.tags.items():
        SubElement(element, "tag", k=key, v=value)


def _relation_element(root, relation_id: int, state) -> None:
    """One relation as the API writes it: its members, then its tags."""
    tags, members = state.relations[relation_id]
    relation = SubElement(root, "relation", id=str(relation_id), version="1")
    for kind, role, ref in members:
        SubElement(relation, "member", type=kind, ref=str(ref), role=role)
    for key, value in tags.items():
        SubElement(relation, "tag", k=key, v=value)


def _overpass_answer(state):
    copied = {
        node_id: state.overpass_behind.get(node_id, node)
        for node_id, node in sorted(state.nodes.items())
    }
    elements = [
        {
            "type": "node",
            "id": node_id,
            "lat": node.lat,
            "lon": node.lon,
            "version": node.version,
            "tags": node.tags,
        }
        for node_id, node in copied.items()
        # camwalk's query asks for the cameras marked out of use too (sync/osm/parse.py)
        if node is not None
        and node.visible
        and "surveillance" in (node.tags.get("man_made"), node.tags.get("disused:man_made"))
    ]
    elements += [
        {"type": "way", "id": way_id, "version": 1, "nodes": refs}
        for way_id, refs in state.ways.items()
    ]
    # `rel(bn.cameras)`: the relations that list one of the cameras.
    cameras = {element["id"] for element in elements if element["type"] == "node"}
    elements += [
        {
            "type": "relation",
            "id": relation_id,
            "version": 1,
            "members": [{"type": kind, "ref": ref, "role": role} for kind, role, ref in members],
            "tags": tags,
        }
        for relation_id, (tags, members) in state.relations.items()
        if any(kind == "node" and ref in cameras for kind, _, ref in members)
    ]
    answer = {"version": 0.6, "elements": elements}
    if state.overpass_lag_s is not None:
        answer["osm3s"] = {"timestamp_osm_base": _osm_base(state.overpass_lag_s)}
    return answer


def _osm_base(lag_s: float) -> str:
    """Now less `lag_s`, as Overpass writes it: whole seconds, rounded up here so that an
    answer without lag holds everything up to the request."""
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=lag_s)
    if moment.microsecond:
        moment = moment.replace(microsecond=0) + dt.timedelta(seconds=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _overpass_geom_answer(state):
    """Every tagged node, way and multipolygon with its geometry (`out geom`); unlike the real
    Overpass it does not filter by tag: the reader's own rules must leave the rest out."""

    def geometry(refs):
        return [
            {"lat": state.nodes[ref].lat, "lon": state.nodes[ref].lon}
            for ref in refs
            if ref in state.nodes
        ]

    elements = [
        {"type": "node", "id": node_id, "lat": node.lat, "lon": node.lon, "tags": node.tags}
        for node_id, node in sorted(state.nodes.items())
        if node.visible and node.tags
    ]
    elements += [
        {"type": "way", "id": way_id, "tags": tags, "geometry": geometry(state.ways[way_id])}
        for way_id, tags in state.way_tags.items()
    ]
    elements += [
        {
            "type": "relation",
            "id": relation_id,
            "tags": tags,
            "members": [
                {"type": "way", "ref": ref, "role": role, "geometry": geometry(state.ways[ref])}
                for kind, role, ref in members
                if kind == "way" and ref in state.ways
            ],
        }
        for relation_id, (tags, members) in state.relations.items()
    ]
    return {"version": 0.6, "elements": elements}


def _apply(state: FakeOsm, changeset_id: int, change) -> Element:
    """Check everything first, then change the store: all or nothing, like the API."""
    planned, placeholders = [], {}
    pending = {node_id: (node.version, node.visible) for node_id, node in state.nodes.items()}
    for block in change:
        for element in block:
            if element.get("changeset") != str(changeset_id):
                raise Rejected(
                    409,
                    f"Changeset mismatch: Provided {element.get('changeset')} "
                    f"but only {changeset_id} is allowed",
                )
            planned.append(_check(state, block, element, pending, placeholders))
    diff = Element("diffResult", version="0.6", generator="fake")
    changes = state.changesets[changeset_id]["changes"]
    for action, old_id, new_id, new_version, element in planned:
        tags = {t.get("k"): t.get("v") for t in element.iter("tag")}
        if action in ("create", "modify"):
            lat, lon = float(element.get("lat")), float(element.get("lon"))
            state.nodes[new_id] = FakeNode(new_version, lat, lon, tags)
            SubElement(
                diff, "node", old_id=str(old_id), new_id=str(new_id), new_version=str(new_version)
            )
            _node_element(SubElement(changes, action), new_id, state.nodes[new_id])
        elif action == "kept":
            SubElement(
                diff, "node", old_id=str(old_id), new_id=str(old_id), new_version=str(new_version)
            )
        else:
            state.nodes[old_id].visible = False
            state.nodes[old_id].version = new_version
            SubElement(diff, "node", old_id=str(old_id))
            gone = SubElement(changes, "delete")
            SubElement(gone, "node", id=str(old_id), version=str(new_version), visible="false")
    return diff


def _check(state, block, element, pending, placeholders):
    node_id = int(element.get("id"))
    if block.tag == "create":
        new_id = next(state.next_node_id)
        placeholders[node_id] = new_id
        pending[new_id] = (1, True)
        return ("create", node_id, new_id, 1, element)
    if node_id not in pending:
        raise Rejected(404, f"Node {node_id} not found")
    version, visible = pending[node_id]
    if not visible:
        raise Rejected(410, f"The node with the id {node_id} has already been deleted")
    if int(element.get("version")) != version:
        raise Rejected(
            409,
            f"Version mismatch: Provided {element.get('version')}, "
            f"server had: {version} of Node {node_id}",
        )
    if block.tag == "modify":
        pending[node_id] = (version + 1, True)
        return ("modify", node_id, node_id, version + 1, element)
    relations = state.relations_of(node_id)
    if node_id in state.vertices() or relations:
        if block.get("if-unused") == "true" and state.if_unused_supported:
            return ("kept", node_id, node_id, version, element)
        if relations:
            used = ",".join(str(relation) for relation in relations)
            raise Rejected(
                412, f"Precondition failed: Node {node_id} is still used by relations {used}."
            )
        ways = ",".join(str(w) for w, refs in state.ways.items() if node_id in refs)
        raise Rejected(412, f"Precondition failed: Node {node_id} is still used by ways {ways}.")
    pending[node_id] = (version + 1, False)
    return ("delete", node_id, None, version + 1, element)


class Running:
    """A fake server answering on 127.0.0.1 in a thread; `url` is its root."""

    def __init__(self, state: FakeOsm):
        self.state = state
        self._server = make_server("127.0.0.1", 0, make_app(state), threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        # serve_forever looks for shutdown() every poll_interval: werkzeug's 0.5 s default made
        # every test with a fake OSM half a second longer to tear down.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def serve(state: FakeOsm | None = None) -> Running:
    return Running(state or FakeOsm())
