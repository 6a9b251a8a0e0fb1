"""Plain values that go in and out of the sync engine.

The server turns rows and request bodies into these, calls `sync.merge` / `sync.resolve` /
`sync.duplicates`, and stores what comes back. Nothing here knows about storage: an
`ObservationState` is a snapshot, an `Outcome` says what to write. All dataclasses are frozen;
their dicts are never mutated by the engine (it builds new ones), so a caller may keep them.
"""

import dataclasses
import datetime
import enum
from typing import Any


class Op(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    ATTACH_PHOTO = "attach_photo"
    DETACH_PHOTO = "detach_photo"


class Status(enum.StrEnum):
    APPLIED = "applied"  # merged cleanly (including "nothing to do")
    CONFLICT = "conflict"  # applied with a provisional winner; conflict records wait
    REJECTED = "rejected"  # kept in the history, not applied


# The key under which photo changes are stamped, beside the field names.
PHOTOS = "photos"


@dataclasses.dataclass(frozen=True)
class Author:
    """Who sent a change: the member id the token belongs to, and whether they organise."""

    member_id: int | str
    organiser: bool = False


@dataclasses.dataclass(frozen=True)
class FieldEdit:
    """One field of an update: the value the walker saw before, and the value they set."""

    old: Any
    new: Any


@dataclasses.dataclass(frozen=True)
class Photo:
    sha256: str
    role: str


@dataclasses.dataclass(frozen=True)
class Change:
    """One item of a client's outbox, as sent (docs/sync-protocol.md).

    `fields` holds plain values for a create and `FieldEdit`s for an update.
    """

    change_id: str
    observation_id: str
    op: Op
    made_at: datetime.datetime
    walk_id: int | None = None
    base_version: int | None = None
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    photo: Photo | None = None


@dataclasses.dataclass(frozen=True)
class Stamp:
    """Which accepted change last set a field, by whom, when, and at which version.

    The provisional winner of a conflict is chosen from stamps, and a stale delete looks at
    them (and at `ObservationState.changed_by`) to tell someone else's edit from the deleting
    walker's own.
    """

    change_id: str
    author: Author
    made_at: datetime.datetime
    version: int


@dataclasses.dataclass(frozen=True)
class ObservationState:
    """What the server holds for one observation, as far as merging is concerned.

    A tombstone keeps its fields and photos: `deleted` or `merged_into` only hide it.
    `stamps` maps field names (and `PHOTOS`) to the change that last set them. `created_by` is
    the member who logged it; `approved` holds the field values an organiser last approved
    (what is published and exported), None while nothing is approved.

    `changed_by` maps each member to their latest change that changed the observation, which
    stays there after a later change overwrites what it set: a field's stamp names only its
    last setter, and a delete must know whether anyone else changed anything after the version
    it was based on. Who made the versions up to `unattributed_until` is unknown (they were
    written before `changed_by` was kept), so a delete based on an earlier one is stale.
    """

    id: str
    walk_id: int
    version: int
    fields: dict[str, Any]
    photos: frozenset[Photo] = frozenset()
    stamps: dict[str, Stamp] = dataclasses.field(default_factory=dict)
    deleted: bool = False
    deleted_by: Stamp | None = None
    merged_into: str | None = None
    open_conflicts: frozenset[str] = frozenset()
    created_by: int | str | None = None
    approved: dict[str, Any] | None = None
    changed_by: dict[Author, Stamp] = dataclasses.field(default_factory=dict)
    unattributed_until: int = 0

    @property
    def tombstone(self) -> bool:
        return self.deleted or self.merged_into is not None


@dataclasses.dataclass(frozen=True)
class Side:
    """One of the values a conflict keeps, with who set it and when."""

    value: Any
    change_id: str | None  # None for a value whose origin is unknown (imported data)
    author: Author | None
    made_at: datetime.datetime | None


class ConflictKind(enum.StrEnum):
    FIELD = "field"  # the same field set to different values
    DELETE_EDIT = "delete_edit"  # one walker deleted what another edited


@dataclasses.dataclass(frozen=True)
class ConflictRecord:
    """A disagreement an organiser must settle.

    `key` is derived from the change that raised it, so a replay or a retried transaction
    produces the same key. For a FIELD conflict `winner` and `loser` hold the two values; for a
    DELETE_EDIT conflict `field` is None, the winner is the edit (the observation stays) and the
    loser's value is the string "deleted".
    """

    key: str
    observation_id: str
    kind: ConflictKind
    field: str | None
    winner: Side
    loser: Side


@dataclasses.dataclass(frozen=True)
class Rejection:
    code: str
    message: str
    # False when the client can fix the cause and send the same change again (the photo's
    # bytes had not arrived): answered, but not kept, so the retry is judged afresh instead
    # of replaying this answer by its change_id.
    kept: bool = True


@dataclasses.dataclass(frozen=True)
class Revision:
    """The history entry kept for every change received, winning or losing."""

    change: Change
    author: Author
    status: Status
    version: int | None  # the observation version after the change, None if there is none
    conflict_keys: tuple[str, ...] = ()
    redirected_from: str | None = None
    rejection: Rejection | None = None


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What applying one change means: the new state (None if there is still no observation),
    conflicts to open and close, and the revision to keep. `changed` says whether the state
    must be written (and given a new `seq` so that every client pulls it)."""

    status: Status
    state: ObservationState | None
    changed: bool
    revision: Revision
    conflicts: tuple[ConflictRecord, ...] = ()
    closed_conflicts: tuple[str, ...] = ()
    rejection: Rejection | None = None
    # Open conflicts (by key) on a field this change gave another value, with the side that
    # field now holds: each record puts it first, as the value an organiser keeps by default.
    now_held: tuple[tuple[str, Side], ...] = ()
