"""The commune's signage file as PDF and CSV, in French or English (server/reports/signage.py
gathers what they hold; the PWA draws the HTML print view from the same JSON).

The PDF is written with fpdf2: pure Python (it needs Pillow, which camwalk has, plus
fontTools and defusedxml, both pure Python too), no system library, unlike WeasyPrint (Pango)
or a headless browser, and actively maintained under the py-pdf organisation. Its built-in
Helvetica covers French (Latin-1, with œ and dashes spelt plainly). Text is put in composed
form (NFC) first: a name typed on a phone that sends "e" + a combining accent would otherwise
print as "Orle?ans". A character Latin-1 still lacks keeps its base letter where it has one
("ő" → "o", "13ᵉ" → "13e"); only what has none (Greek, Arabic, emoji) becomes "?", rather
than failing the whole file over one operator name (docs/legal.md says so to organisers).
"""

import datetime as dt
import io
import unicodedata
from typing import BinaryIO

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image

from server.exports.csv_forms import csv_rows, decimal
from sync.signage import SIGN_COUNTS

LANGUAGES = ("fr", "en")

TEXT = {
    "fr": {
        "title": "Signalisation des caméras de surveillance : {commune}",
        "generated": "Document établi le {day} avec camwalk.",
        "counts": "Chiffres",
        "cameras": "Caméras relevées",
        "no_sign": "aucun panneau trouvé",
        "complete_sign": "panneau vu, les six mentions notées présentes",
        "incomplete_sign": "panneau vu, au moins une mention notée absente",
        "partly_checked_sign": "panneau vu, mentions en partie relevées (aucune notée absente)",
        "sign_not_checked": "panneau non vérifié (« pas regardé » ou rien de noté)",
        "private_aimed_at_road": "privées (commerce, résidence) filmant la voie publique",
        "duplicates": (
            "Attention : {pairs} paire de ces caméras pourrait être un même appareil (un "
            "doublon possible que les organisateurs n'ont pas encore traité) ; le nombre de "
            "caméras peut la compter deux fois. Dans le tableau, * marque ces caméras.",
            "Attention : {pairs} paires de ces caméras pourraient être chacune un même "
            "appareil (des doublons possibles que les organisateurs n'ont pas encore traités) "
            "; le nombre de caméras peut les compter deux fois. Dans le tableau, * marque ces "
            "caméras.",
        ),
        "map": "Plan (les numéros renvoient au tableau ; points gris : autres caméras)",
        "table": "Caméras sans panneau, avec un panneau incomplet ou en partie relevé",
        "none_listed": "Aucune caméra relevée sans panneau, avec un panneau incomplet ou en "
        "partie relevé.",
        "col.number": "N°",
        "col.surveyed_on": "Relevé le",
        "col.sign": "Panneau",
        "col.lacking": "Ce qui manque",
        "col.filmed_by": "Qui filme",
        "col.aimed_at_road": "Voie publique",
        "col.position": "Position",
        "col.photos": "Photos (floutées)",
        "sign.none": "aucun",
        "sign.seen": "vu",
        "unanswered": "non relevé : {items}",
        "method": "Méthode",
        "method.what": (
            "Pour chaque caméra, les personnes qui ont arpenté le terrain ont noté si un "
            "panneau informe le public, ce qu'il mentionne ({items}), qui filme et si la "
            "caméra filme la voie publique. Seules les caméras vérifiées par les "
            "organisateurs sont comptées. Une mention non relevée n'est pas comptée comme "
            "absente."
        ),
        "method.when": (
            "Relevés faits du {first} au {last}, par {people} personne.",
            "Relevés faits du {first} au {last}, par {people} personnes.",
        ),
        "method.walks": "Balades : {walks}.",
        "method.facts": "Ce document rapporte des constats ; il ne qualifie aucune situation.",
    },
    "en": {
        "title": "Signage of surveillance cameras: {commune}",
        "generated": "Made on {day} with camwalk.",
        "counts": "Figures",
        "cameras": "Cameras surveyed",
        "no_sign": "no sign found",
        "complete_sign": "sign seen, all six items recorded as stated",
        "incomplete_sign": "sign seen, at least one item recorded as not stated",
        "partly_checked_sign": "sign seen, items partly recorded (none as not stated)",
        "sign_not_checked": "sign not checked ('not looked' or nothing recorded)",
        "private_aimed_at_road": "private (business, residence) filming the public road",
        "duplicates": (
            "Caution: {pairs} pair of these cameras may be one device (a possible duplicate "
            "the organisers have not dealt with yet); the number of cameras may count it "
            "twice. In the table, * marks these cameras.",
            "Caution: {pairs} pairs of these cameras may each be one device (possible "
            "duplicates the organisers have not dealt with yet); the number of cameras may "
            "count them twice. In the table, * marks these cameras.",
        ),
        "map": "Map (numbers refer to the table; grey dots: other cameras)",
        "table": "Cameras with no sign, an incomplete sign or a partly recorded one",
        "none_listed": "No camera was recorded with no sign, an incomplete sign or a partly "
        "recorded one.",
        "col.number": "No.",
        "col.surveyed_on": "Surveyed on",
        "col.sign": "Sign",
        "col.lacking": "What is missing",
        "col.filmed_by": "Who films",
        "col.aimed_at_road": "Public road",
        "col.position": "Position",
        "col.photos": "Photos (blurred)",
        "sign.none": "none",
        "sign.seen": "seen",
        "unanswered": "not recorded: {items}",
        "method": "Method",
        "method.what": (
            "For each camera, the people who walked the area noted whether a sign tells the "
            "public, what it states ({items}), who films and whether the camera films the "
            "public road. Only cameras the organisers checked are counted. An item nobody "
            "recorded is not counted as missing."
        ),
        "method.when": (
            "Surveyed from {first} to {last}, by {people} person.",
            "Surveyed from {first} to {last}, by {people} people.",
        ),
        "method.walks": "Walks: {walks}.",
        "method.facts": "This document reports observations; it qualifies no situation.",
    },
}


