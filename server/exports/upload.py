"""Uploading a walk's or group's approved changes through the OSM API 0.6.

Per part of at most 10,000 elements: record the changeset about to be opened, open it and
store its id at once (so that no changeset OSM opened goes unrecorded, `_PartUpload._open`),
upload the osmChange, read the diffResult, store each node's id and version on its observation
(and in the OsmNode cache, so the next export modifies instead of creating again), close the
changeset. Failures:
- 409 version mismatch: fetch the node, re-apply the survey onto its current tags
  (sync/osm/reapply.py) and retry once; a second mismatch drops that element, with a reason;
- 409 changeset closed: open a new changeset and send the part again;
- 404/410/412 naming a node: that element is dropped with the API's reason, the rest is retried.
The actions are built in full before anything is sent: results are committed between parts, and
a commit would end the database cursor a streamed plan reads from.

One changeset per locality (osm.md): a walk is a locality, so a group's upload is one upload
per walk (`upload_group`), each split at 10,000 elements; each changeset's comment says what
that changeset holds (`_PartUpload`), not the whole upload. The client comes from the caller:
the group's connected OSM account (server/osm/oauth.py) or an explicit token.

The matches an organiser should check before anything goes to OSM are reported as the export
reports them (server/exports/osc.py): `ambiguous` (another camera nearly as close) and
`disagreeing` (a match by distance to a node whose camera type or mount says otherwise),
`out_of_use` (the export's `disused_nearby` and `disused_node` items: a new camera beside one
a mapper marked as no longer in use, a survey put on such a camera), `taken_nearby` (a new
camera right beside one another survey has) and `contradicted_tag` (a modify keeping a
mapper's tag the survey denies), from the same code (`PlanChecks`): an organiser who uploads
without exporting first gets the same numbers to check. The counts are those of the lists
(`check_counts`), for a retry after a version conflict names them again on the node as OSM
has it now (`_PartUpload._refresh`). A real upload names only the elements OSM took
(`UploadResult.taken_only`): one it refused on the way (a second conflict, a node deleted since,
a failed upload) is in `failed`, and its warnings are about a change that never reached OSM.

A dry run also lists its changes, one entry per element of the osmChange it built, so an
organiser can read what would be sent. The list stops at MAX_PREVIEW_CHANGES (a walk may hold
10,000 elements; no screen shows them all) and `changes_truncated` says so.
"""

import contextlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from io import BytesIO
from typing import NamedTuple
from xml.etree.ElementTree import fromstring

import sqlalchemy as sa
from sqlalchemy import select

from server import __version__
from server.exports.checklist import hashtag_words
from server.exports.errors import UploadUnderWay
from server.exports.osc import (
    Disagreement,
    PlanChecks,
    Scope,
    TakenNearby,
    approved_record,
    check_counts,
    held_back,
    plan_scope,
)
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Observation
from server.observations.organise import link_osm_nodes
from server.observations.osm_review import disagreeing_view
from server.osm.client import OsmClient, OsmHttpError
from server.osm.models import ChangesetUpload, OsmAccount, OsmNode
from server.osm.service import take_out, write_node
from server.sql import IDS_PER_STATEMENT, among, in_batches
from server.types import utcnow
from sync.geodesy import distance_m
from sync.osm.changeset import (
    changeset_comment,
    changeset_tags,
    changeset_xml,
    opened_for,
    read_changeset_download,
    read_changesets,
    read_diff_result,
)
from sync.osm.matching import (
    BESIDE_M,
    DEFAULT_DIRECTION_TOLERANCE_DEG,
    compatible,
    disagreements,
    survey_point,
)
from sync.osm.osmchange import MAX_ELEMENTS_PER_CHANGESET, split_into_parts, write_osmchange
from sync.osm.parse import read_osm_xml
from sync.osm.plan import Skipped, contradicting, kept_out_of_use
from sync.osm.reapply import SurveyRefused, reapply_survey, refresh_gone
from sync.osm.records import Create, Delete, Modify, removes_camera
from sync.osm.tags import TagError

CREATED_BY = f"camwalk {__version__}"
_NODE_IN_MESSAGE = re.compile(r"(?:[Nn]ode|id) (\d+)")
MAX_PREVIEW_CHANGES = 500
# How long an upload's claim holds without going on to another changeset: past it, the upload
# is taken for dead (its process killed) and another may start. A part of 10,000 elements
# takes the OSM API a few minutes at most.
UPLOAD_CLAIM_LEASE = timedelta(minutes=15)


