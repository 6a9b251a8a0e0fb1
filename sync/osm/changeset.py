"""The changeset around an upload: its tags and XML body, its comment, and the diffResult.

An upload is: create a changeset (body from `changeset_xml`), upload the osmChange, read the
`<diffResult>` with `read_diff_result` to learn each create's new id and each node's new
version, close the changeset. When the diffResult never came, the changeset's download
(`read_changeset_download`) says what OSM kept; when the answer to the create never came, the
account's open changesets (`read_changesets`) hold the one OSM opened (`opened_for`). The HTTP
side lives in the server; this module only builds and reads the documents.
"""

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO
from xml.etree.ElementTree import fromstring
from xml.sax.saxutils import XMLGenerator

from sync.osm import CAMWALK_GENERATOR
from sync.osm.tags import TagError, check_tags


def changeset_tags(
    comment: str,
    *,
    hashtags: Iterable[str] = (),
    created_by: str = CAMWALK_GENERATOR,
    source: str = "survey",
) -> dict[str, str]:
    """The tags osm.md asks for; hashtags get their `#` and are joined the OSM way, with `;`."""
    tags = {"comment": comment, "created_by": created_by, "source": source}
    marked = [tag if tag.startswith("#") else f"#{tag}" for tag in map(str.strip, hashtags) if tag]
    if marked:
        tags["hashtags"] = ";".join(marked)
    return tags


def changeset_xml(tags: Mapping[str, str]) -> bytes:
    """The body of `PUT /api/0.6/changeset/create`: `<osm><changeset><tag k v/>…`."""
    problems = check_tags(tags)
    if problems:
        raise TagError(problems)
    out = BytesIO()
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement("osm", {})
    xml.startElement("changeset", {})
    for key, value in tags.items():
        xml.startElement("tag", {"k": key, "v": value})
        xml.endElement("tag")
    xml.endElement("changeset")
    xml.endElement("osm")
    xml.endDocument()
    return out.getvalue()


def changeset_comment(creates: int, modifies: int, deletes: int, place: str | None = None) -> str:
    """A sentence saying what and where, e.g. "Add 14 surveyed surveillance cameras, Noailles".

    Removals say why ("reported gone on survey"): osm.md wants the reason in the comment.
    """
    if min(creates, modifies, deletes) < 0 or creates + modifies + deletes == 0:
        raise ValueError("a changeset comment needs something to describe")
    clauses = []
    if creates or modifies:
        clauses.append(_surveyed_clause(creates, modifies))
    if deletes:
        noun = "" if clauses else f" surveillance {_cameras(deletes)}"
        clauses.append(f"remove {deletes}{noun} reported gone on survey")
    if place and place.strip():
        clauses.append(place.strip())
    comment = ", ".join(clauses)
    return comment[0].upper() + comment[1:]


def _surveyed_clause(creates: int, modifies: int) -> str:
    verbs = [
        f"{verb} {count}" for verb, count in (("add", creates), ("update", modifies)) if count
    ]
    return f"{' and '.join(verbs)} surveyed surveillance {_cameras(creates + modifies)}"


def _cameras(count: int) -> str:
    return "camera" if count == 1 else "cameras"


@dataclass(frozen=True, slots=True)
class DiffEntry:
    """One element of a diffResult: a create has both ids, a delete has no new id or version."""

    type: str
    old_id: int
    new_id: int | None
    new_version: int | None


def read_diff_result(body: bytes | str) -> list[DiffEntry]:
    """The entries of the API's answer to an upload, in the order the API gave them."""
    root = fromstring(body)
    if root.tag != "diffResult":
        raise ValueError(f"expected a <diffResult>, got <{root.tag}>")
    return [_diff_entry(element) for element in root if element.tag in ("node", "way", "relation")]


@dataclass(frozen=True, slots=True)
class ChangedNode:
    """A node as a changeset left it (its download): `action` is create, modify or delete;
    a delete has no position and no tags."""

    action: str
    id: int
    version: int
    lat: float | None
    lon: float | None
    tags: dict


def read_changeset_download(body: bytes | str) -> list[ChangedNode]:
    """The nodes of a changeset's download (`GET /api/0.6/changeset/{id}/download`, an
    osmChange of what the changeset did), in its order. Ways and relations are left out:
    camwalk uploads nodes only."""
    root = fromstring(body)
    if root.tag != "osmChange":
        raise ValueError(f"expected an <osmChange>, got <{root.tag}>")
    changed = []
    for block in root:
        if block.tag not in ("create", "modify", "delete"):
            continue
        for element in block.iter("node"):
            lat, lon = element.get("lat"), element.get("lon")
            changed.append(
                ChangedNode(
                    action=block.tag,
                    id=int(element.get("id")),
                    version=int(element.get("version")),
                    lat=None if lat is None else float(lat),
                    lon=None if lon is None else float(lon),
                    tags={tag.get("k"): tag.get("v") for tag in element.iter("tag")},
                )
            )
    return changed


def _diff_entry(element) -> DiffEntry:
    new_id, new_version = element.get("new_id"), element.get("new_version")
    return DiffEntry(
        type=element.tag,
        old_id=int(element.get("old_id")),
        new_id=None if new_id is None else int(new_id),
        new_version=None if new_version is None else int(new_version),
    )


@dataclass(frozen=True, slots=True)
class ChangesetInfo:
    """A changeset as the API lists it (`GET /api/0.6/changesets`): no elements, its tags."""

    id: int
    created_at: datetime | None
    open: bool
    tags: dict


def read_changesets(body: bytes | str) -> list[ChangesetInfo]:
    """The changesets of an `<osm>` list, in the API's order (the newest first)."""
    root = fromstring(body)
    if root.tag != "osm":
        raise ValueError(f"expected an <osm> list of changesets, got <{root.tag}>")
    return [
        ChangesetInfo(
            id=int(element.get("id")),
            created_at=_utc(element.get("created_at")),
            open=element.get("open") == "true",
            tags={tag.get("k"): tag.get("v") for tag in element.iter("tag")},
        )
        for element in root.iter("changeset")
    ]


def _utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


# How far OSM's clock and the server's may disagree, plus how long the create request may have
# taken (the client's read timeout is 90 s), when a changeset is told by when it was opened.
OPENED_WITHIN = timedelta(minutes=10)


def opened_for(
    changesets: Iterable[ChangesetInfo], comment: str, asked_at: datetime, known: Container[int]
) -> ChangesetInfo | None:
    """The changeset OSM opened when camwalk asked at `asked_at` for one with `comment`, and
    whose id camwalk never heard (the process died first), or None: one still open, made by
    camwalk, with that comment, opened within OPENED_WITHIN of the request, that no recorded
    upload (`known`) names. Its own tags are all that tell it: OSM gives a changeset no mark
    of the request that made it."""
    for changeset in changesets:
        # Any version's: the server may have been upgraded before the upload was run again.
        made_by = changeset.tags.get("created_by", "").partition(" ")[0]
        if (
            changeset.open
            and changeset.id not in known
            and made_by == "camwalk"
            and changeset.tags.get("comment") == comment
            and changeset.created_at is not None
            and abs(changeset.created_at - asked_at) <= OPENED_WITHIN
        ):
            return changeset
    return None
