"""What organisers do with what sync leaves open: conflicts, duplicates, review.

Each decision is written like a walker's change: through the engine (`sync.resolve`,
`sync.duplicates.merge_observations`, `sync.merge.apply_change`), with a revision whose id
becomes the observation's new seq, under the group's write lock, so every phone pulls it on
its next sync.
"""

import sqlalchemy as sa

from server.auth.models import Member
from server.errors import ChangedSinceShown, InvalidInput, NotFound, OpenConflicts
from server.extensions import db
from server.observations import convert, osm_review, push, views
from server.observations.errors import (
    AlreadyDone,
    MergeOfDeleted,
    NotADuplicatePair,
    ObservationMerged,
)
from server.observations.models import Conflict, DuplicateHint, Observation, Revision
from server.observations.pull import PULLED_COLUMNS
from server.observations.writer import BatchWriter, server_change_id, write_transaction
from server.photos import publication
from server.sql import among, in_batches
from server.types import utcnow
from server.validation import database_id
from sync import fields as observation_fields
from sync.changes import Author, Change, FieldEdit, Op, Status
from sync.duplicates import distance_m, hints_after_merge, merge_observations
from sync.merge import DELETED, apply_change, back_to_approved, held_sides, published
from sync.osm.matching import mapped_kinds
from sync.resolve import resolve_deletion, resolve_field


def _observation(group_id: int, observation_uuid: str) -> Observation:
    query = sa.select(Observation).where(
        Observation.uuid == observation_uuid.lower(), Observation.group_id == group_id
    )
    row = db.session.scalar(query)
    if row is None:
        raise NotFound()
    return row


def _to_decide(group_id: int, observation_uuid: str) -> Observation:
    """The observation an organiser's decision is about, refused if it was merged away: a
    decision on the tombstone would leave the camera that stays undecided, unseen."""
    row = _observation(group_id, observation_uuid)
    if row.merged_into_id is not None:
        survivor = db.session.get(Observation, row.merged_into_id)
        raise ObservationMerged(survivor.uuid)
    return row


def _conflict(group_id: int, key_or_id: str) -> Conflict:
    if key_or_id.isdigit():
        number = database_id(key_or_id)
        if number is None:  # past 64 bits, the driver would overflow
            raise NotFound()
        clause = Conflict.id == number
    else:
        clause = Conflict.key == key_or_id.lower()
    conflict = db.session.scalar(sa.select(Conflict).where(clause))
    if conflict is None or conflict.group_id != group_id:
        raise NotFound()
    return conflict


def conflict_view(conflict: Conflict) -> dict:
    return conflict_views([conflict])[0]


def conflict_views(conflicts: list[Conflict]) -> list[dict]:
    """Each conflict with the camera it is about, in full as a sync pull gives it (one lookup
    for them all): a card naming it by its id alone left the organiser settling a value on a
    camera she could not tell from the walk's others."""
    ids = sorted({conflict.observation_id for conflict in conflicts})
    # In batches: a day of action may leave more conflicts than one SQLite statement names.
    rows = [
        row
        for batch in in_batches(ids)
        for row in db.session.scalars(sa.select(Observation).where(among(Observation.id, batch)))
    ]
    cameras = dict(zip([row.id for row in rows], views.observation_views(rows), strict=True))
    return [_conflict_view(conflict, cameras[conflict.observation_id]) for conflict in conflicts]


def _conflict_view(conflict: Conflict, camera: dict) -> dict:
    return {
        "id": conflict.id,
        "key": conflict.key,
        "observation_id": camera["id"],
        "kind": "delete_edit" if conflict.field == DELETED else "field",
        "field": None if conflict.field == DELETED else conflict.field,
        "status": conflict.status,
        "base_value": (conflict.base_value or {}).get("value"),
        "sides": conflict.sides,
        "provisional_value": (conflict.provisional_value or {}).get("value"),
        "created_at": conflict.created_at.isoformat(),
        "resolved_at": conflict.resolved_at.isoformat() if conflict.resolved_at else None,
        "resolution": conflict.resolution,
        "camera": camera,
    }