class UploadClaim:
    """A group's one upload to OSM at a time, held in `group.osm_upload_since`.

    Two uploads of the same approved cameras at once (two organisers, a retry while the first
    request still runs behind a proxy that timed out, the command beside the web page) would
    each plan before the other stores the new node ids, and each create the same nodes. The
    claim is taken and renewed by one UPDATE each, committed at once: it holds across server
    instances and processes, on both engines."""

    def __init__(self, group_id: int):
        self.group_id = group_id
        self.since = None

    def take(self) -> None:
        now = utcnow()
        self._set(
            now,
            sa.or_(
                Group.osm_upload_since.is_(None),
                Group.osm_upload_since < now - UPLOAD_CLAIM_LEASE,
            ),
        )

    def renew(self) -> None:
        """Before each changeset: an upload whose claim was taken over stops there."""
        self._set(utcnow(), Group.osm_upload_since == self.since)

    def release(self) -> None:
        db.session.rollback()
        db.session.execute(
            sa.update(Group)
            .where(Group.id == self.group_id, Group.osm_upload_since == self.since)
            .values(osm_upload_since=None)
        )
        db.session.commit()

    def _set(self, now, condition) -> None:
        claimed = db.session.execute(
            sa.update(Group)
            .where(Group.id == self.group_id, condition)
            .values(osm_upload_since=now)
        ).rowcount
        db.session.commit()
        if claimed != 1:
            raise UploadUnderWay()
        self.since = now


@contextmanager
def upload_claim(group_id: int, dry_run: bool = False) -> Iterator[UploadClaim | None]:
    """The group's upload claim while the block runs (none for a dry run, which sends
    nothing); UploadUnderWay if another upload holds it."""
    if dry_run:
        yield None
        return
    claim = UploadClaim(group_id)
    claim.take()
    try:
        yield claim
    finally:
        claim.release()


@dataclass
class UploadResult:
    dry_run: bool
    changesets: list[int] = field(default_factory=list)
    changed: dict = field(default_factory=lambda: _counts())  # nodes created, modified, deleted
    skipped: list[dict] = field(default_factory=list)
    ambiguous: list[dict] = field(default_factory=list)  # matches an organiser should check
    disagreeing: list[dict] = field(default_factory=list)  # as `ambiguous`: type or mount differ
    out_of_use: list[dict] = field(default_factory=list)  # as `ambiguous`: a camera out of use
    taken_nearby: list[dict] = field(default_factory=list)  # as `ambiguous`: beside a taken one
    contradicted_tag: list[dict] = field(default_factory=list)  # as `ambiguous`: a tag denied
    failed: list[dict] = field(default_factory=list)
    comment: str = ""
    osmchange: bytes | None = None  # the file a dry run would have sent
    changes: list[dict] = field(default_factory=list)  # a dry run's elements, listed
    changes_truncated: bool = False
    # Changesets an earlier upload left unfinished, read back from OSM before this one.
    recovered: list[dict] = field(default_factory=list)
    # Walks whose new cameras wait for a fetch (`held_back`), with how many.
    held_back: list[dict] = field(default_factory=list)
    # The observations whose element OSM took (a diffResult, or a changeset read back).
    taken: set[str] = field(default_factory=set)

    @property
    def counts(self) -> dict:
        """The nodes it changed, and the warnings to check as its lists name them now."""
        return self.changed | check_counts(*self.checks())

    def checks(self) -> tuple[list[dict], ...]:
        """The lists of warnings to check, in check_counts' order."""
        return (
            self.ambiguous,
            self.disagreeing,
            self.out_of_use,
            self.taken_nearby,
            self.contradicted_tag,
        )

    def taken_only(self) -> None:
        """The warnings to check, of the elements OSM took alone: what a real upload did not
        send is named in `failed`, and a match it did not write is not for checking on OSM."""
        for listed in self.checks():
            listed[:] = [item for item in listed if item["observation"] in self.taken]

    @property
    def status(self) -> str:
        if self.dry_run:
            return "dry_run"
        return "failed" if self.failed and not self.changesets else "done"

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "status": self.status,
            "changesets": self.changesets,
            "counts": self.counts,
            "skipped": self.skipped,
            "ambiguous": self.ambiguous,
            "disagreeing": self.disagreeing,
            "out_of_use": self.out_of_use,
            "taken_nearby": self.taken_nearby,
            "contradicted_tag": self.contradicted_tag,
            "failed": self.failed,
            "comment": self.comment,
            "changes": self.changes,
            "changes_truncated": self.changes_truncated,
            "recovered": self.recovered,
            "held_back": self.held_back,
        }