def _counted(forms: tuple[str, str], lang: str, n: int) -> str:
    """The singular or plural of a sentence about `n` things, as the print view words it
    (pwa/src/i18n): French takes the singular for 0 and 1, English for 1 alone. "1 paire(s)
    de ces caméras pourraient" read as a form left unfilled, on a page handed to a commune."""
    singular = n < 2 if lang == "fr" else n == 1
    return forms[0] if singular else forms[1]


VALUES = {
    "fr": {
        "sign": "aucun panneau",  # in what a camera lacks (sync/signage.py NO_SIGN)
        "sign_pictogram": "pictogramme",
        "sign_responsible": "responsable",
        "sign_purpose": "finalité",
        "sign_retention": "durée de conservation",
        "sign_rights_contact": "contact pour les droits",
        "sign_cnil": "mention de la CNIL",
        "public_authority": "autorité publique",
        "transport_operator": "transporteur",
        "business": "commerce",
        "residence": "résidence",
        "unknown": "inconnu",
        "yes": "oui",
        "no": "non",
    },
    "en": {
        "sign": "no sign",
        "sign_pictogram": "pictogram",
        "sign_responsible": "who is responsible",
        "sign_purpose": "purpose",
        "sign_retention": "retention",
        "sign_rights_contact": "contact for rights",
        "sign_cnil": "CNIL mention",
        "public_authority": "public authority",
        "transport_operator": "transport operator",
        "business": "business",
        "residence": "residence",
        "unknown": "unknown",
        "yes": "yes",
        "no": "no",
    },
}

CHECKLIST_WORDS = {
    "fr": "pictogramme, responsable, finalité, durée de conservation, contact pour exercer "
    "ses droits, mention de la CNIL",
    "en": "pictogram, who is responsible, purpose, retention period, contact to exercise "
    "one's rights, CNIL mention",
}


def _words(lang: str, value) -> str:
    if value is None:
        return "—"
    return VALUES[lang].get(value, str(value))


def _items(lang: str, items: list[str]) -> str:
    return ", ".join(VALUES[lang][item] for item in items)