def list_conflicts(group_id: int, status: str, walk_id: int | None) -> list[dict]:
    query = sa.select(Conflict).where(Conflict.group_id == group_id, Conflict.status == status)
    if walk_id is not None:
        query = query.join(Observation, Observation.id == Conflict.observation_id).where(
            Observation.walk_id == walk_id
        )
    return conflict_views(db.session.scalars(query.order_by(Conflict.id)).all())


def get_conflict(group_id: int, key_or_id: str) -> dict:
    return conflict_view(_conflict(group_id, key_or_id))


def resolve(member: Member, key_or_id: str, args: dict) -> dict:
    """Settle a conflict with one of its sides (`side`) or a new value (`value`)."""
    group_id, member_id, author = member.group_id, member.id, push.author_of(member)
    with write_transaction(group_id):
        conflict = _conflict(group_id, key_or_id)
        if conflict.status != "open":
            raise AlreadyDone()
        if args.get("side", 0) >= len(conflict.sides):
            raise InvalidInput(errors={"side": [f"this conflict has {len(conflict.sides)} sides"]})
        chosen = conflict.sides[args["side"]]["value"] if "side" in args else args["value"]
        row = db.session.get(Observation, conflict.observation_id)
        outcome = _settle(row, conflict, chosen, author)
        push.record_outcome(
            group_id,
            member_id,
            outcome.revision.change,
            outcome,
            row,
            convert.to_state(row),
            op="resolve",
            resolution={"value": chosen, "conflict": conflict.key},
        )
    return conflict_view(conflict)


def _settle(row: Observation, conflict: Conflict, chosen, author):
    state = convert.to_state(row)
    records = [
        convert.to_record(c, row.uuid)
        for c in db.session.scalars(
            sa.select(Conflict).where(Conflict.observation_id == row.id, Conflict.status == "open")
        )
    ]
    common = {"change_id": server_change_id(), "organiser": author, "made_at": utcnow()}
    if conflict.field == DELETED:
        if chosen not in ("deleted", "kept"):
            raise InvalidInput(errors={"value": ['must be "deleted" or "kept"']})
        return resolve_deletion(state, chosen == "deleted", records, **common)
    problem = observation_fields.problem(conflict.field, chosen)
    if problem:
        raise InvalidInput(errors={"value": [f"{conflict.field} {problem}"]})
    outcome = resolve_field(state, conflict.field, chosen, records, **common)
    if outcome.status is Status.REJECTED:
        raise InvalidInput(outcome.rejection.message)
    return outcome


def list_duplicates(group_id: int) -> list[dict]:
    """Flagged duplicate hints (`DuplicateHint.flagged`), each with both observations in full."""
    where = (DuplicateHint.group_id == group_id, DuplicateHint.flagged())
    query = sa.select(DuplicateHint).where(*where).order_by(DuplicateHint.id)
    hints = db.session.scalars(query).all()
    # Their observations by sub-selects, not a list of ids: a day of action's hints may
    # name more observations than one SQLite statement may (server/database.py).
    sides = (DuplicateHint.observation_a_id, DuplicateHint.observation_b_id)
    named = sa.or_(*(Observation.id.in_(sa.select(side).where(*where)) for side in sides))
    rows = db.session.scalars(sa.select(Observation).where(named)).all()
    by_id = dict(zip([row.id for row in rows], views.observation_views(rows), strict=True))
    pairs = [(hint, by_id[hint.observation_a_id], by_id[hint.observation_b_id]) for hint in hints]
    return [
        {
            "id": hint.id,
            "distance_m": views.pair_distance_m(a["position"], b["position"]),
            "a": a,
            "b": b,
        }
        for hint, a, b in pairs
        # A walker deleted one of the two (often the very duplicate): no pair is left.
        if not (a["deleted"] or b["deleted"])
    ]