def upload_scope(scope: Scope, client: OsmClient | None, **options) -> UploadResult:
    """Upload (or, with dry_run, only build) the scope's changes; records ChangesetUploads.
    UploadUnderWay if another upload of the group is (`upload_claim`)."""
    with upload_claim(scope.group_id, options.get("dry_run", False)) as claim:
        settled = _settle_earlier(scope.group_id, client, claim, options.get("member_id"))
        return settled.into(_upload_scope(scope, client, claim, **options))


def _upload_scope(
    scope: Scope,
    client: OsmClient | None,
    claim: UploadClaim | None,
    *,
    member_id: int | None = None,
    dry_run: bool = False,
    max_elements: int = MAX_ELEMENTS_PER_CHANGESET,
    preview_limit: int | None = None,
) -> UploadResult:
    skipped: list[Skipped] = []
    matching, planned = plan_scope(scope, skipped)
    actions = list(planned)
    result = UploadResult(dry_run=dry_run)
    creates = sum(isinstance(action, Create) for action in actions)
    if creates and (held := held_back(scope)):
        result.held_back.append(held | {"creates": creates})
        actions = [action for action in actions if not isinstance(action, Create)]
    checks = PlanChecks(matching)  # told about what is sent, held-back cameras left out
    actions = list(checks.watch(actions))
    result.skipped = [item.as_dict() for item in skipped]
    result.ambiguous = [item.as_dict() for item in checks.ambiguous()]
    result.disagreeing = [item.as_dict() for item in checks.disagreeing()]
    result.out_of_use = checks.out_of_use()
    result.taken_nearby = [item.as_dict() for item in checks.taken_nearby()]
    result.contradicted_tag = list(checks.contradicted)
    if not actions:
        return result
    result.comment = _comment(actions, scope.place)
    if dry_run:
        out = BytesIO()
        written = write_osmchange(out, actions, generator=CREATED_BY)
        result.osmchange = out.getvalue()
        result.changed.update(_counts(written.creates, written.modifies, written.deletes))
        limit = MAX_PREVIEW_CHANGES if preview_limit is None else preview_limit
        others = {item.observation: item.other_osm_node_id for item in checks.ambiguous()}
        differ = {item.observation: item.keys for item in checks.disagreeing()}
        result.changes = preview_changes(
            actions[:limit], written.placeholders, scope.walk_id, others, differ
        )
        result.changes_truncated = len(actions) > limit
        return result
    hashtags = _hashtags(scope)
    # What a retry after a 409 builds on, read once the plan's own cursor is done with, and
    # the new cameras named beside a node it may read again (`_beside_now`).
    changed = [action.ref for action in actions if not isinstance(action, Create)]
    records = _records(changed + [item["observation"] for item in result.taken_nearby])
    for part in split_into_parts(actions, max_elements):
        _PartUpload(client, scope, hashtags, records, result, member_id, claim).run(part)
    result.taken_only()
    return result


def upload_group(
    group: Group,
    client: OsmClient | None,
    *,
    member_id=None,
    dry_run=False,
    preview_limit: int | None = None,
    **options,
) -> UploadResult:
    """One upload per walk of the group (a walk is a locality), merged into one result, under
    one claim."""
    with upload_claim(group.id, dry_run) as claim:
        settled = _settle_earlier(group.id, client, claim, member_id)
        return settled.into(
            _upload_walks(group, client, claim, member_id, dry_run, preview_limit, options)
        )


def _upload_walks(group, client, claim, member_id, dry_run, preview_limit, options):
    total = UploadResult(dry_run=dry_run)
    limit = MAX_PREVIEW_CHANGES if preview_limit is None else preview_limit
    comments, files = [], []
    walks = db.session.scalars(select(Walk).filter_by(group_id=group.id).order_by(Walk.id))
    for walk in list(walks):  # listed first: each upload commits
        room = limit - len(total.changes)
        result = _upload_scope(
            Scope.of_walk(walk),
            client,
            claim,
            member_id=member_id,
            dry_run=dry_run,
            preview_limit=room,
            **options,
        )
        total.changes += result.changes
        total.changes_truncated |= result.changes_truncated
        total.changesets += result.changesets
        for key in total.changed:
            total.changed[key] += result.changed[key]
        total.skipped += result.skipped
        total.ambiguous += result.ambiguous
        total.disagreeing += result.disagreeing
        total.out_of_use += result.out_of_use
        total.taken_nearby += result.taken_nearby
        total.contradicted_tag += result.contradicted_tag
        total.failed += result.failed
        total.held_back += result.held_back
        if result.comment:
            comments.append(result.comment)
        if result.osmchange:
            files.append(result.osmchange)
    total.comment = " | ".join(comments)
    total.osmchange = b"\n".join(files) if files else None
    return total