def lacking_text(lang: str, line: dict) -> str:
    """What a table line says is missing (the sign, or the items recorded as absent: the
    report's `lacking`, put into words) and which items nobody recorded."""
    text = TEXT[lang]
    parts = []
    if line["lacking"]:
        parts.append(_items(lang, line["lacking"]))
    if line["unanswered"]:
        parts.append(text["unanswered"].format(items=_items(lang, line["unanswered"])))
    return " ; ".join(parts) if lang == "fr" else "; ".join(parts)


def number_text(line: dict) -> str:
    """A table line's number, marked * when it may be the same device as another camera."""
    return f"{line['number']}*" if line["possible_duplicate"] else str(line["number"])


def _sign_word(lang: str, line: dict) -> str:
    return TEXT[lang].get(f"sign.{line['sign']}", "—")


CSV_HEADER = [
    "number", "id", "lat", "lon", "surveyed_on", "sign", "lacking", "unanswered",
    "filmed_by", "aimed_at_road", "operator", "public_photos", "possible_duplicate",
]  # fmt: skip


def write_csv(content: dict, out: BinaryIO, *, spreadsheet: bool = False) -> None:
    """The table as CSV, in the survey's own values (the PDF translates them), in the data
    form or the spreadsheet form (server/exports/csv_forms.py)."""
    with csv_rows(out, spreadsheet=spreadsheet) as write_row:
        write_row(CSV_HEADER)
        for line in content["rows"]:
            write_row(
                [
                    line["number"],
                    line["id"],
                    decimal(line["lat"], 7),
                    decimal(line["lon"], 7),
                    line["surveyed_on"],
                    line["sign"],
                    ";".join(line["lacking"]),
                    ";".join(line["unanswered"]),
                    line["filmed_by"],
                    line["aimed_at_road"],
                    line["operator"],
                    len(line["photos"]),
                    "yes" if line["possible_duplicate"] else "",
                ]
            )


# Typography outside Latin-1 that has a plain equivalent.
_PLAIN = str.maketrans({"—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...",
                        "œ": "oe", "Œ": "OE", "\u202f": " "})  # fmt: skip


def _safe(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_PLAIN)
    if text.isascii():
        return text
    return "".join(ch if ord(ch) < 256 else _base_letters(ch) for ch in text)


def _base_letters(char: str) -> str:
    """A character outside Latin-1 as the Latin-1 letters it decomposes to, or "?"."""
    kept = "".join(
        c
        for c in unicodedata.normalize("NFKD", char)
        if ord(c) < 256 and not unicodedata.combining(c)
    )
    return kept or "?"


class _Pdf(FPDF):
    def __init__(self, lang: str):
        super().__init__(format="A4")
        self.lang = lang
        self.set_auto_page_break(auto=True, margin=15)
        self.set_creator("camwalk")
        self.set_lang(lang)

    def normalize_text(self, text):  # fpdf2's hook for every string it writes
        return super().normalize_text(_safe(text))

    def footer(self):
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.cell(0, 5, f"{self.page_no()}", align="C")

    def heading(self, text: str):
        self.ln(3)
        self.set_font("helvetica", "B", 13)
        self.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("helvetica", size=10)

    def line_of_text(self, text: str, height: float = 5.5):
        self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


MAP_WIDTH_MM = 120


def _draw_map(pdf: _Pdf, drawing: dict) -> None:
    width = MAP_WIDTH_MM
    height = width * drawing["aspect"]
    if pdf.get_y() + height > pdf.h - 20:
        pdf.add_page()
    left, top = (pdf.w - width) / 2, pdf.get_y()
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(left, top, width, height)
    pdf.set_font("helvetica", "B", 7)
    for point in sorted(drawing["points"], key=lambda p: p["number"] is not None):
        x, y = left + point["x"] * width, top + point["y"] * width
        if point["number"] is None:
            pdf.set_fill_color(170, 170, 170)
            pdf.circle(x, y, 0.9, style="F")
            continue
        pdf.set_fill_color(200, 30, 30)
        pdf.circle(x, y, 1.4, style="F")
        pdf.text(x + 1.8, y + 1.0, str(point["number"]))
    pdf.set_font("helvetica", size=10)
    pdf.set_y(top + height + 3)


