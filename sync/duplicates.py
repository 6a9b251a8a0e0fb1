"""Possible duplicates, and an organiser merging two observations into one.

Two walkers often log the same corner camera. When an observation is created, the server finds
the group's live observations nearby (its spatial index does the coarse search) and asks
`possible_duplicates` which of them look like the same device: close enough, a compatible kind,
and, when both have directions, one pair of bearings within a tolerance. Both are then flagged.

`merge_observations` folds one observation into a survivor the organiser chose: the survivor
keeps its values, fills its blanks from the other, takes the union of photos; the other becomes
a tombstone pointing at the survivor, so edits still addressed to it are redirected there.

The merged-away record's duplicate hints are questions about the camera that stays: "is C the
same camera as this one?" asked of it now concerns the survivor (`hints_after_merge`).

A merge is an organiser's change, so the review rules of sync/merge.py apply to it as to her
edits: an approved survivor stays approved and its published copy takes the merged values at
once (she saw both records side by side and chose), a rejected or never approved one publishes
nothing. A field under an open conflict after the merge (the other's conflicts come with it) is
not hers to choose yet: the copy keeps its published value there until the conflict is settled.
The review state itself (`review_status`, `review_note`) is the survivor's and is never taken
from the other: approving is a decision on the survivor's values, made in review, where an open
conflict or an edit the organiser has not seen stops it. Copied from the other record,
"approved" would stand on values nobody approved, with no published copy behind it.
"""

import dataclasses
import datetime
from collections.abc import Iterable, Mapping

from sync import fields as observation_fields
from sync import geodesy
from sync.changes import PHOTOS, Author, ObservationState, Stamp
from sync.merge import REVIEW_FIELDS, keep_review_honest

# What a merge may take from the other record: every field but the review state.
TAKEABLE_FIELDS = tuple(name for name in observation_fields.FIELDS if name not in REVIEW_FIELDS)


@dataclasses.dataclass(frozen=True)
class DuplicateRules:
    distance_m: float = 8.0  # about a GPS fix's error in a street: closer is likely the same pole
    direction_tolerance_deg: float = 45.0  # walkers estimate bearings by eye from the pavement
    # Kinds a walker can mistake for each other: an ALPR reader looks like any camera.
    compatible_kinds: frozenset[frozenset[str]] = frozenset({frozenset({"camera", "ALPR"})})


DEFAULT_RULES = DuplicateRules()


def distance_m(a: Mapping, b: Mapping) -> float:
    """Metres between two positions `{lat, lon, ...}`."""
    return geodesy.distance_m(a["lat"], a["lon"], b["lat"], b["lon"])


def kinds_compatible(a: str, b: str, rules: DuplicateRules = DEFAULT_RULES) -> bool:
    return a == b or frozenset({a, b}) in rules.compatible_kinds


def directions_compatible(a, b, rules: DuplicateRules = DEFAULT_RULES) -> bool:
    """Unknown direction on either side never rules a duplicate out."""
    if not a or not b:
        return True
    return any(geodesy.angle_gap_deg(x, y) <= rules.direction_tolerance_deg for x in a for y in b)


def looks_like_duplicate(
    new: ObservationState, other: ObservationState, rules: DuplicateRules = DEFAULT_RULES
) -> bool:
    if other.id == new.id or other.tombstone or new.tombstone:
        return False
    a, b = new.fields, other.fields
    return (
        distance_m(a["position"], b["position"]) <= rules.distance_m
        and kinds_compatible(a["kind"], b["kind"], rules)
        and directions_compatible(a.get("direction"), b.get("direction"), rules)
    )


def possible_duplicates(
    new: ObservationState,
    nearby: Iterable[ObservationState],
    rules: DuplicateRules = DEFAULT_RULES,
) -> list[str]:
    """Ids of the observations in `nearby` (same group, any distance) that may be `new`,
    nearest first."""
    hits = [other for other in nearby if looks_like_duplicate(new, other, rules)]
    hits.sort(key=lambda o: (distance_m(new.fields["position"], o.fields["position"]), o.id))
    return [other.id for other in hits]