def not_duplicate(member: Member, observation_uuid: str, other_uuid: str, distinct: bool) -> dict:
    """The organiser's answer to a duplicate hint short of a merge: the two records are two
    devices (`distinct`, "not the same camera": two cameras on one pole), or she takes that back
    ("they may be the same after all"), and the pair is flagged again. The hint keeps who
    said it and when (DuplicateHint); each record gets a revision naming her, in its history,
    and a new seq, so phones pull it with its hints as they are now. Saying again what the
    pair holds changes nothing: the answer is the decision as it stands, who and when kept."""
    group_id, member_id = member.group_id, member.id
    with write_transaction(group_id):
        row = _to_decide(group_id, observation_uuid)
        other = _to_decide(group_id, other_uuid)
        if row.id == other.id:
            raise InvalidInput(errors={"other": ["must be another observation than this one"]})
        a, b = sorted((row.id, other.id))
        hint = db.session.scalar(
            sa.select(DuplicateHint).where(
                DuplicateHint.observation_a_id == a, DuplicateHint.observation_b_id == b
            )
        )
        if hint is None:  # a merged pair has a tombstone on one side: _to_decide refused it
            raise NotADuplicatePair()
        wanted = DuplicateHint.DISMISSED if distinct else DuplicateHint.OPEN
        if hint.status != wanted:
            hint.status = wanted
            hint.dismissed_by_id, hint.dismissed_at = (
                (member_id, utcnow()) if distinct else (None, None)
            )
            _note_on_both(
                group_id, member_id, row, other, "not_duplicate" if distinct else "maybe_duplicate"
            )
        return _pair_decision(row, other, hint)


def _note_on_both(group_id: int, member_id: int, row, other, op: str) -> None:
    """A revision on each record of the pair, as a duplicate flag gets one: no new version
    (no field changed), a new seq."""
    writer = BatchWriter(group_id)
    for this, that in ((row, other), (other, row)):
        revision = _organiser_revision(writer, this, member_id, op, {"other": that.uuid})
        writer.move_seq(this, revision)
    writer.finish()


def _pair_decision(row: Observation, other: Observation, hint: DuplicateHint) -> dict:
    placed = views.positions([row.id, other.id])
    return {
        "observation_id": row.uuid,
        "other": other.uuid,
        # Where the two stand now, as the card and the lists say it, not where they stood
        # when the pair was flagged (the hint's own distance_m).
        "distance_m": views.pair_distance_m(placed[row.id], placed[other.id]),
        "status": hint.status,
        "dismissed_by": views.pseudonyms([hint.dismissed_by_id]).get(hint.dismissed_by_id),
        "dismissed_at": hint.dismissed_at,
    }


def merge(member: Member, survivor_uuid: str, other_uuid: str, take: list[str]) -> dict:
    """Fold `other` into `survivor` (sync.duplicates.merge_observations): the survivor as a
    pull gives it, and `not_duplicate_cleared`, the "not the same camera" an organiser had
    said of the pair, which the merge overrides (`_clear_dismissal`), or None."""
    group_id, member_id, author = member.group_id, member.id, push.author_of(member)
    with write_transaction(group_id):
        survivor = _observation(group_id, survivor_uuid)
        other = _observation(group_id, other_uuid)
        if survivor.id == other.id:
            raise InvalidInput(errors={"other": ["must be another observation than this one"]})
        if survivor.merged_into_id or other.merged_into_id:
            raise AlreadyDone("Merge two different observations, neither merged already.")
        # Merged into a tombstone, a live camera would leave every list and map unseen.
        if survivor.deleted or other.deleted:
            raise MergeOfDeleted()
        cleared = _merge_rows(group_id, member_id, author, survivor, other, frozenset(take))
    return views.observation_views([survivor])[0] | {"not_duplicate_cleared": cleared}


def _clear_dismissal(survivor: Observation, other: Observation) -> dict | None:
    """The pair's "not the same camera", taken off its hint, as `{"by", "at"}`; None if
    nobody had said it. A merge of a pair an organiser said were two is allowed: she (or
    another) may have seen since that it is one camera. Her answer is not left standing beside
    the merge, as if the two were still two; the merge's revisions say what it overrode."""
    a, b = sorted((survivor.id, other.id))
    hint = db.session.scalar(
        sa.select(DuplicateHint).where(
            DuplicateHint.observation_a_id == a,
            DuplicateHint.observation_b_id == b,
            DuplicateHint.status == DuplicateHint.DISMISSED,
        )
    )
    if hint is None:
        return None
    by = views.pseudonyms([hint.dismissed_by_id]).get(hint.dismissed_by_id)
    cleared = {"by": by, "at": hint.dismissed_at}
    hint.dismissed_by_id, hint.dismissed_at = None, None  # merged: `_move_hints`
    return cleared


