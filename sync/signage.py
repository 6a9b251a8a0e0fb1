"""What the signage survey's answers add up to, for the file a campaign hands over.

Facts only, in the walker's own terms; nothing here says whether a camera is lawful
(docs/legal.md gives organisers the law, the reader draws the conclusions):

- a camera "has a sign" when a walker saw one (`sign` = seen);
- its sign is "complete" when all six checklist items were answered yes;
- it is listed as missing a sign when a walker answered none (what it lacks is then the sign
  itself, not "nothing"), and as incomplete when at least one item was answered no. A sign
  whose items were only partly answered, none of them no, is neither complete nor
  incomplete: nobody recorded what it lacks, so it is not listed;
- a "private camera aimed at the road" is one filmed by a business or a residence that a walker
  said films the public road.
"""

from collections.abc import Iterable

from sync.fields import SIGN_CHECKLIST

PRIVATE_FILMERS = frozenset({"business", "residence"})

MISSING = "missing"
INCOMPLETE = "incomplete"
COMPLETE = "complete"


def sign_state(values: dict) -> str | None:
    """missing, incomplete, complete, or None when none of these was recorded."""
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
    return None


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
    """Whether the camera belongs in the table of missing or incomplete signs."""
    return sign_state(values) in (MISSING, INCOMPLETE)


def counts(cameras: Iterable[dict]) -> dict:
    """The file's four counts over the cameras' field values."""
    total = with_sign = complete = private_road = 0
    for values in cameras:
        total += 1
        with_sign += values.get("sign") == "seen"
        complete += sign_state(values) == COMPLETE
        private_road += private_aimed_at_road(values)
    return {
        "cameras": total,
        "with_sign": with_sign,
        "with_complete_sign": complete,
        "private_aimed_at_road": private_road,
    }
