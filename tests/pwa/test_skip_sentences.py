"""Every code the OSM export gives a camera it leaves out (sync/osm/skips.py) has a sentence in
the organisers' French and English dictionaries (pwa/src/ui/organise/i18n.js, "exp.skip.<code>"),
and a sentence names only values its code carries: a new code without words would show the
server's English, a sentence naming a missing value would show "{node}"."""

import re
from pathlib import Path

import pytest

from sync.osm.skips import SKIPS

I18N_JS = Path(__file__).resolve().parents[2] / "pwa" / "src" / "ui" / "organise" / "i18n.js"
# The app's placeholder → the value of the skip it is filled from (pwa/src/ui/organise/skips.js).
PLACEHOLDERS = {
    "node": "osm_node_id",
    "other": "other_observation",
    "fields": "fields",
    "checked": "checked",
    "surveyed": "surveyed",
    "relations": "relations",
}
# Codes that carry `fields` without naming it in their English sentence.
CARRY_FIELDS = ("bad_tags", "newer_survey")


def sentences(language: str) -> dict[str, str]:
    source = I18N_JS.read_text(encoding="utf-8")
    block = re.search(rf"export const {language} = \{{(.*?)\n\}};", source, re.S).group(1)
    found = re.findall(r"'exp\.skip\.(\w+)':\s*'((?:[^'\\]|\\.)*)'", block)
    return dict(found)


def carried(code: str) -> set[str]:
    named = set(re.findall(r"\{(\w+)\}", SKIPS[code]))
    return named | {"fields"} if code in CARRY_FIELDS else named


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_skip_code_has_a_sentence_naming_only_what_it_carries(language):
    words = sentences(language)
    assert set(words) == set(SKIPS)
    for code, sentence in words.items():
        names = set(re.findall(r"\{(\w+)\}", sentence))
        assert names <= set(PLACEHOLDERS), (code, sentence)
        assert {PLACEHOLDERS[name] for name in names} <= carried(code), (code, sentence)