def preview_changes(
    actions: list,
    placeholders: dict,
    walk_id: int | None,
    others: dict | None = None,
    differ: dict | None = None,
) -> list[dict]:
    """The actions as the osmChange writer wrote them: placeholder ids for creates, positions
    at the 7 decimals sent, and for a modify or delete the tags the cached node has now.
    `others` maps an observation to another OSM camera it could as well be (ambiguous);
    `differ`, to the (key, surveyed, OSM's) pairs its node disagrees on (disagreeing)."""
    others, differ = others or {}, differ or {}
    node_of = {ref: node_id for node_id, ref in placeholders.items()}
    existing = [action.id for action in actions if not isinstance(action, Create)]
    query = select(OsmNode.osm_id, OsmNode.tags).where(OsmNode.osm_id.in_(existing))
    previous = {osm_id: tags for osm_id, tags in db.session.execute(query)}
    return [
        _preview(action, node_of, previous, walk_id)
        | {
            "ambiguous_with": others.get(action.ref),
            "disagreeing": disagreeing_view(differ.get(action.ref, ())),
        }
        for action in actions
    ]


def _preview(action, node_of: dict, previous: dict, walk_id: int | None) -> dict:
    change = {"walk_id": walk_id, "observation": action.ref}
    if isinstance(action, Create):
        node_id, version, kind = node_of[action.ref], None, "create"
    else:
        node_id, version = action.id, action.version
        kind = "delete" if isinstance(action, Delete) else "modify"
    change |= {"action": kind, "node": node_id, "version": version}
    if kind == "delete":  # osmChange sends a delete as id and version only
        return change | {
            "lat": None,
            "lon": None,
            "tags": {},
            "previous_tags": previous.get(node_id),
        }
    return change | {
        "lat": float(f"{action.lat:.7f}"),
        "lon": float(f"{action.lon:.7f}"),
        "tags": dict(action.tags),
        "previous_tags": previous.get(node_id) if kind == "modify" else None,
    }


def _records(uuids, size: int = IDS_PER_STATEMENT) -> dict[str, dict]:
    """The observations' approved records by uuid, one statement per `size` ids: a walk's
    upload may modify or delete thousands of nodes."""
    records = {}
    for batch in in_batches(uuids, size):
        query = select(Observation.uuid, Observation.approved).where(
            among(Observation.uuid, batch)
        )
        for uuid, approved in db.session.execute(query):
            records[uuid] = approved_record(uuid, approved)
    return records


def _comment(actions, place: str) -> str:
    kinds = [type(action) for action in actions]
    return changeset_comment(kinds.count(Create), kinds.count(Modify), kinds.count(Delete), place)


def _hashtags(scope: Scope) -> list[str]:
    return hashtag_words(db.session.get(Group, scope.group_id).hashtags)


def _counts(created=0, modified=0, deleted=0) -> dict:
    return {"created": created, "modified": modified, "deleted": deleted}