def _merge_rows(group_id, member_id, author, survivor, other, take) -> dict | None:
    """The merge written; the dismissal it cleared (`_clear_dismissal`), or None."""
    kept, gone = convert.to_state(survivor), convert.to_state(other)
    merged = merge_observations(
        kept,
        gone,
        change_id=server_change_id(),
        organiser=author,
        made_at=utcnow(),
        take_from_other=take,
    )
    # Conflicts and history move first: the survivor's state lists the other's open conflicts.
    for table in (Conflict, Revision):
        db.session.execute(
            sa.update(table)
            .where(table.observation_id == other.id)
            .values(observation_id=survivor.id)
        )
    history = {
        "taken": merged.taken,
        "replaced": merged.replaced,
        "set_aside": merged.set_aside,
    }
    cleared = _clear_dismissal(survivor, other)
    overrode = {}
    if cleared is not None:
        overrode = {"not_duplicate_cleared": cleared | {"at": cleared["at"].isoformat()}}
    writer = BatchWriter(group_id)
    for row, state, before, payload in (
        (survivor, merged.survivor, kept, {"merged": other.uuid, **history, **overrode}),
        (other, merged.tombstone, gone, {"merged_into": survivor.uuid, **overrode}),
    ):
        revision = _organiser_revision(writer, row, member_id, "merge", payload, state.version)
        writer.write_state(row, state, revision, before)
    # A field taken from the other observation may be under an open conflict (of either):
    # its record shows the value the survivor holds now first, as after any change.
    writer.hold_current(held_sides(merged.survivor, merged.survivor.open_conflicts))
    _move_hints(writer, member_id, survivor, other, merged.survivor.fields["position"])
    other.merged_into_id = survivor.id
    writer.finish()
    publication.carry_over(other.id, survivor.id)
    return cleared


def _move_hints(writer: BatchWriter, member_id: int, survivor, other, position: dict) -> None:
    """The merged pair's hint becomes the merge's record; the other record's hints with third
    records go to the survivor or go (`sync.duplicates.hints_after_merge`), a moved one at
    the distance from the survivor as merged (`position`). Each third record whose hint
    changed gets a revision and a new seq, so phones pull its hints as they are now."""
    pair = {survivor.id, other.id}
    sides = (DuplicateHint.observation_a_id, DuplicateHint.observation_b_id)
    touching = sa.or_(*(side.in_(pair) for side in sides))
    hints: dict[int, dict[int, DuplicateHint]] = {survivor.id: {}, other.id: {}}
    for hint in db.session.scalars(sa.select(DuplicateHint).where(touching)):
        a, b = hint.observation_a_id, hint.observation_b_id
        if {a, b} == pair:
            hint.status = DuplicateHint.MERGED
            continue
        this, third = (a, b) if a in pair else (b, a)
        hints[this][third] = hint
    kept, gone = hints[survivor.id], hints[other.id]
    rule = hints_after_merge(
        {third: hint.status for third, hint in kept.items()},
        {third: hint.status for third, hint in gone.items()},
    )
    for third in rule.dropped:
        db.session.delete(gone[third])
    for third in rule.moved & kept.keys():
        db.session.delete(kept[third])
    db.session.flush()  # the survivor's pair with each third record is free to take
    changed = rule.moved | rule.dropped
    thirds = db.session.scalars(sa.select(Observation).where(among(Observation.id, changed)))
    for third in thirds:
        if third.id in rule.moved:
            hint = gone[third.id]
            hint.observation_a_id, hint.observation_b_id = sorted((survivor.id, third.id))
            hint.distance_m = distance_m(position, convert.field_values(third)["position"])
        payload = {"other": survivor.uuid, "merged": other.uuid}
        revision = _organiser_revision(writer, third, member_id, "duplicate_merged", payload)
        writer.move_seq(third, revision)


