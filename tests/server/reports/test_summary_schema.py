"""The walk summary in /api/openapi.json: every key of a real answer documented, and the
answer itself as it was before it was.

`GET /api/v1/walks/{walk_id}/summary` had no schema: a client written from the document
found neither `other_devices` nor any other field of it.
"""

import json

import sqlalchemy as sa

from server.extensions import db
from server.groups.models import Walk
from server.observations.models import Observation
from server.photos.models import ObservationPhoto, Photo
from server.reports.service import walk_summary
from tests.server.reports.test_summary_and_public_map import demo  # noqa: F401 (a fixture)

PATH = "/api/v1/walks/{walk_id}/summary"


def undocumented(answer, schema, spec, where="") -> list[str]:
    """The keys of `answer`, at any depth, that `schema` does not name."""
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if isinstance(answer, list):
        return [m for item in answer for m in undocumented(item, schema["items"], spec, where)]
    if not isinstance(answer, dict) or "properties" not in schema:
        return []  # a value, or a dict of counts by name (additionalProperties)
    properties = schema["properties"]
    missing = [f"{where}{key}" for key in answer if key not in properties]
    for key, value in answer.items():
        if key in properties:
            missing += undocumented(value, properties[key], spec, f"{where}{key}.")
    return missing


def a_photo_on(walk_id: int) -> None:
    """A photo on one of the walk's cameras: the demo has none, the summary lists them."""
    observation = db.session.scalar(sa.select(Observation).where(Observation.walk_id == walk_id))
    photo = Photo(
        group_id=observation.group_id, sha256="a" * 64, media_type="image/jpeg", size_bytes=9
    )
    db.session.add(photo)
    db.session.flush()
    db.session.add(
        ObservationPhoto(observation_id=observation.id, photo_id=photo.id, role="context")
    )
    db.session.commit()


def test_every_key_of_a_walk_summary_is_in_the_openapi_document(app, client, demo):  # noqa: F811
    a_photo_on(demo["walk_id"])
    answer = client.get(f"/api/v1/walks/{demo['walk_id']}/summary", headers=demo["organiser"])
    spec = client.get("/api/openapi.json").get_json()

    ok = spec["paths"][PATH]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/WalkSummary"}
    summary = answer.get_json()
    assert summary["totals"]["other_devices"]["devices"] >= 1  # the demo's guard
    assert summary["cameras"] and summary["photos"] and summary["walk"]["area"]
    assert undocumented(summary, ok["schema"], spec) == []
    totals = spec["components"]["schemas"]["SummaryTotals"]["properties"]
    assert {"cameras", "other_devices", "photos", "in_osm", "new"} <= set(totals)


def test_the_summary_answers_what_it_answered_before_it_was_documented(app, client, demo):  # noqa: F811
    """Before, the view returned `walk_summary` for Flask to write as JSON: the same keys,
    values and formats now (the walk's date as Flask writes a date, not marshmallow's ISO)."""
    answer = client.get(f"/api/v1/walks/{demo['walk_id']}/summary", headers=demo["organiser"])
    before = json.loads(app.json.dumps(walk_summary(db.session.get(Walk, demo["walk_id"]))))

    assert answer.status_code == 200
    assert answer.get_json() == before
