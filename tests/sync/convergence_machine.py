"""Property: walkers editing offline and syncing over a bad network all end with the server's data.

Several phones make random offline edits and sync in random orders; answers get lost, requests
arrive twice or late (after newer ones), pages are small, and an organiser resolves conflicts
and merges observations meanwhile. Once the network settles and everyone has synced:

- every phone's copy equals the server's observations;
- no change was merged twice, and every change sent has exactly one revision;
- every value any walker sent is still somewhere: the current value, a side of a conflict
  record, a value set aside by a merge, or the `old` of a later change that knowingly replaced it;
- no observation ends deleted by a walker who had not seen someone else's edit on it;
- no duplicate hint but a merge's own names a record merged away: a merge passes the other
  record's hints to the survivor (`sync.duplicates.hints_after_merge`).

The machine runs against any server with MemoryServer's interface: the in-memory model (a fast
oracle, tests/sync/test_sync_convergence.py) and the real Flask app on both database engines
through an HTTP adapter (tests/server/observations/test_sync_convergence_server.py). Subclasses
choose the server, the ids and how a phone's copies are compared with the server's data.
"""

import datetime
from collections import Counter

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sync_walker_model import WalkerPhone

from sync import fields as observation_fields
from sync.changes import Author, ConflictKind, Op, Status
from sync.duplicates import DISMISSED, MERGED, OPEN, possible_duplicates
from sync.memory import MemoryServer

T0 = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
PHONES = 3
PAGE = 3  # small pages so that paging is exercised
ORGANISER = Author(99, organiser=True)
# A few close spots (duplicates) and one far away; few values per field, so walkers collide.
SPOTS = [
    {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 6},
    {"lat": 43.2961534, "lon": 5.3812345, "accuracy_m": 4},
    {"lat": 43.2991234, "lon": 5.3852345, "accuracy_m": None},
]
VALUES = {
    "position": SPOTS,
    "operator": [None, "Mairie", "Police municipale", "SNCF"],
    "mount": [None, "pole", "wall"],
    "direction": [None, [90], [180], [90, 180], [180, 90]],
    "kind": ["camera", "ALPR"],
}
FIELD_NAMES = sorted(VALUES)

pick = st.integers(min_value=0, max_value=10**6)