def _organiser_revision(
    writer: BatchWriter, row, member_id: int, op: str, payload: dict, version_after=None
):
    """The revision of an organiser's act on `row`, applied now under a server change id (no
    phone sent it); `version_after` is the row's own unless the act made a new one."""
    return writer.add_revision(
        row.uuid,
        row,
        change_id=server_change_id(),
        member_id=member_id,
        op=op,
        payload=payload,
        made_at=utcnow(),
        status=str(Status.APPLIED),
        version_after=row.version if version_after is None else version_after,
    )


def history(group_id: int, observation_uuid: str) -> list[dict]:
    row = _observation(group_id, observation_uuid)
    # Only this group's revisions: a change another group's member sent for this id was
    # rejected as unknown there, and is no part of this observation's story.
    revisions = db.session.scalars(
        sa.select(Revision)
        .where(
            Revision.group_id == group_id,
            sa.or_(Revision.observation_id == row.id, Revision.observation_uuid == row.uuid),
        )
        .order_by(Revision.id)
    ).all()
    names = views.pseudonyms(r.member_id for r in revisions)
    return [
        {
            "change_id": r.change_id,
            "observation_id": r.observation_uuid,
            "by": names.get(r.member_id),
            "op": r.op,
            "made_at": r.made_at.isoformat() if r.made_at else None,
            "received_at": r.received_at.isoformat(),
            "base_version": r.base_version,
            "fields": (r.payload or {}).get("fields"),
            "payload": r.payload,
            "status": r.status,
            "version": r.version_after,
            "conflict_ids": (r.result or {}).get("conflict_ids", []),
            "error": (r.result or {}).get("error"),
        }
        for r in revisions
    ]


def review(
    member: Member,
    observation_uuid: str,
    status: str,
    note=...,
    seen_version: int | None = None,
    keep_approved: bool = False,
) -> dict:
    """Approve, reject or reopen an observation: an organiser's update of review_status (and
    review_note), written like any synced change.

    `seen_version`: the version the organiser decided on. A walker's edit may come in while the
    card is on her screen; the decision then waits for her to see it (ChangedSinceShown), so
    that nothing is approved, published or exported that no organiser looked at. Her own
    edits since (the card's edit form, sent through the outbox) she has seen.

    `keep_approved` (with approved): the edits since approval are undone in the same change
    (`sync.merge.back_to_approved`), so the camera stays published as it was; one change, so a
    stale card decides nothing and undoes nothing."""
    group_id, member_id, author = member.group_id, member.id, push.author_of(member)
    if keep_approved and status != "approved":
        raise InvalidInput(errors={"keep_approved": ["only with status approved"]})
    with write_transaction(group_id):
        row = _to_decide(group_id, observation_uuid)
        if seen_version is not None and _changed_unseen(row, seen_version, member_id):
            raise ChangedSinceShown()
        state = convert.to_state(row)
        edits = {}
        if keep_approved:
            if state.approved is None:
                raise InvalidInput(errors={"keep_approved": ["it was never approved"]})
            edits = back_to_approved(state)
        edits["review_status"] = FieldEdit(state.fields["review_status"], status)
        if note is not ...:
            edits["review_note"] = FieldEdit(state.fields["review_note"], note)
        change = Change(
            server_change_id(), row.uuid, Op.UPDATE, utcnow(), None, state.version, edits
        )
        outcome = apply_change(state, change, author)
        if outcome.rejection is not None and outcome.rejection.code == OpenConflicts.code:
            raise OpenConflicts(outcome.rejection.message)  # nothing decided, nothing kept
        op = "keep_approved" if keep_approved else "review"
        result = push.record_outcome(group_id, member_id, change, outcome, row, state, op=op)
    return {"result": result, "observation": views.observation_views([row])[0]}


