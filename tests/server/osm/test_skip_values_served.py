"""A skip's values reach the app: the review card and the upload serve skips through
SkippedSchema, and the app words each code from the values its sentence names
(pwa/src/ui/organise/skips.js). A value the schema does not declare is dropped on the way:
the card read "surveyed on , after this survey of " for a newer mapper survey."""

import datetime as dt
import string

import pytest

from server.exports.schemas import SkippedSchema
from server.extensions import db
from server.osm.service import store_node
from sync.osm.skips import SKIPS
from tests.server.osm.test_upload_preview import dry_run

NAMED = sorted(
    {
        (code, name)
        for code, sentence in SKIPS.items()
        for _, name, _, _ in string.Formatter().parse(sentence)
        if name
    }
)


SERVED = {field.data_key or name for name, field in SkippedSchema().fields.items()}


@pytest.mark.parametrize(("code", "name"), NAMED, ids=[f"{c}.{n}" for c, n in NAMED])
def test_every_value_a_skip_sentence_names_is_served(code, name):
    assert name in SERVED


def test_a_newer_mapper_survey_reaches_the_dry_run_with_both_days(client, group, add_observation):
    store_node(
        101,
        3,
        5.3812,
        43.2961,
        {"man_made": "surveillance", "operator": "HSL", "check_date": "2026-12-01"},
    )
    db.session.commit()
    add_observation(
        group, 5.3812, 43.2961, osm_node_id=101, operator="RTM", surveyed_on=dt.date(2026, 11, 21)
    )

    [skip] = dry_run(client, group)["skipped"]

    assert skip["code"] == "newer_survey"
    assert (skip["checked"], skip["surveyed"]) == ("2026-12-01", "2026-11-21")
