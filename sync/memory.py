"""A reference sync server held in memory: the batch semantics of docs/sync-protocol.md.

The Flask service does the same with rows and one transaction per request; this one exists so
that tests (and anyone wiring a new store) can see the whole round trip in a page: replays are
answered from the results kept by `change_id`, changes are applied in request order through
`sync.merge`, every write takes the next `seq`, and the pull returns what moved after the
client's cursor. It holds one group, and its duplicate hints: flagged when a camera is logged,
merged, said to be two ("not the same camera"), and passed on by a merge as the server does
(`sync.duplicates.hints_after_merge`).
"""

import dataclasses
import datetime
import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from sync.changes import (
    Author,
    Change,
    ConflictRecord,
    ObservationState,
    Op,
    Outcome,
    Rejection,
    Revision,
    Status,
)
from sync.duplicates import (
    DEFAULT_RULES,
    DISMISSED,
    MERGED,
    OPEN,
    DuplicateRules,
    hints_after_merge,
    merge_observations,
    possible_duplicates,
)
from sync.merge import apply_change, follow_merges
from sync.resolve import resolve_deletion, resolve_field


@dataclasses.dataclass(frozen=True)
class Result:
    """The answer for one change, as it goes on the wire."""

    change_id: str
    observation_id: str
    status: Status
    version: int | None
    replayed: bool = False
    conflict_ids: tuple[str, ...] = ()
    redirected_to: str | None = None
    rejection: Rejection | None = None


@dataclasses.dataclass(frozen=True)
class Pulled:
    seq: int
    state: ObservationState


@dataclasses.dataclass(frozen=True)
class Answer:
    results: list[Result]
    observations: list[Pulled]
    cursor: int
    more: bool


