"""The PWA's value lists are the server's: a walker must never be offered a value the server
rejects, nor miss one it accepts. The PWA keeps its lists in one module
(pwa/src/model/observation.js; the rest of the PWA imports them); this reads that module's
source and compares each list with sync/fields.py, so the two cannot drift apart unnoticed."""

import json
import re
from pathlib import Path

import pytest

from sync import checks
from sync import fields as observation_fields

OBSERVATION_JS = Path(__file__).resolve().parents[2] / "pwa" / "src" / "model" / "observation.js"

PAIRS = {
    "KINDS": observation_fields.KINDS,
    "FILMING_KINDS": observation_fields.FILMING_KINDS,
    "SURVEILLANCE": observation_fields.SURVEILLANCE,
    "CAMERA_TYPES": observation_fields.CAMERA_TYPES,
    "MOUNTS": observation_fields.MOUNTS,
    "ZONES": observation_fields.ZONES,
    "PHOTO_ROLES": checks.PHOTO_ROLES,
    "SIGN": observation_fields.SIGN,
    "YES_NO": observation_fields.YES_NO,
    "FILMED_BY": observation_fields.FILMED_BY,
    "SIGN_CHECKLIST": observation_fields.SIGN_CHECKLIST,
}


def pwa_list(name: str, source: str) -> list:
    """`export const NAME = [ ... ];` read as JSON (single quotes become double ones); a
    `...OTHER` inside it stands for the items of the list OTHER of the same file."""
    match = re.search(rf"export const {name} = (\[[^\]]*\]);", source)
    assert match, f"{name} is not a literal list in {OBSERVATION_JS}"
    text = re.sub(
        r"\.\.\.([A-Z_]+)",
        lambda spread: json.dumps(pwa_list(spread.group(1), source))[1:-1],
        match.group(1).replace("'", '"'),
    )
    return json.loads(re.sub(r",\s*\]", "]", text))


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_the_pwa_offers_exactly_the_values_the_server_accepts(name):
    assert pwa_list(name, OBSERVATION_JS.read_text()) == list(PAIRS[name])


def test_the_pwa_surveys_only_fields_the_server_merges():
    surveyed = pwa_list("SURVEYED_FIELDS", OBSERVATION_JS.read_text())
    assert set(surveyed) <= set(observation_fields.FIELDS)
    assert set(surveyed) >= observation_fields.REQUIRED_ON_CREATE
    assert set(surveyed) >= set(observation_fields.SIGNAGE_FIELDS)


def test_the_other_pwa_modules_import_the_lists_instead_of_repeating_them():
    src = OBSERVATION_JS.parents[1]
    for path in src.rglob("*.js"):
        if path == OBSERVATION_JS:
            continue
        text = re.sub(r"\s+", "", path.read_text())  # a list prettier spread over lines too
        for name, values in PAIRS.items():
            listed = "[" + ",".join(f"'{v}'" for v in values[:3])
            assert listed not in text, f"{path.relative_to(src)} re-lists {name}"