class _PartUpload:
    """One part through one changeset (or a new one if the API closed it).

    Each changeset's comment counts what it carries: the part it is opened for, and, if the
    API refused some of its elements on the way (a second version conflict, a node deleted
    since), what the upload finally held, set on the changeset before it is closed (OSM lets
    the tags of an open changeset be replaced)."""

    def __init__(self, client, scope, hashtags, records, result, member_id, claim):
        self.client, self.scope, self.hashtags = client, scope, hashtags
        self.records, self.result, self.member_id = records, result, member_id
        self.claim = claim
        self.refreshed: set[int] = set()

    def run(self, part: list) -> None:
        changeset = self._open(part)
        attempts = len(part) + 3  # every retry drops or refreshes one element
        while part and attempts:
            attempts -= 1
            out = BytesIO()
            written = write_osmchange(
                out, part, generator=CREATED_BY, changeset=changeset.changeset_id
            )
            try:
                diff = self.client.upload(changeset.changeset_id, out.getvalue())
            except OsmHttpError as error:
                changeset = self._after_error(error, part, changeset)
                if changeset is None:
                    return
                continue
            counts = self._store(part, written.placeholders, diff)
            self._recomment(changeset, part)
            self._close(changeset, "done", counts)
            return
        self._close(changeset, "failed", _counts())

    def _tags(self, part: list) -> dict[str, str]:
        comment = _comment(part, self.scope.place)
        return changeset_tags(comment, hashtags=self.hashtags, created_by=CREATED_BY)

    def _open(self, part: list):
        """A new changeset for `part`, recorded before OSM is asked for it (`opening`), its id
        stored as soon as OSM answers (`open`). A process that dies between the two leaves
        the row: the next upload finds the changeset among the account's open ones and
        closes it (`_find_opened`), rather than leave OSM an empty one camwalk knows nothing
        of."""
        self.claim.renew()
        tags = self._tags(part)
        row = ChangesetUpload(
            group_id=self.scope.group_id,
            api_url=self.client.api_url,
            comment=tags["comment"],
            status="opening",
            counts=_counts(),
            created_by_id=self.member_id,
        )
        db.session.add(row)
        db.session.commit()
        try:
            row.changeset_id = self.client.create_changeset(changeset_xml(tags))
        except OsmHttpError as error:
            if error.status is not None and error.status < 500:  # refused: nothing opened
                db.session.delete(row)
                db.session.commit()
            raise  # else OSM may have opened it: the row stays, for the next upload
        row.status = "open"
        db.session.commit()
        self.result.changesets.append(row.changeset_id)
        return row

    def _after_error(self, error: OsmHttpError, part: list, changeset):
        """Fix the part after an API refusal; the changeset to go on with, or None to stop."""
        if error.status is None:
            return self._answer_lost(error, part, changeset)
        if error.status == 409 and "closed" in error.body:
            self._close(changeset, "closed_by_api", _counts(), send=False)
            return self._open(part)
        node_id = _node_named(error.body)
        index = next((i for i, a in enumerate(part) if getattr(a, "id", None) == node_id), None)
        if error.status in (404, 409, 410, 412) and index is not None:
            if error.status == 409 and node_id not in self.refreshed:
                self.refreshed.add(node_id)
                fresh = self._refresh(part[index])
                if fresh is not None:
                    part[index] = fresh
                    return changeset
            else:
                self._fail(part[index], f"{error.status}: {error.body.strip()}")
                if error.status == 410:  # deleted since: no camera there for a new one to be
                    self._beside_now(node_id, None)
            del part[index]
            return changeset
        self.result.failed.append({"observation": None, "reason": str(error)})
        self._close(changeset, "failed", _counts())
        return None

    def _answer_lost(self, error: OsmHttpError, part: list, changeset) -> None:
        """The upload's answer never came (a dropped connection, a time-out): OSM may have
        applied it all the same, all or nothing. What the changeset holds is read back and
        stored; if OSM cannot say, the changeset is marked so and the next upload reads it
        first (`_settle_earlier`), rather than creating its nodes again."""
        changeset.status = "answer_lost"
        db.session.commit()
        try:
            settled = _settle(
                changeset, part, self.client, self.scope.group_id, self.member_id, at_once=True
            )
        except OsmHttpError:
            settled = _Settled()  # left as answer_lost
        if not settled.changed:
            self.result.failed.append(
                {"observation": None, "reason": f"{error}; the next upload checks what OSM kept"}
            )
            return None
        for key, count in settled.counts.items():
            self.result.changed[key] += count
        self.result.taken.update(settled.taken)
        self.result.failed += settled.failed
        return None

    def _refresh(self, action):
        """The action rebuilt on the node as OSM has it now, or None (then reported)."""
        try:
            current = _current_node(self.client, action.id)
        except (OsmHttpError, ValueError) as error:
            self._fail(action, f"after a version conflict: {error}")
            if isinstance(error, OsmHttpError) and error.status == 410:
                self._beside_now(action.id, None)
            return None
        self._beside_now(action.id, current)
        try:
            record = self.records[action.ref]
            if record["presence"] == "gone":
                return refresh_gone(current, record)
            fresh = reapply_survey(current, record)
        except (OsmHttpError, SurveyRefused, TagError, ValueError) as error:
            self._fail(action, f"after a version conflict: {error}")
            return None
        self._disagreeing_now(current, record)
        self._out_of_use_now(fresh)
        self._contradicted_now(current, fresh)
        return fresh

    def _disagreeing_now(self, current, record) -> None:
        """The plan named a disagreeing match on the node as camwalk had read it: name it on
        the node the retry writes over (a mapper may have made a fixed camera a dome)."""
        if record.get("osm_node_id") is not None:
            return  # somebody named the node: as at planning, no warning
        point = survey_point(record)
        ref = record["id"]
        listed = [item for item in self.result.disagreeing if item["observation"] != ref]
        if keys := disagreements(point, current.tags):
            metres = distance_m(point.lat, point.lon, current.lat, current.lon)
            listed.append(Disagreement(ref, current.id, metres, keys).as_dict())
        self.result.disagreeing = listed

    def _out_of_use_now(self, fresh) -> None:
        """As `_disagreeing_now`, the node the retry writes over may have been marked out of
        use since camwalk read it, or back in use: its `disused_node` note is made again."""
        listed = [
            item
            for item in self.result.out_of_use
            if (item["observation"], item["warning"]) != (fresh.ref, "disused_node")
        ]
        if note := kept_out_of_use(fresh):
            listed.append(note)
        self.result.out_of_use = listed

    def _contradicted_now(self, current, fresh) -> None:
        """As `_disagreeing_now`: the retry keeps the tags the node has now, which a mapper may
        have given a `revolving` the survey denies, or taken it off; named again on them."""
        earlier = self.result.contradicted_tag
        listed = [item for item in earlier if item["observation"] != fresh.ref]
        if note := contradicting(fresh, current):
            listed.append(note)
        self.result.contradicted_tag = listed

    def _beside_now(self, node_id: int, current) -> None:
        """A new camera was named `taken_nearby` for standing right beside this node, which
        another survey changes. Read again after a version conflict (`current`; None: deleted
        since), the node keeps the warnings only if it is still a camera the new one could be,
        still within BESIDE_M: a mapper may have moved it, made it another kind or removed it."""
        listed = []
        for item in self.result.taken_nearby:
            if item["osm_node_id"] != node_id:
                listed.append(item)
                continue
            if current is None:
                continue
            point = survey_point(self.records[item["observation"]])
            metres = distance_m(point.lat, point.lon, current.lat, current.lon)
            tolerance = DEFAULT_DIRECTION_TOLERANCE_DEG  # the plan's (plan_scope: no other)
            if metres <= BESIDE_M and compatible(point, current.tags, tolerance):
                other = item["other_observation"]
                listed.append(TakenNearby(item["observation"], node_id, metres, other).as_dict())
        self.result.taken_nearby = listed

    def _fail(self, action, reason: str) -> None:
        self.result.failed.append({"observation": action.ref, "node": action.id, "reason": reason})

    def _store(self, part: list, placeholders: dict, diff: bytes) -> dict:
        by_node = {action.id: action for action in part if not isinstance(action, Create)}
        by_ref = {action.ref: action for action in part if isinstance(action, Create)}
        creates = {placeholder: by_ref[ref] for placeholder, ref in placeholders.items()}
        counts = _counts()
        links, cache, kept = [], {}, []
        for entry in read_diff_result(diff):
            action = creates.get(entry.old_id) or by_node.get(entry.old_id)
            if action is None:
                continue
            counted = _remember(action, entry, cache)
            if counted is None:
                self._fail(action, "OSM kept the node: a way or relation still uses it")
                kept.append(action.id)
                continue
            counts[counted] += 1
            self.result.taken.add(action.ref)
            gone = _camera_gone(action)
            node_id = action.id if gone else entry.new_id
            links.append((action.ref, node_id, None if gone else entry.new_version))
        for key in counts:
            self.result.changed[key] += counts[key]
        _write_cache(cache)
        _forget_parents(kept)
        # Through the observations' one writer: a revision each, and a new seq, so that every
        # phone learns the node id and the next walk modifies this node instead of adding one.
        link_osm_nodes(self.scope.group_id, self.member_id, links)
        return counts

    def _recomment(self, changeset, part: list) -> None:
        """The changeset's comment made to count `part` as uploaded, if elements were dropped
        since it was opened. A failure leaves the comment as it was, and is reported."""
        tags = self._tags(part)
        if tags["comment"] == changeset.comment:
            return
        try:
            self.client.update_changeset(changeset.changeset_id, changeset_xml(tags))
        except OsmHttpError as error:
            self.result.failed.append({"observation": None, "reason": f"comment: {error}"})
            return
        changeset.comment = tags["comment"]

    def _close(self, changeset, status: str, counts: dict, send: bool = True) -> None:
        if send:
            try:
                self.client.close_changeset(changeset.changeset_id)
            except OsmHttpError as error:
                self.result.failed.append({"observation": None, "reason": f"close: {error}"})
        changeset.status = status
        changeset.counts = counts
        changeset.closed_at = utcnow()
        db.session.commit()