def _changed_unseen(row: Observation, seen_version: int, member_id: int) -> bool:
    """Whether a version of `row` after `seen_version` was made by someone but `member_id`.

    A version is made by the first revision that names it: later ones naming it too changed
    nothing (refused, agreeing, a duplicate flag). Only revisions sent to `row` count, and
    those sent to a record merged into it that the server passed on (`redirected_to`): a merge
    also moves the merged record's history here, numbered in that record's versions."""
    if seen_version == row.version:
        return False
    if seen_version > row.version:
        return True  # a version the observation never had: nobody saw that
    query = (
        sa.select(
            Revision.version_after, Revision.member_id, Revision.observation_uuid, Revision.result
        )
        .where(Revision.observation_id == row.id, Revision.version_after > seen_version)
        .order_by(Revision.id)
    )
    makers: dict[int, int | None] = {}
    for version, maker, uuid, result in db.session.execute(query):
        if uuid == row.uuid or (result or {}).get("redirected_to") == row.uuid:
            makers.setdefault(version, maker)
    if makers.keys() != set(range(seen_version + 1, row.version + 1)):
        return True  # a version no revision accounts for: nobody can say who made it
    return any(maker != member_id for maker in makers.values())


def review_queue(
    group_id: int, status: str, walk_id: int | None, ids: list[str] | None = None
) -> list[dict]:
    """The review queue's cards, in the order observations were first stored. `ids`: only
    those cards, those of them in the queue; the card's OSM part is still what approving the
    whole queue would do, so each is what the whole answer gives (`_planned_with`)."""
    # Plain rows of the columns the views show (a pull's) and the approved copy, not ORM
    # objects: some 3 KB each and slow to build, for tens of thousands of cards.
    query = sa.select(*PULLED_COLUMNS, Observation.approved).where(*_queue(group_id, status))
    if walk_id is not None:
        query = query.where(Observation.walk_id == walk_id)
    if ids is not None:
        query = query.where(among(Observation.uuid, ids))
    rows = db.session.execute(query.order_by(Observation.id)).all()
    items = views.observation_views(rows)
    # Each row's field values as the views read them (convert.field_values), not read again
    # for the card's OSM block and approval diff: 2.5 s of a walk of 80,000 under review.
    names = observation_fields.FIELDS
    values = {item["id"]: {name: item[name] for name in names} for item in items}
    since = [_changed_since_approval(row, values[row.uuid]) for row in rows]
    row_ids = [row.id for row in rows]
    hinted = views.possible_duplicates(items)
    told_apart = views.not_duplicates(row_ids)
    # The rows are let go before the walk is planned: kept, they added 45 MiB to the peak of
    # a walk of 60,000 cameras under review (bench/review_plan_bench.py).
    del rows
    if ids is None:
        osm_changes = osm_review.osm_changes(group_id, items, values)
    else:
        osm_changes = _planned_with(group_id, status, items, values)
    for item, changed, row_id in zip(items, since, row_ids, strict=True):
        item["changed_since_approval"] = changed
        item["possible_duplicates"] = hinted.get(item["id"], [])
        item["not_duplicates"] = told_apart.get(row_id, [])
        item["osm_change"] = osm_changes.get(item["id"])
        item["osm_camera"] = _nearest_candidate(item["osm_change"])
    return items


def _queue(group_id: int, status: str) -> list:
    return [
        Observation.group_id == group_id,
        Observation.review_status == status,
        Observation.deleted.is_(False),
        Observation.merged_into_id.is_(None),
    ]


def _planned_with(group_id: int, status: str, items: list[dict], values: dict) -> dict:
    """The OSM blocks of `items`, some cards of the queue, planned with the rest of their
    walks' queue as the whole answer plans it: every card under review taken as approved. One
    card's node may be another's (the first to change a node keeps it), so planned alone a
    card could name a node the whole answer gives to its neighbour. Only the fields are read
    of the rest, not its photos, hints or conflicts."""
    walks = {item["walk_id"] for item in items}
    if not walks:
        return {}
    wanted = {item["id"] for item in items}
    query = sa.select(*PULLED_COLUMNS).where(
        *_queue(group_id, status), among(Observation.walk_id, walks)
    )
    cameras = list(items)
    for row in db.session.execute(query):
        if row.uuid not in wanted:
            cameras.append({"id": row.uuid, "walk_id": row.walk_id, "review_status": status})
            values[row.uuid] = convert.field_values(row)
    return osm_review.osm_changes(group_id, cameras, values, wanted=wanted)