# Thumbnails side by side in one table cell: up to this many per camera, this tall (pixels).
PHOTOS_PER_ROW = 3
THUMB_HEIGHT_PX = 160


def _strip(photos: list[bytes]) -> Image.Image | None:
    images = []
    for data in photos[:PHOTOS_PER_ROW]:
        image = Image.open(io.BytesIO(data))
        image.thumbnail((THUMB_HEIGHT_PX * 2, THUMB_HEIGHT_PX))
        images.append(image.convert("RGB"))
    if not images:
        return None
    gap = 6
    strip = Image.new(
        "RGB",
        (sum(i.width for i in images) + gap * (len(images) - 1), THUMB_HEIGHT_PX),
        "white",
    )
    x = 0
    for image in images:
        strip.paste(image, (x, 0))
        x += image.width + gap
    return strip


def write_pdf(content: dict, lang: str, photo_bytes, today: dt.date) -> bytes:
    """The printable file. `photo_bytes(sha256) -> bytes | None` gives a blurred copy."""
    text = TEXT[lang]
    pdf = _Pdf(lang)
    title = text["title"].format(commune=content["commune"])
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9)
    pdf.line_of_text(text["generated"].format(day=today.isoformat()))

    pdf.heading(text["counts"])
    counts = content["counts"]
    colon = " : " if lang == "fr" else ": "
    pdf.line_of_text(f"{text['cameras']}{colon}{counts['cameras']}")
    for key in SIGN_COUNTS:  # the cameras' signs, one state each: they add up to the line above
        pdf.line_of_text(f"    - {text[key]}{colon}{counts[key]}")
    pdf.line_of_text(f"{text['private_aimed_at_road']}{colon}{counts['private_aimed_at_road']}")
    if content["open_duplicate_pairs"]:
        pairs = content["open_duplicate_pairs"]
        pdf.line_of_text(_counted(text["duplicates"], lang, pairs).format(pairs=pairs))

    pdf.heading(text["map"])
    _draw_map(pdf, content["map"])

    pdf.heading(text["table"])
    if not content["rows"]:
        pdf.line_of_text(text["none_listed"])
    else:
        _table(pdf, content["rows"], lang, photo_bytes)

    pdf.heading(text["method"])
    method = content["method"]
    pdf.line_of_text(text["method.what"].format(items=CHECKLIST_WORDS[lang]))
    pdf.line_of_text(
        _counted(text["method.when"], lang, method["surveyors"]).format(
            first=method["first_day"] or "—",
            last=method["last_day"] or "—",
            people=method["surveyors"],
        )
    )
    walks = ", ".join(
        f"{w['name']} ({w['date']})" if w["date"] else w["name"] for w in content["walks"]
    )
    pdf.line_of_text(text["method.walks"].format(walks=walks))
    pdf.line_of_text(text["method.facts"])
    return bytes(pdf.output())


def _table(pdf: _Pdf, rows: list[dict], lang: str, photo_bytes) -> None:
    text = TEXT[lang]
    columns = ("number", "surveyed_on", "sign", "lacking", "filmed_by", "aimed_at_road",
               "position", "photos")  # fmt: skip
    pdf.set_font("helvetica", size=8)
    with pdf.table(
        col_widths=(8, 18, 14, 42, 22, 16, 26, 44),
        text_align="LEFT",
        line_height=4.2,
        first_row_as_headings=True,
    ) as table:
        header = table.row()
        for column in columns:
            header.cell(text[f"col.{column}"])
        for line in rows:
            row = table.row()
            row.cell(number_text(line))
            row.cell(line["surveyed_on"] or "—")
            row.cell(_sign_word(lang, line))
            row.cell(lacking_text(lang, line))
            row.cell(_words(lang, line["filmed_by"]))
            row.cell(_words(lang, line["aimed_at_road"]))
            row.cell(f"{line['lat']:.5f}\n{line['lon']:.5f}")
            strip = _strip([b for b in map(photo_bytes, line["photos"]) if b])
            if strip is None:
                row.cell("—")
            else:
                row.cell(img=strip, img_fill_width=True)
    pdf.set_font("helvetica", size=10)