@dataclass
class _Settled:
    """What reading back unfinished changesets stored."""

    counts: dict = field(default_factory=_counts)
    failed: list[dict] = field(default_factory=list)
    recovered: list[dict] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # the observations OSM holds a change of

    @property
    def changed(self) -> bool:
        return any(self.counts.values()) or bool(self.failed)

    def into(self, result: UploadResult) -> UploadResult:
        result.recovered = self.recovered + result.recovered
        result.failed = self.failed + result.failed
        return result


UNFINISHED = ("opening", "open", "answer_lost")
_DONE = {"create": "created", "modify": "modified", "delete": "deleted"}


def _settle_earlier(group_id, client, claim, member_id) -> _Settled:
    """The changesets of the group an earlier upload left unfinished, read back from OSM and
    stored, before anything new is planned: its process died while OSM opened one
    (`opening`, looked for first: `_find_opened`) or after (`open`), or the answer to its
    upload never came (`answer_lost`). OSM may hold what it sent; planned again without
    that, its creates would be created twice."""
    total = _Settled()
    if claim is None:  # a dry run sends nothing, and reads nothing back
        return total
    rows = db.session.scalars(
        select(ChangesetUpload)
        .where(
            ChangesetUpload.group_id == group_id,
            ChangesetUpload.status.in_(UNFINISHED),
            ChangesetUpload.api_url == client.api_url,
        )
        .order_by(ChangesetUpload.id)
    ).all()
    _find_opened([row for row in rows if row.status == "opening"], client, group_id)
    rows = [row for row in rows if row.changeset_id is not None]
    if not rows:
        return total
    group = db.session.get(Group, group_id)
    actions = list(plan_scope(Scope.of_group(group), [])[1])
    for row in rows:
        settled = _settle(row, actions, client, group_id, member_id)
        total.failed += settled.failed
        total.recovered.append({"changeset": row.changeset_id, **settled.counts})
    return total