def _nearest_candidate(osm_change: dict | None) -> dict | None:
    """The nearest cached OSM device this observation could be: the first of the plan's
    candidates, which the export's matcher lists nearest first by its kind and direction rule
    (a guard is never "near" a camera node it would never change), unless a node mapped as
    another filming kind (`other_kinds`, which the card offers too) is nearer: a plate reader
    on the spot, tagged as one, may be this camera tagged wrong, and a mapper checking the
    queue wants it named. `kind`: the kinds its surveillance:type names, as the matcher reads
    them (none reads as a camera; `camera;ALPR` names two)."""
    if osm_change is None:
        return None
    firsts = [nodes[0] for nodes in (osm_change["candidates"], osm_change["other_kinds"]) if nodes]
    if not firsts:
        return None
    node = min(firsts, key=lambda near: near["distance_m"])  # a tie: the candidate
    return {
        "osm_id": node["id"],
        "version": node["version"],
        "distance_m": node["distance_m"],
        "tags": node["tags"],
        "kind": ";".join(mapped_kinds(node["tags"])),
    }


def choose_osm_node(member: Member, observation_uuid: str, node_id: int | None) -> dict:
    """The organiser's choice on the review card: OSM node `node_id` for this observation, or
    None for "new camera" (server/observations/osm_review.py), written like any of her edits."""
    group_id, member_id, author = member.group_id, member.id, push.author_of(member)
    result = None
    with write_transaction(group_id):
        row = _to_decide(group_id, observation_uuid)
        osm_review.check_choice(row, node_id)
        state = convert.to_state(row)
        wanted = {"osm_node_id": node_id, "osm_new": node_id is None}
        edits = {
            name: FieldEdit(state.fields[name], value)
            for name, value in wanted.items()
            if state.fields[name] != value
        }
        if edits:
            change = Change(
                server_change_id(), row.uuid, Op.UPDATE, utcnow(), None, state.version, edits
            )
            outcome = apply_change(state, change, author)
            result = push.record_outcome(
                group_id, member_id, change, outcome, row, state, op="osm_choice"
            )
    return {"result": result, "observation": views.observation_views([row])[0]}


def _changed_since_approval(row: Observation | sa.Row, values: dict) -> dict | None:
    """For an observation approved before and edited since: each field that differs, as
    approved and as it is now (`values`: its field values). None when it was never approved."""
    if row.approved is None:
        return None
    now = published(values)
    return {
        name: {"approved": row.approved.get(name), "now": value}
        for name, value in now.items()
        # `same`: a copy approved before a field existed lacks it, which is its default
        if not observation_fields.same(name, row.approved.get(name), value)
    }


def link_osm_nodes(group_id: int, member_id: int | None, links) -> None:
    """Record what an OSM upload made of each observation: `(uuid, node id, node version)`,
    the version None once the camera left OSM (its node deleted, or only its camera tags). The
    node id is a surveyed field, set like an organiser's edit; the version is the server's
    own. Each gets a revision and a new seq."""
    if not links:
        return
    author = Author(member_id, organiser=True)
    with write_transaction(group_id):
        wanted = [uuid for uuid, _, _ in links]
        rows = {
            row.uuid: row
            for row in db.session.scalars(
                sa.select(Observation).where(
                    among(Observation.uuid, wanted), Observation.group_id == group_id
                )
            )
        }
        states = convert.to_states(list(rows.values()))  # not a query per row: 10,000 links
        writer = BatchWriter(group_id)
        for uuid, node_id, version in links:
            row = rows.get(uuid)
            if row is None:
                continue  # deleted from the database while the upload ran
            state = states[uuid]
            edits = {"osm_node_id": FieldEdit(state.fields["osm_node_id"], node_id)}
            if state.fields["osm_new"]:  # in OSM now: "new camera" has done its work
                edits["osm_new"] = FieldEdit(True, False)
            change = Change(
                server_change_id(), uuid, Op.UPDATE, utcnow(), None, state.version, edits
            )
            outcome = apply_change(state, change, author)
            _, revision, row = push.write_outcome(
                writer, member_id, change, outcome, row, state, op="osm_upload"
            )
            if outcome.changed:  # a node recovered twice links its observation twice
                rows[uuid], states[uuid] = row, outcome.state
            row.osm_version = version
            if not outcome.changed:
                writer.move_seq(row, revision)  # the version changed: phones pull it
        writer.finish()