class WalkersAndServer(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.tick = 0
        self.server = self.make_server()
        self.phones = [WalkerPhone(Author(n + 1), f"phone{n}") for n in range(PHONES)]
        self.skews = [0] * PHONES
        self.in_flight = []  # (phone index, changes, cursor) waiting in the network
        self.sent = []  # every change any phone made
        self.created = 0

    # -- what a subclass may change --------------------------------------------------------
    def make_server(self):
        return MemoryServer(clock=self._server_time)

    def observation_id(self, number: int) -> str:
        return f"obs{number}"

    def phone_copies(self, walker) -> dict:
        return {i: p.state for i, p in walker.copies.items()}

    def server_copies(self) -> dict:
        return self.server.states

    # -- time: one tick per action; each phone's clock may be a few minutes off --------------
    def _server_time(self):
        return T0 + datetime.timedelta(minutes=self.tick)

    def _phone_time(self, phone):
        self.tick += 1
        return T0 + datetime.timedelta(minutes=self.tick + self.skews[phone])

    @rule(phone=st.integers(0, PHONES - 1), skew=st.integers(-2, 2))
    def phone_clock_drifts(self, phone, skew):
        self.skews[phone] = skew

    # -- walkers, offline ---------------------------------------------------------------------
    @initialize(operator=st.sampled_from(VALUES["operator"]))
    def last_weeks_cameras_are_on_every_phone(self, operator):
        """Every walker starts from the same cameras (two of them one device logged twice), so
        their offline edits meet and the organiser has duplicates to merge."""
        for spot in SPOTS:
            self.walker_logs_a_camera(0, spot, operator=operator)
        for walker in self.phones:
            changes, cursor = walker.request()
            walker.receive(self.server.sync(walker.author, changes, cursor, 10))

    @rule(
        phone=st.integers(0, PHONES - 1),
        spot=st.sampled_from(SPOTS),
        kind=st.sampled_from(VALUES["kind"]),
        operator=st.sampled_from(VALUES["operator"]),
        direction=st.sampled_from(VALUES["direction"]),
    )
    def walker_logs_a_camera(self, phone, spot, kind="camera", operator=None, direction=None):
        self.created += 1
        values = {
            "position": spot,
            "kind": kind,
            "surveyed_on": "2026-11-21",
            "operator": operator,
            "direction": direction,
        }
        obs = self.observation_id(self.created)
        self._made(self.phones[phone].create(obs, 3, values, self._phone_time(phone)))

    @rule(
        phone=st.integers(0, PHONES - 1),
        which=pick,
        field=st.sampled_from(FIELD_NAMES),
        data=st.data(),
    )
    def walker_edits_a_field(self, phone, which, field, data):
        walker = self.phones[phone]
        if walker.known_ids():
            obs = walker.known_ids()[which % len(walker.known_ids())]
            value = data.draw(st.sampled_from(VALUES[field]))
            self._made(walker.edit(obs, field, value, self._phone_time(phone)))

    @rule(phone=st.integers(0, PHONES - 1), which=pick)
    def walker_deletes(self, phone, which):
        walker = self.phones[phone]
        if walker.known_ids():
            obs = walker.known_ids()[which % len(walker.known_ids())]
            self._made(walker.delete(obs, self._phone_time(phone)))

    @rule(
        phone=st.integers(0, PHONES - 1),
        which=pick,
        sha=st.sampled_from(["aa", "bb", "cc"]),
        op=st.sampled_from([Op.ATTACH_PHOTO, Op.DETACH_PHOTO]),
    )
    def walker_attaches_or_removes_a_photo(self, phone, which, sha, op):
        walker = self.phones[phone]
        if walker.known_ids():
            obs = walker.known_ids()[which % len(walker.known_ids())]
            self._made(walker.photo(obs, op, sha, self._phone_time(phone)))

    def _made(self, change):
        if change is not None:
            self.sent.append(change)

    # -- the network --------------------------------------------------------------------------
    @rule(
        phone=st.integers(0, PHONES - 1),
        head=st.none() | st.integers(1, 4),
        fate=st.sampled_from(["answered", "answer lost", "sent twice", "delayed"]),
    )
    def phone_syncs(self, phone, head, fate):
        changes, cursor = self.phones[phone].request(head)
        if fate == "delayed":
            self.in_flight.append((phone, changes, cursor))
            return
        answer = self.server.sync(self.phones[phone].author, changes, cursor, PAGE)
        if fate == "sent twice":
            self.in_flight.append((phone, changes, cursor))
        if fate != "answer lost":
            self.phones[phone].receive(answer)

    @rule(which=pick, answered=st.booleans())
    def a_late_request_arrives(self, which, answered):
        if not self.in_flight:
            return
        phone, changes, cursor = self.in_flight.pop(which % len(self.in_flight))
        answer = self.server.sync(self.phones[phone].author, changes, cursor, PAGE)
        if answered:
            self.phones[phone].receive(answer)

    # -- the organiser, online ----------------------------------------------------------------
    @rule(which=pick, side=st.sampled_from(["winner", "loser"]))
    def organiser_settles_a_conflict(self, which, side):
        open_keys = sorted(k for s in self.server.states.values() for k in s.open_conflicts)
        if not open_keys:
            return
        record = self.server.conflicts[open_keys[which % len(open_keys)]]
        self.tick += 1
        if record.kind is ConflictKind.FIELD:
            value = getattr(record, side).value
            self.server.resolve_field(ORGANISER, record.observation_id, record.field, value)
        else:
            self.server.resolve_deletion(ORGANISER, record.observation_id, side == "loser")

    @rule(which=pick, take_other=st.booleans())
    def organiser_merges_a_duplicate(self, which, take_other):
        live = [s for s in self.server.states.values() if not s.tombstone]
        pairs = [(a, b) for a in live for b in possible_duplicates(a, live)]
        if not pairs:
            return
        survivor, other = pairs[which % len(pairs)]
        self.tick += 1
        self.server.merge(ORGANISER, survivor.id, other, {"operator"} if take_other else ())

    @rule(which=pick)
    def organiser_says_whether_a_pair_is_two_cameras(self, which):
        """ "Not the same camera" about a flagged pair, or taking it back."""
        states = self.server.states
        pairs = sorted(
            (sorted(pair), status)
            for pair, status in self.server.hints.items()
            if status in (OPEN, DISMISSED) and not any(states[o].merged_into for o in pair)
        )
        if not pairs:
            return
        (first, second), status = pairs[which % len(pairs)]
        self.tick += 1
        self.server.not_duplicate(first, second, distinct=status == OPEN)

    # -- what must hold -----------------------------------------------------------------------
    @invariant()
    def no_change_is_merged_twice(self):
        assert all(times == 1 for times in self.server.applications.values())

    def teardown(self):
        self._settle()
        self._note_what_happened()
        self._every_phone_holds_the_server_data()
        self._every_change_has_one_revision()
        self._no_value_was_lost()
        self._no_walker_deleted_an_edit_they_never_saw()
        self._no_hint_names_a_record_merged_away()

    def _settle(self):
        for phone, changes, cursor in self.in_flight:
            self.server.sync(self.phones[phone].author, changes, cursor, PAGE)
        # Sync everyone until a whole round moves nothing: later syncs change what earlier
        # phones must pull.
        while True:
            moved = False
            for walker in self.phones:
                while True:
                    changes, cursor = walker.request()
                    answer = self.server.sync(walker.author, changes, cursor, PAGE)
                    walker.receive(answer)
                    moved = moved or bool(answer.observations or changes)
                    if not answer.more and not walker.outbox:
                        break
            if not moved:
                return

    def _note_what_happened(self):
        """Shown by --hypothesis-show-statistics: proof that the walks reach the hard cases."""
        server = self.server
        redirected = sum(bool(r.redirected_to) for r in server.results.values())
        merged = sum(s.merged_into is not None for s in server.states.values())
        revived = sum(c.kind is ConflictKind.DELETE_EDIT for c in server.conflicts.values())
        for name, count in [
            ("field or delete conflicts", len(server.conflicts)),
            ("delete/edit conflicts", revived),
            ("replayed changes", sum(server.replays.values())),
            ("redirected changes", redirected),
            ("organiser merges", merged),
        ]:
            event(f"{name}: {'none' if count == 0 else 'some'}")

    def _every_phone_holds_the_server_data(self):
        expected = self.server_copies()
        for walker in self.phones:
            assert not walker.outbox
            assert self.phone_copies(walker) == expected

    def _every_change_has_one_revision(self):
        counts = Counter(r.change.change_id for r in self.server.revisions)
        assert all(counts[c.change_id] == 1 for c in self.sent)
        assert all(r.status is not Status.REJECTED for r in self.server.revisions)

    def _no_value_was_lost(self):
        for change in self.sent:
            if change.op is Op.CREATE:
                sent = change.fields.items()
            elif change.op is Op.UPDATE:
                sent = [(name, edit.new) for name, edit in change.fields.items()]
            else:
                continue
            for name, value in sent:
                assert self._kept(change.observation_id, name, value), (change, name, value)

    def _no_walker_deleted_an_edit_they_never_saw(self):
        sent = {r.change.change_id: r.change for r in self.server.revisions}
        for state in self.server.states.values():
            if not state.deleted:
                continue
            stamp = state.deleted_by
            seen = sent[stamp.change_id].base_version
            for field, other in state.stamps.items():
                unseen = seen < other.version < stamp.version
                assert other.author == stamp.author or not unseen, (state.id, field)

    def _no_hint_names_a_record_merged_away(self):
        states = self.server.states
        for pair, status in self.server.hints.items():
            if status != MERGED:
                assert not any(states[o].merged_into for o in pair), (sorted(pair), status)

    def _chain(self, obs):
        """The observation and every survivor it was merged into, in turn."""
        places = [obs]
        while self.server.states[places[-1]].merged_into:
            places.append(self.server.states[places[-1]].merged_into)
        return set(places)

    def _kept(self, obs, field, value):
        value = observation_fields.normalise(field, value)
        places = self._chain(obs)
        if any(self.server.states[o].fields[field] == value for o in places):
            return True
        sides = [
            side.value
            for c in self.server.conflicts.values()
            if c.field == field and c.observation_id in places
            # Every value a record keeps: the real server's may hold more than two.
            for side in getattr(c, "sides", ()) or (c.winner, c.loser)
        ]
        replaced = [
            observation_fields.normalise(field, r.change.fields[field].old)
            for r in self.server.revisions
            if r.change.observation_id in places
            and r.change.op is Op.UPDATE
            and field in r.change.fields
        ]
        set_aside = [v for o, f, v in self.server.set_aside if o in places and f == field]
        return value in sides or value in replaced or value in set_aside


def case_settings(cases):
    return settings(
        max_examples=cases,
        stateful_step_count=50,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