def _find_opened(rows: list[ChangesetUpload], client, group_id: int) -> None:
    """The changeset OSM opened for each `opening` row, whose id never reached camwalk: its id
    stored (`open`), for `_settle` to read back and close like any other; or, when the
    account's open changesets hold none such (OSM never opened it, or closed it, empty, after
    an hour), or OSM will not say whose they are, the row marked `not_found`. OsmHttpError if
    the list cannot be read: the rows stay, for the next upload."""
    if not rows:
        return
    user_id = _osm_user_id(client, group_id)
    listed = [] if user_id is None else read_changesets(client.open_changesets(user_id))
    known = set(
        db.session.scalars(
            select(ChangesetUpload.changeset_id).where(
                ChangesetUpload.api_url == client.api_url,
                among(ChangesetUpload.changeset_id, [changeset.id for changeset in listed]),
            )
        )
    )
    for row in rows:
        found = opened_for(listed, row.comment, row.created_at, known)
        if found is None:
            row.status, row.closed_at = "not_found", utcnow()
        else:
            row.changeset_id, row.status = found.id, "open"
            known.add(found.id)
    db.session.commit()


def _osm_user_id(client: OsmClient, group_id: int) -> int | None:
    """Whose changesets the client opens: its token's user as OSM names it (a token with
    read_prefs), else the group's connected account's, as OSM named it on connecting (camwalk
    asks for write_api alone, which user/details refuses)."""
    with contextlib.suppress(OsmHttpError, ValueError):
        user_id = client.user_details().get("id")
        if user_id is not None:
            return int(user_id)
    return db.session.scalar(
        select(OsmAccount.osm_user_id).where(
            OsmAccount.group_id == group_id, OsmAccount.api_url == client.api_url
        )
    )


def _settle(row: ChangesetUpload, actions: list, client, group_id, member_id, *, at_once=False):
    """Store what changeset `row` holds on OSM as its diffResult would have been stored, the
    nodes it made matched to `actions` (creates by position and tags, the others by node id),
    and close it. OsmHttpError if OSM cannot say. `at_once`: just after the answer was lost,
    when OSM may still be applying the upload; an empty changeset is then left as it is, for
    the next upload to read again."""
    changed = read_changeset_download(client.changeset_download(row.changeset_id))
    if at_once and not changed:
        return _Settled()
    creates: dict[tuple, list[Create]] = {}
    by_node = {}
    for action in actions:
        if isinstance(action, Create):
            creates.setdefault(_created_as(action.lat, action.lon, action.tags), []).append(action)
        else:
            by_node[action.id] = action
    settled, links, cache = _Settled(), [], {}
    for node in changed:
        if node.action == "create":
            found = creates.get(_created_as(node.lat, node.lon, node.tags))
            action = found.pop(0) if found else None
        else:
            action = by_node.get(node.id)
        if action is None:
            if not _linked(node.id):
                settled.failed.append({
                    "observation": None, "node": node.id,
                    "reason": f"changeset {row.changeset_id} {_DONE[node.action]} node {node.id}, "
                    "which no approved camera matches now: check it on OpenStreetMap",
                })  # fmt: skip
            continue
        gone = node.action == "delete" or _camera_gone(action)
        cache[node.id] = (
            Gone(node.version) if gone else (node.version, node.lon, node.lat, node.tags)
        )
        settled.counts[_DONE[node.action]] += 1
        settled.taken.add(action.ref)
        links.append((action.ref, node.id, None if gone else node.version))
    _write_cache(cache)
    link_osm_nodes(group_id, member_id, links)
    with contextlib.suppress(OsmHttpError):  # already closed, by OSM after an hour or by us
        client.close_changeset(row.changeset_id)
    row.status, row.counts, row.closed_at = "recovered", settled.counts, utcnow()
    db.session.commit()
    return settled


