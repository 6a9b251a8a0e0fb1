"""The signage file's names and text: one commune whatever Unicode form a phone sent its name
in, and a PDF that prints French names as typed (read back with pypdf)."""

import io
import unicodedata

from pypdf import PdfReader

from server.extensions import db
from server.groups.models import Walk
from tests.builders import create_change
from tests.server.observations.conftest import SyncApi

ORLEANS = "Orléans Hôtel-de-Ville, Évry 13ᵉ"


def _approved_camera(client, group, walk_id, lat):
    change = create_change(
        walk_id, position={"lat": lat, "lon": 1.9, "accuracy_m": 5}, sign="none"
    )
    api = SyncApi(client, group)
    api.sync([change])
    api.review(change["observation_id"])


def test_a_name_sent_composed_or_decomposed_is_one_commune_printed_as_typed(client, group):
    composed = Walk(group_id=group.id, name=unicodedata.normalize("NFC", ORLEANS))
    decomposed = Walk(group_id=group.id, name=unicodedata.normalize("NFD", ORLEANS))
    db.session.add_all([composed, decomposed])
    db.session.commit()
    _approved_camera(client, group, composed.id, 47.90)
    _approved_camera(client, group, decomposed.id, 47.91)
    headers = group.headers("organiser")

    report = client.get(f"/api/v1/walks/{decomposed.id}/signage", headers=headers).json
    pdf = client.get(f"/api/v1/walks/{decomposed.id}/signage.pdf", headers=headers).data

    assert report["counts"]["cameras"] == 2
    assert [w["id"] for w in report["walks"]] == [composed.id, decomposed.id]
    assert report["commune"] == unicodedata.normalize("NFC", ORLEANS)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Orléans Hôtel-de-Ville, Évry 13e" in text
    assert "?" not in text


def test_characters_the_pdf_font_lacks_keep_their_letter_or_become_a_question_mark():
    from server.reports.signage_files import _safe

    assert _safe(unicodedata.normalize("NFD", "Orléans")) == "Orléans"  # an operator's name
    assert _safe("Ő ﬁne 13ᵉ – « Œuvre »") == "O fine 13e - « OEuvre »"
    assert _safe("Ελλάδα 📷") == "?????? ?"


def _pdf_text(content: dict, lang: str) -> str:
    import datetime as dt

    from server.reports.signage_files import write_pdf

    data = write_pdf(content, lang, lambda sha256: None, dt.date(2026, 11, 21))
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


def _content(pairs: int, surveyors: int) -> dict:
    from sync.signage import SIGN_COUNTS

    return {
        "commune": "Noailles",
        "walks": [{"id": 1, "name": "Noailles", "date": "2026-11-21"}],
        "counts": {"cameras": 2, "private_aimed_at_road": 0, **dict.fromkeys(SIGN_COUNTS, 0)},
        "open_duplicate_pairs": pairs,
        "rows": [],
        "map": {"aspect": 1.0, "points": []},
        "method": {
            "first_day": "2026-11-21",
            "last_day": "2026-11-21",
            "surveyors": surveyors,
            "checked": [],
        },
    }


def test_the_pdf_says_one_pair_and_one_person_in_the_singular_as_the_print_view_does():
    one, two = _content(pairs=1, surveyors=1), _content(pairs=2, surveyors=2)
    assert "1 paire de ces caméras pourrait être un même appareil" in _pdf_text(one, "fr")
    assert "par 1 personne." in _pdf_text(one, "fr")
    assert "2 paires de ces caméras pourraient être chacune" in _pdf_text(two, "fr")
    assert "par 2 personnes." in _pdf_text(two, "fr")
    assert "1 pair of these cameras may be one device" in _pdf_text(one, "en")
    assert "by 1 person." in _pdf_text(one, "en")
    assert "2 pairs of these cameras may each be one device" in _pdf_text(two, "en")
    assert "by 2 people." in _pdf_text(two, "en")
