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
    SyncApi(client, group).sync([change])
    answer = client.post(
        f"/api/v1/observations/{change['observation_id']}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json


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