def _created_as(lat: float, lon: float, tags) -> tuple:
    """What tells a created node from another: its position as sent (7 decimals) and tags."""
    return f"{lat:.7f}", f"{lon:.7f}", frozenset(tags.items())


def _linked(node_id: int) -> bool:
    return (
        db.session.scalar(select(Observation.id).filter_by(osm_node_id=node_id).limit(1))
        is not None
    )


def _remember(action, entry, cache: dict) -> str | None:
    """Note in `cache` (see `_write_cache`) what the diffResult entry makes of the node; the
    count it adds to (None for a delete OSM declined under if-unused)."""
    if isinstance(action, Delete):
        if entry.new_id is not None:  # if-unused: OSM kept it, used by a way or a relation
            return None
        cache[action.id] = Gone(action.version + 1)  # a delete is a version of its own
        return "deleted"
    if _camera_gone(action):  # the node stays, as something else: no longer a camera
        cache[action.id] = Gone(entry.new_version)
        return "modified"
    cache[entry.new_id] = (entry.new_version, action.lon, action.lat, action.tags)
    return "created" if isinstance(action, Create) else "modified"


class Gone(NamedTuple):
    """In `_write_cache`'s map: the node is no longer a camera in OSM since `version`."""

    version: int


def _write_cache(cache: dict[int, tuple | Gone]) -> None:
    """The OSM cache as an upload left it: each node id to the `(version, lon, lat, tags)`
    it has now, or to `Gone` once it is no longer a camera (deleted, or only its camera tags),
    which keeps it out of the cache (`take_out`) until OSM has a newer version of it.
    Each row written is dated now (`fetched_at`): a fetch whose answer shows OSM before this
    upload (Overpass lags) neither removes nor sets it back (server/osm/importer.py).
    One statement per IDS_PER_STATEMENT nodes to read them and one to take them out, not one
    per node: a changeset holds up to 10,000. A node cached as a vertex stays one."""
    take_out({node_id: node.version for node_id, node in cache.items() if isinstance(node, Gone)})
    kept = [node_id for node_id, node in cache.items() if not isinstance(node, Gone)]
    now = utcnow()  # what OSM holds from now: a fetch whose answer is older keeps it
    for batch in in_batches(kept):
        query = select(OsmNode).where(among(OsmNode.osm_id, batch))
        cached = {row.osm_id: row for row in db.session.scalars(query)}
        for node_id in batch:
            version, lon, lat, tags = cache[node_id]
            row = cached.get(node_id)
            vertex = row is not None and row.part_of_way
            # A node camwalk created is in no relation; one it changed keeps what was known.
            relations = () if row is None else None
            node = write_node(
                row, node_id, version, lon, lat, dict(tags), vertex, relations=relations
            )
            node.fetched_at = now


def _forget_parents(node_ids: list[int]) -> None:
    """The cached nodes OSM kept though camwalk deleted them (if-unused): a way or a relation
    uses each, which the cache did not know (a mapper listed it without a new version of the
    node). Their ways and relations are not known until the next fetch, so the next plan
    skips their gone reports (gone_vertex_unknown, gone_member_unknown) instead of trying the
    same delete, and failing the same way, at every upload."""
    for batch in in_batches(node_ids):
        for row in db.session.scalars(select(OsmNode).where(among(OsmNode.osm_id, batch))):
            row.part_of_way = None
            row.relations = None


def _camera_gone(action) -> bool:
    """Whether `action` took the camera out of OSM: its node deleted, or its camera tags."""
    return isinstance(action, Delete) or removes_camera(action)


def _node_named(message: str) -> int | None:
    found = _NODE_IN_MESSAGE.search(message)
    return int(found.group(1)) if found else None


def _current_node(client: OsmClient, node_id: int):
    """The node as OSM has it now, with part_of_way from the ways that use it and the
    relations that list it."""
    nodes = read_osm_xml(BytesIO(client.node_xml(node_id)), keep=lambda tags: True).nodes
    if not nodes:
        raise ValueError(f"node {node_id} was not in the API's answer")
    ways = client.ways_of_node(node_id)
    listed = fromstring(client.relations_of_node(node_id)).iter("relation")
    relations = tuple(sorted(int(relation.get("id")) for relation in listed))
    return replace(nodes[0], part_of_way=b"<way" in ways, relations=relations)