class MemoryServer:
    def __init__(
        self,
        clock: Callable[[], datetime.datetime] | None = None,
        rules: DuplicateRules = DEFAULT_RULES,
    ):
        """`clock` stamps organiser actions (the server's own changes); pushes need none."""
        self._clock = clock
        self.rules = rules
        self.states: dict[str, ObservationState] = {}
        self.seqs: dict[str, int] = {}
        self.last_seq = 0
        self.results: dict[str, Result] = {}
        self.revisions: list[Revision] = []
        self.conflicts: dict[str, ConflictRecord] = {}
        self.hints: dict[frozenset[str], str] = {}  # pair of ids -> OPEN, DISMISSED or MERGED
        self.set_aside: list[
            tuple[str, str, Any]
        ] = []  # (observation, field, value) merges put by
        self.applications: Counter[str] = Counter()  # change_id -> times merged (must be 1)
        self.replays: Counter[str] = Counter()  # change_id -> times answered from the log
        self._ids = itertools.count(1)

    def sync(self, author: Author, changes: Iterable[Change], cursor: int, limit: int) -> Answer:
        """One round trip: push the outbox, then pull what changed after `cursor`."""
        results = [self.push(author, change) for change in changes]
        observations, next_cursor, more = self.pull(cursor, limit)
        return Answer(results, observations, next_cursor, more)

    def push(self, author: Author, change: Change) -> Result:
        known = self.results.get(change.change_id)
        if known is not None:
            self.replays[change.change_id] += 1
            return dataclasses.replace(known, replayed=True)
        original_id = change.observation_id
        target = follow_merges(original_id, self.states.get)
        redirected_from = None
        if target is not None and target.id != original_id:
            redirected_from = original_id
            change = dataclasses.replace(change, observation_id=target.id)
        outcome = apply_change(target, change, author, redirected_from=redirected_from)
        self.applications[change.change_id] += 1
        self._store(outcome)
        if change.op is Op.CREATE and target is None and outcome.status is not Status.REJECTED:
            self._flag_duplicates(outcome.state)
        result = Result(
            change.change_id,
            original_id,
            outcome.status,
            outcome.revision.version,
            conflict_ids=outcome.revision.conflict_keys,
            redirected_to=target.id if redirected_from else None,
            rejection=outcome.rejection,
        )
        self.results[change.change_id] = result
        return result

    def pull(self, cursor: int, limit: int) -> tuple[list[Pulled], int, bool]:
        newer = sorted((seq, oid) for oid, seq in self.seqs.items() if seq > cursor)
        page = [Pulled(seq, self.states[oid]) for seq, oid in newer[:limit]]
        return page, page[-1].seq if page else cursor, len(newer) > limit

    def resolve_field(self, organiser: Author, observation_id: str, field: str, value) -> Outcome:
        current = self.states[observation_id]
        outcome = resolve_field(
            current,
            field,
            value,
            self._open(current),
            change_id=self._server_change_id(),
            organiser=organiser,
            made_at=self._clock(),
        )
        self._store(outcome)
        return outcome

    def resolve_deletion(self, organiser: Author, observation_id: str, delete: bool) -> Outcome:
        current = self.states[observation_id]
        outcome = resolve_deletion(
            current,
            delete,
            self._open(current),
            change_id=self._server_change_id(),
            organiser=organiser,
            made_at=self._clock(),
        )
        self._store(outcome)
        return outcome

    def merge(self, organiser: Author, survivor_id: str, other_id: str, take=frozenset()):
        merged = merge_observations(
            self.states[survivor_id],
            self.states[other_id],
            change_id=self._server_change_id(),
            organiser=organiser,
            made_at=self._clock(),
            take_from_other=frozenset(take),
        )
        for key in self.states[other_id].open_conflicts:
            record = self.conflicts[key]
            self.conflicts[key] = dataclasses.replace(record, observation_id=survivor_id)
        self.set_aside += [(other_id, name, value) for name, value in merged.set_aside.items()]
        self.set_aside += [(survivor_id, name, value) for name, value in merged.replaced.items()]
        self._write(merged.survivor)
        self._write(merged.tombstone)
        self._move_hints(survivor_id, other_id)
        return merged

    def not_duplicate(self, observation_id: str, other_id: str, distinct: bool = True) -> None:
        """An organiser's "not the same camera" about a flagged pair (`distinct`), or taking
        it back. Saying again what the pair holds changes nothing."""
        pair = frozenset({observation_id, other_id})
        if self.hints.get(pair) not in (OPEN, DISMISSED):
            raise ValueError("not a duplicate pair")
        wanted = DISMISSED if distinct else OPEN
        if self.hints[pair] != wanted:
            self.hints[pair] = wanted
            for record in (observation_id, other_id):  # their hints changed: pulled again
                self._write(self.states[record])

    @property
    def duplicate_hints(self) -> dict[str, set[str]]:
        """Per observation, the others it is flagged with (a pull's `duplicate_hints`)."""
        found: dict[str, set[str]] = {}
        for pair, status in self.hints.items():
            if status == OPEN:
                a, b = pair
                found.setdefault(a, set()).add(b)
                found.setdefault(b, set()).add(a)
        return found

    def _move_hints(self, survivor_id: str, other_id: str) -> None:
        merged = frozenset({survivor_id, other_id})
        if merged in self.hints:
            self.hints[merged] = MERGED

        def thirds(record: str) -> dict[str, str]:
            return {
                next(iter(pair - {record})): status
                for pair, status in self.hints.items()
                if record in pair and pair != merged
            }

        rule = hints_after_merge(thirds(survivor_id), thirds(other_id))
        for third in sorted(rule.moved | rule.dropped):
            status = self.hints.pop(frozenset({other_id, third}))
            if third in rule.moved:
                self.hints[frozenset({survivor_id, third})] = status
            self._write(self.states[third])  # its hints changed: phones pull it again

    def _open(self, state: ObservationState) -> list[ConflictRecord]:
        return [self.conflicts[key] for key in state.open_conflicts]

    def _server_change_id(self) -> str:
        return f"server-{next(self._ids)}"

    def _store(self, outcome: Outcome) -> None:
        self.revisions.append(outcome.revision)
        for record in outcome.conflicts:
            self.conflicts[record.key] = record
        if outcome.changed:
            self._write(outcome.state)

    def _write(self, state: ObservationState) -> None:
        self.last_seq += 1
        self.states[state.id] = state
        self.seqs[state.id] = self.last_seq

    def _flag_duplicates(self, new: ObservationState) -> None:
        others = [s for s in self.states.values() if s.id != new.id]
        for other_id in possible_duplicates(new, others, self.rules):
            self.hints[frozenset({new.id, other_id})] = OPEN
