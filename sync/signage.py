"""What the signage survey's answers add up to, for the file a campaign hands over.

Facts only, in the walker's own terms; nothing here says whether a camera is lawful
(docs/legal.md gives organisers the law, the reader draws the conclusions):

- a camera's sign is, by what the walkers recorded: missing (they answered none), complete
  (seen, all six checklist items answered yes), incomplete (seen, at least one item answered
  no), partly checked (seen, some items unanswered and none answered no) or not checked ("not
  looked", or nothing said). Every camera is exactly one of these, so the file's counts add up
  to its number of cameras and a reader need not guess what the difference is;
- the table lists the cameras whose sign is missing, incomplete or partly checked, with what
  each lacks (the sign itself when a walker found none, not "nothing") and which items nobody
  recorded: a partly checked sign is not called incomplete, nor left out as if it were fine;
- a "private camera aimed at the road" is one filmed by a business or a residence that a walker
  said films the public road.
"""

from collections import Counter
from collections.abc import Iterable

from sync.fields import SIGN_CHECKLIST, is_camera

PRIVATE_FILMERS = frozenset({"business", "residence"})


def concerns(kind: str | None) -> bool:
    """Whether the signage survey concerns a device of `kind`: one that films (`is_camera`).
    Its questions are about video protection (docs/legal.md: a sign with a camera pictogram,
    who may film the public road); a plate reader films, a guard is a person and a gunshot
    detector a microphone. The commune's file counts only these devices, and the phone asks
    the questions only of them and sends them empty for any other kind (signageFields in
    pwa/src/model/observation.js, held to this rule by tests/pwa/test_signage_kinds.py)."""
    return is_camera(kind)


MISSING = "missing"
INCOMPLETE = "incomplete"
PARTLY_CHECKED = "partly_checked"
COMPLETE = "complete"


def sign_state(values: dict) -> str | None:
    """missing, complete, incomplete, partly_checked, or None when the sign was not checked."""
    sign = values.get("sign")
    if sign == "none":
        return MISSING
    if sign != "seen":
        return None
    answers = [values.get(item) for item in SIGN_CHECKLIST]
    if "no" in answers:
        return INCOMPLETE
    if all(answer == "yes" for answer in answers):
        return COMPLETE
    return PARTLY_CHECKED


# What a camera lacks when a walker looked for a sign and found none: the sign itself, not
# "nothing" (an empty list read "items missing: none" on paper).
NO_SIGN = "sign"


def lacking(values: dict) -> list[str]:
    """What the camera's information lacks: the sign itself (`NO_SIGN`) when a walker found
    none, else the checklist items recorded as not stated, in checklist order. The print
    view, the PDF and the CSV only put these into words."""
    if values.get("sign") == "none":
        return [NO_SIGN]
    return [item for item in SIGN_CHECKLIST if values.get(item) == "no"]


def unanswered(values: dict) -> list[str]:
    """For a sign seen, the items nobody answered (the file says so rather than guess)."""
    if values.get("sign") != "seen":
        return []
    return [item for item in SIGN_CHECKLIST if values.get(item) is None]


def private_aimed_at_road(values: dict) -> bool:
    return values.get("filmed_by") in PRIVATE_FILMERS and values.get("aimed_at_road") == "yes"


def listed(values: dict) -> bool:
    """Whether the camera belongs in the table: its sign missing, incomplete or partly
    checked."""
    return sign_state(values) in (MISSING, INCOMPLETE, PARTLY_CHECKED)


# The file's counts of signs, by state, in the order it prints them: they add up to "cameras".
SIGN_COUNTS = {
    "no_sign": MISSING,
    "complete_sign": COMPLETE,
    "incomplete_sign": INCOMPLETE,
    "partly_checked_sign": PARTLY_CHECKED,
    "sign_not_checked": None,
}


def counts(cameras: Iterable[dict]) -> dict:
    """The file's counts over the cameras' field values: all of them, each sign state
    (`SIGN_COUNTS`, which add up to all of them), and the private ones aimed at the road."""
    states = Counter()
    total = private_road = 0
    for values in cameras:
        total += 1
        states[sign_state(values)] += 1
        private_road += private_aimed_at_road(values)
    return {
        "cameras": total,
        **{name: states[state] for name, state in SIGN_COUNTS.items()},
        "private_aimed_at_road": private_road,
    }
