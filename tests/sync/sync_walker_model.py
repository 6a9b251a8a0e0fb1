"""A walker's phone as the protocol expects it to behave, for the convergence property test.

It keeps the server's copy of each observation with the `seq` it came with, an outbox replayed
oldest first, and a cursor. Its view of an observation is the server copy with the unsent
changes laid on top (what the PWA shows). Rules the PWA must follow too:

- a change leaves the outbox only when an answer holds a result for its `change_id`;
- a pulled observation replaces the copy only if its `seq` is greater than the copy's (a late
  answer to an old request must not roll a copy back), and the cursor only moves forward.
"""

import dataclasses

from sync import fields as observation_fields
from sync.changes import Author, Change, FieldEdit, Op, Photo
from sync.memory import Answer


@dataclasses.dataclass
class View:
    fields: dict
    photos: set
    version: int
    deleted: bool
    merged_into: str | None


class WalkerPhone:
    def __init__(self, author: Author, name: str):
        self.author, self.name = author, name
        self.copies: dict = {}  # observation id -> Pulled
        self.outbox: list[Change] = []
        self.cursor = 0
        self._count = 0

    def next_change_id(self) -> str:
        self._count += 1
        return f"{self.name}-{self._count}"

    def view(self, observation_id: str) -> View | None:
        copy = self.copies.get(observation_id)
        if copy is None:
            view = None
        else:
            s = copy.state
            view = View(dict(s.fields), set(s.photos), s.version, s.deleted, s.merged_into)
        for change in self.outbox:
            if change.observation_id == observation_id:
                view = _lay_over(view, change)
        return view

    def known_ids(self) -> list[str]:
        pending = {c.observation_id for c in self.outbox}
        return sorted(set(self.copies) | pending)

    def edit(self, observation_id: str, field: str, value, made_at) -> Change | None:
        view = self.view(observation_id)
        if view is None or view.deleted or view.merged_into:
            return None
        edit = FieldEdit(view.fields.get(field), value)
        change = Change(
            self.next_change_id(),
            observation_id,
            Op.UPDATE,
            made_at,
            None,
            view.version,
            {field: edit},
        )
        return self._queue(change)

    def delete(self, observation_id: str, made_at) -> Change | None:
        view = self.view(observation_id)
        if view is None or view.deleted or view.merged_into:
            return None
        change = Change(
            self.next_change_id(), observation_id, Op.DELETE, made_at, None, view.version
        )
        return self._queue(change)

    def photo(self, observation_id: str, op: Op, sha: str, made_at) -> Change | None:
        view = self.view(observation_id)
        if view is None or view.deleted or view.merged_into:
            return None
        change = Change(
            self.next_change_id(), observation_id, op, made_at, photo=Photo(sha, "close_up")
        )
        return self._queue(change)

    def create(self, observation_id: str, walk_id: int, values: dict, made_at) -> Change:
        change = Change(
            self.next_change_id(), observation_id, Op.CREATE, made_at, walk_id, None, values
        )
        return self._queue(change)

    def request(self, how_many: int | None = None) -> tuple[list[Change], int]:
        """The outbox (oldest first, maybe only its head) and the cursor to send."""
        return list(self.outbox[:how_many]), self.cursor

    def receive(self, answer: Answer) -> None:
        answered = {result.change_id for result in answer.results}
        self.outbox = [c for c in self.outbox if c.change_id not in answered]
        for pulled in answer.observations:
            copy = self.copies.get(pulled.state.id)
            if copy is None or pulled.seq > copy.seq:
                self.copies[pulled.state.id] = pulled
        self.cursor = max(self.cursor, answer.cursor)

    def _queue(self, change: Change) -> Change:
        self.outbox.append(change)
        return change


def _lay_over(view: View | None, change: Change) -> View | None:
    """What the phone shows once `change` is made, before the server has seen it."""
    if change.op is Op.CREATE:
        values = {n: observation_fields.DEFAULTS.get(n) for n in observation_fields.FIELDS}
        return View({**values, **change.fields}, set(), 0, False, None)
    if view is None:
        return None
    if change.op is Op.UPDATE:
        view.fields.update({n: e.new for n, e in change.fields.items()})
    elif change.op is Op.DELETE:
        view.deleted = True
    elif change.op is Op.ATTACH_PHOTO:
        view.photos = {p for p in view.photos if p.sha256 != change.photo.sha256}
        view.photos.add(change.photo)
    elif change.op is Op.DETACH_PHOTO:
        view.photos = {p for p in view.photos if p.sha256 != change.photo.sha256}
    return view
