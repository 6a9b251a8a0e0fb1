"""What a pseudonym may be, and when two pseudonyms look the same.

A pseudonym is what the group sees in history, conflict and review screens, so a walker must
not be able to appear there as someone else. Three rules:

1. It is stored NFC-normalised, so that "é" typed two ways is one pseudonym.
2. It holds no invisible or reordering characters: controls (Cc), format characters (Cf:
   zero-width spaces and joiners, bidi embeddings, overrides and isolates, the BOM, soft
   hyphen), unassigned, private-use or surrogate code points, separators other than the plain
   space, filler letters that draw nothing (Hangul fillers, Braille blank), and more than two
   combining marks on one letter ("zalgo" text that paints over its neighbours).
3. It does not look like a pseudonym already used in the group (by anyone, removed members
   included, since their names stay in the history): two pseudonyms with the same `skeleton`
   are one too many.

`skeleton` follows the idea of Unicode TR39's confusable skeleton: NFKD (fullwidth,
mathematical and ligature forms fold to plain letters), combining marks dropped ("é" → "e"),
each letter TR39's data says draws like a Latin letter or digit replaced by it (`_tr39_latin`,
from Unicode's confusables as the confusable-homoglyphs package ships them: Cyrillic, Greek,
Armenian, Cherokee, ...), before case folding (a Cherokee capital folds to a Cherokee small
letter, which looks like another Latin letter) and again after, then the look-alikes of
`LOOK_ALIKES` (what TR39 leaves out or maps elsewhere: i, l, 1 and | as one stroke; 0 as o),
then `LOOK_ALIKE_PAIRS` ("rn" draws like "m"), and spaces, punctuation and symbols dropped
("karim." and "ka rim" are "karim"). It errs on the side of refusing: a walker whose harmless
pseudonym is refused picks another one; an organiser impersonated in the history is worse.
"""

import functools
import importlib.resources
import json
import re
import unicodedata

MAX_COMBINING_MARKS = 2
# Letters (category Lo/So) that draw nothing at all.
INVISIBLE_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"}
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"}

# After case folding: a character that draws like a Latin letter (or digit) → that letter.
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic (lower case; upper case folds to these first)
        "а": "a", "в": "b", "е": "e", "з": "3", "і": "l", "ј": "j", "к": "k", "м": "m",
        "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
        "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ь": "b", "п": "n", "г": "r",
        # Greek
        "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "l", "κ": "k", "μ": "u",
        "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
        # Armenian
        "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g",
        # Latin look-alikes and one-stroke glyphs
        "i": "l", "1": "l", "|": "l", "ı": "l", "ǀ": "l", "ɩ": "l", "ȷ": "j", "ɑ": "a",
        "ɡ": "g", "ʀ": "r", "ʏ": "y", "ɴ": "n", "ᴍ": "m", "ᴋ": "k", "ᴛ": "t", "0": "o",
        "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe",
    }
)  # fmt: skip
# Pairs that draw like one letter, replaced after LOOK_ALIKES.
LOOK_ALIKE_PAIRS = [("rn", "m"), ("vv", "w"), ("cl", "d")]


def normalise(pseudonym: str) -> str:
    return unicodedata.normalize("NFC", pseudonym)


def problem(pseudonym: str) -> str | None:
    """Why this (normalised) pseudonym cannot be used, or None."""
    marks = 0
    for char in pseudonym:
        category = unicodedata.category(char)
        if category in _REFUSED_CATEGORIES or char in INVISIBLE_LETTERS:
            return f"must not contain invisible or control characters (U+{ord(char):04X})"
        if category == "Zs" and char != " ":
            return f"use a plain space, not U+{ord(char):04X}"
        marks = marks + 1 if category.startswith("M") else 0
        if marks > MAX_COMBINING_MARKS:
            return "too many accents on one letter"
    if not skeleton(pseudonym):
        return "must contain a letter or a digit"
    return None


def skeleton(pseudonym: str) -> str:
    """What the pseudonym looks like: equal skeletons are pseudonyms a reader would mix up."""
    decomposed = unicodedata.normalize("NFKD", pseudonym)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    latin = _tr39_latin()
    folded = bare.translate(latin).casefold().translate(latin).casefold().translate(LOOK_ALIKES)
    kept = "".join(c for c in folded if unicodedata.category(c)[0] in "LN")
    for pair, letter in LOOK_ALIKE_PAIRS:
        kept = kept.replace(pair, letter)
    return kept


@functools.cache
def _tr39_latin() -> dict[int, str]:
    """Code point → the Latin letters or digits it draws like, for every character TR39's data
    pairs with one (read once, the first time a pseudonym is checked: the data is 900 KB)."""
    data = importlib.resources.files("confusable_homoglyphs").joinpath("confusables.json")
    table = {}
    for char, alikes in json.loads(data.read_text(encoding="utf-8")).items():
        if len(char) != 1 or char.isascii():
            continue
        latin = [a["c"] for a in alikes if a["c"].isascii() and a["c"].isalnum()]
        if latin:
            table[ord(char)] = min(latin, key=len)
    # Latin letters with a hook, a stroke, a tail... that no decomposition brings back to their
    # letter, and TR39 leaves out ("ⱳ", w with hook): the letter their name gives.
    for start, end in _LATIN_BLOCKS:
        for point in range(start, end + 1):
            found = _LATIN_LETTER_WITH.match(unicodedata.name(chr(point), ""))
            if found and point not in table:
                table[point] = found[2].lower() if found[1] == "SMALL" else found[2]
    return table


_LATIN_LETTER_WITH = re.compile(r"LATIN (SMALL|CAPITAL) LETTER ([A-Z]) WITH ")
# Latin-1 Supplement to IPA Extensions, Latin Extended Additional, Extended-C, -D and -E.
_LATIN_BLOCKS = [
    (0x80, 0x24F),
    (0x1E00, 0x1EFF),
    (0x2C60, 0x2C7F),
    (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F),
]
