"""The two forms every CSV camwalk serves comes in (the tables of exports/tables.py, the signage
file's table): one for data tools, one for people who open it in a spreadsheet.

- The data form (the default): RFC 4180, UTF-8 without a BOM, comma-separated, each value as it
  is, the same as in the GeoJSON. csvkit, pandas, QGIS/GDAL and Python's csv read it as is; a
  BOM would become part of the first column's name for some of them, and an apostrophe put
  before a value would stay in it.
- The spreadsheet form (`?spreadsheet=1`, `camwalk export csv --spreadsheet`): what Excel and
  LibreOffice open right by double-click in a French locale, where most camwalk users are.
  UTF-8 with a BOM: without it Excel reads the file as Windows-1252 ("Sécurité" shows as
  "SÃ©curitÃ©"). Semicolons: Excel splits a file on its locale's list separator, which is ";"
  wherever "," is the decimal sign, so a comma file lands in one column. No `sep=;` first line:
  Excel then ignores the BOM. And a text that a spreadsheet would run as a formula goes behind
  an apostrophe (see `spreadsheet_safe`), wherever in the text a spreadsheet splitting the
  line its own way would start a cell: the file is opened where formulas run.
Numbers (coordinates, heights, counts) are passed as numbers, never as text, so that a negative
longitude is neither guarded nor changed; they keep a decimal point in both forms. A yes-or-no
(`possible_duplicate`) is `true` or `false` in both, as in the GeoJSON: Python's `True` reads
as neither to a data tool.
"""

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import BinaryIO

# werkzeug adds "; charset=utf-8" to a text/ type by itself: a charset named here was sent twice.
MEDIA_TYPE = "text/csv"

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
# Sheets (OWASP's list): "=HYPERLINK(...)" typed as an operator would run on the organiser's
# machine when she opens the file. "-Sécurité privée" or "+33 4 91 00 00 00" start the same
# way and are guarded the same way: a spreadsheet cannot tell them apart before running them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet that reads the file some other way than ours starts a cell: one that
# splits on commas (an English-locale Excel opened by double-click, LibreOffice with "comma"
# ticked) or tabs, and reads each line break as a new row, does not see our quotes (they are
# only quotes at a cell's start). "Mairie,=HYPERLINK(...)" is one harmless cell split on
# ";", and a formula split on ",".
_STARTS = re.escape("".join(FORMULA_STARTS))
_FORMULA_WITHIN = re.compile(f"(?:^|(?<=[,;\t\r\n]))(?=[{_STARTS}])")


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as typed: an apostrophe makes a would-be formula a string, as
    spreadsheet users do by hand, at the text's start and after each comma, semicolon, tab
    or line break within it, wherever the spreadsheet splits the line."""
    return _FORMULA_WITHIN.sub("'", text)


def decimal(value: float, places: int) -> Decimal:
    """A number written with exactly `places` decimals (coordinates: 7), kept a number."""
    return Decimal(f"{value:.{places}f}")


def file_name(stem: str, spreadsheet: bool) -> str:
    return f"{stem}-spreadsheet.csv" if spreadsheet else f"{stem}.csv"


@contextmanager
def csv_rows(out: BinaryIO, *, spreadsheet: bool = False) -> Iterator[Callable[[list], None]]:
    """A function that writes one row of cells to `out` in the chosen form; `out` is left
    open. A cell is None (empty), a text, a bool, or a number (int, float, Decimal)."""
    if spreadsheet:
        out.write(codecs.BOM_UTF8)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, delimiter=";" if spreadsheet else ",")

    def write_row(cells: list) -> None:
        writer.writerow([_cell(value, spreadsheet) for value in cells])

    try:
        yield write_row
    finally:
        text.detach()


def _cell(value, spreadsheet: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before the numbers: a bool is an int to Python
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_safe(value) if spreadsheet else value
    return str(value)