# What a duplicate hint holds: a guess (`open`), an organiser's "not the same camera"
# (`dismissed`), or her merge of the pair (`merged`). Most decided last.
OPEN, DISMISSED, MERGED = "open", "dismissed", "merged"
_DECIDED = {OPEN: 0, DISMISSED: 1, MERGED: 2}


@dataclasses.dataclass(frozen=True)
class HintsAfterMerge:
    """What becomes of the merged-away record's hints with third records (by their ids).

    `moved`: the hint passes to the survivor, as it stands (status, who dismissed it and when),
    in place of the survivor's own hint with that record, if it had one. `dropped`: the
    survivor's own hint with that record says as much or more; the other's goes."""

    moved: frozenset
    dropped: frozenset


def hints_after_merge(survivor: Mapping, other: Mapping) -> HintsAfterMerge:
    """The rule for the hints of a record merged into a survivor: `survivor` and `other` map
    each third record they have a hint with (leaving out the pair merged) to its status.

    The merged-away record was the survivor's camera, so its question about a third record
    is now the survivor's, asked once: of two hints with the same record the survivor keeps
    the more decided one (an organiser's "not the same camera" outweighs a guess: she said
    the merged-away record is not it, and the survivor is that record), its own when they
    are alike. A moved hint is not judged again by the duplicate rule against the survivor's
    values: the organiser said the two records are one camera, so a record that looked like
    either may be it. A hint the merged-away record had from an earlier merge (`merged`)
    stays as that merge's record."""
    moved = {
        third
        for third, status in other.items()
        if status != MERGED and _DECIDED[status] > _DECIDED.get(survivor.get(third), -1)
    }
    dropped = {third for third, status in other.items() if status != MERGED} - moved
    return HintsAfterMerge(frozenset(moved), frozenset(dropped))


@dataclasses.dataclass(frozen=True)
class MergeOutcome:
    """The two states to write after an organiser merge.

    `taken` holds the values the survivor took from the other observation and `replaced` the
    survivor's values they overwrote; `set_aside` holds the other's differing values the survivor
    did not take. The last two go to the revision history, so no surveyed value is lost.
    The caller moves the other's revisions and open conflict records to the survivor: the
    survivor's `open_conflicts` already lists them.
    """

    survivor: ObservationState
    tombstone: ObservationState
    taken: dict
    replaced: dict
    set_aside: dict


def merge_observations(
    survivor: ObservationState,
    other: ObservationState,
    *,
    change_id: str,
    organiser: Author,
    made_at: datetime.datetime,
    take_from_other: frozenset[str] = frozenset(),
) -> MergeOutcome:
    """Fold `other` into `survivor`. A field takes the other's value when the organiser asked
    for it (`take_from_other`) or when the survivor left it blank, if it is one of
    `TAKEABLE_FIELDS` (asking for another is a ValueError)."""
    if survivor.id == other.id or survivor.merged_into or other.merged_into:
        raise ValueError("merge two different observations that are not merged already")
    if not take_from_other <= set(TAKEABLE_FIELDS):
        raise ValueError(f"only these fields are taken: {', '.join(TAKEABLE_FIELDS)}")
    stamp = Stamp(change_id, organiser, made_at, survivor.version + 1)
    values, stamps = dict(survivor.fields), dict(survivor.stamps)
    taken, replaced, set_aside = {}, {}, {}
    for name in observation_fields.FIELDS:
        mine, theirs = values.get(name), other.fields.get(name)
        if mine == theirs or theirs is None:
            continue
        if name in TAKEABLE_FIELDS and (name in take_from_other or mine is None):
            values[name], stamps[name], taken[name] = theirs, stamp, theirs
            replaced[name] = mine
        else:
            set_aside[name] = theirs
    photos = survivor.photos | other.photos
    if photos != survivor.photos:
        stamps[PHOTOS] = stamp
    merged = dataclasses.replace(
        survivor,
        version=survivor.version + 1,
        fields=values,
        stamps=stamps,
        photos=photos,
        open_conflicts=survivor.open_conflicts | other.open_conflicts,
    )
    merged = keep_review_honest(survivor, merged, stamp)
    tombstone = dataclasses.replace(
        other, version=other.version + 1, merged_into=survivor.id, open_conflicts=frozenset()
    )
    return MergeOutcome(merged, tombstone, taken, replaced, set_aside)
