"""Streaming GeoJSON (RFC 7946) and CSV writers for a walk's or a group's observations.

One feature / row per live observation (not deleted, not merged), whatever its review status,
with its current values: organisers use these files to review, and `review_status` says which
is which. With `approved`, the file is one to publish (the association's uMap, a journalist's
spreadsheet): approved cameras only, each as an organiser approved it, never a walker's later
edit that no one reviewed (the copy the public map and the osmChange export show), and
only the cameras the public map shows: not a report that an OSM camera is gone
(sync.fields.published_present), each with only the fields its kind has, as on the public map
(server/reports/published.py: no camera type, mount or sign answers for a guard).
Private fields (the walker's pseudonym, the note) are written only when asked for, and so are
the signage survey's fields (sync/fields.py SIGNAGE_FIELDS: what a camera's sign says, who
films, whether it films the road), which an organiser may not want in every file she shares.
The CSV names each OSM tag column after its key behind `osm:` (`osm:direction`, the tag, next to
`direction`, the surveyed value): five keys are also field names, and tools keep only one of
two same-named columns or rename one. It comes in two forms, one for data tools and one for
spreadsheets (server/exports/csv_forms.py).
Rows come in order of place, not of logging (sync/order.py); they are read a batch at a time
and written one at a time, so memory holds only each row's id and position besides one batch.
Each says whether it may be one device with another camera of the file (`possible_duplicate`,
a pair flagged and not merged yet: server/reports/duplicates.py), as the public map does: in
the CSV, a column after all the others, which spreadsheets made before it find where they were.
"""

import json
from collections.abc import Iterator
from typing import BinaryIO

from sqlalchemy import select

from server import geo
from server.auth.models import Member
from server.exports.csv_forms import csv_rows, decimal
from server.exports.osc import Scope
from server.extensions import db
from server.observations.convert import field_values
from server.observations.models import Observation
from server.reports.duplicates import among_them, flagged, open_pairs_among
from server.reports.published import published_values
from server.sql import among, in_batches
from sync.fields import SIGNAGE_FIELDS, published_present
from sync.order import camera_order_key
from sync.osm.direction import format_direction
from sync.osm.tags import MANAGED_KEYS, TagError, survey_tags

# The surveyed fields a file shows, by their names in the contract and the approved copy.
SURVEYED_FIELDS = [
    "kind", "surveillance", "camera_type", "mount", "direction", "zone", "operator",
    "height_m", "manufacturer", "model", "surveyed_on", "presence",
]  # fmt: skip
PUBLIC_FIELDS = ["id", "walk_id", *SURVEYED_FIELDS, "review_status", "osm_id"]
PRIVATE_FIELDS = ["walker", "note"]
# The OSM tags of the CSV in a stable order, each with its column's name.
TAG_KEYS = sorted(MANAGED_KEYS)
TAG_COLUMNS = [f"osm:{key}" for key in TAG_KEYS]
ROWS_PER_BATCH = 500


def rows(scope: Scope, approved: bool = False) -> Iterator:
    """(observation, walker pseudonym, possible duplicate) rows of the scope (those with an
    approved copy, if `approved`), by place (sync/order.py): in id order they would retrace
    the walker's route. Only ids and positions are held to sort; the rows themselves are read
    a batch at a time."""
    lon, lat = geo.lonlat_columns(Observation.geom)
    where = scope.where()
    if approved:
        where.append(Observation.approved.is_not(None))
    located = db.session.connection().execute(
        select(Observation.id, Observation.uuid, lon, lat).where(*where)
    )
    keys = []
    for row_id, uuid, x, y in located:
        keys.append((camera_order_key(geo.rounded(x), geo.rounded(y), uuid), row_id))
    ordered = [row_id for _, row_id in sorted(keys)]
    doubtful = _possible_duplicates(set(ordered), approved)
    for start in range(0, len(ordered), ROWS_PER_BATCH):
        batch = ordered[start : start + ROWS_PER_BATCH]
        found = {
            observation.id: (observation, pseudonym)
            for observation, pseudonym in db.session.execute(
                select(Observation, Member.pseudonym)
                .outerjoin(Member, Member.id == Observation.created_by_id)
                .where(among(Observation.id, batch))
            )
        }
        for row_id in batch:
            observation, pseudonym = found[row_id]
            if not approved or published_present(observation.approved):
                yield observation, pseudonym, row_id in doubtful


def _possible_duplicates(ids: set[int], approved: bool) -> set[int]:
    """The rows of `ids` flagged with another row of the file as possibly one device. A file
    to publish holds only the published cameras among `ids` (not a report that a camera is
    gone): a pair counts when both are, as on the public map."""
    pairs = open_pairs_among(ids)
    if approved and pairs:
        shown = set()
        for batch in in_batches(flagged(pairs)):
            query = select(Observation.id, Observation.approved).where(
                among(Observation.id, batch)
            )
            shown |= {
                row_id for row_id, copy in db.session.execute(query) if published_present(copy)
            }
        pairs = among_them(pairs, shown)
    return flagged(pairs)


def surveyed(observation: Observation, approved: bool) -> dict:
    """The field values a file shows of `observation`: its approved copy as published (without
    the fields its kind does not have), or its current ones, as stored."""
    return published_values(observation.approved) if approved else field_values(observation)


def review_status(observation: Observation, approved: bool) -> str:
    """The status a file gives `observation`: a file to publish holds approved copies only,
    even of a camera a walker changed since (back in review, its copy still approved)."""
    return "approved" if approved else observation.review_status


def properties(
    observation: Observation,
    values: dict,
    status: str,
    pseudonym: str | None,
    private: bool,
    signage: bool,
    possible_duplicate: bool,
) -> dict:
    """A feature's properties, from `values` (`surveyed`) and `status` (`review_status`)."""
    shown = {
        "id": observation.uuid,
        "walk_id": observation.walk_id,
        **{name: values.get(name) for name in SURVEYED_FIELDS},
        "review_status": status,
        "osm_id": values.get("osm_node_id"),
    }
    if shown["direction"]:
        shown["direction"] = format_direction(shown["direction"])
    if signage:
        shown |= {name: values.get(name) for name in SIGNAGE_FIELDS}
    if private:
        shown |= {"walker": pseudonym, "note": values.get("note")}
    return shown | {"possible_duplicate": possible_duplicate}


def write_geojson(
    scope: Scope,
    out: BinaryIO,
    *,
    private: bool = False,
    signage: bool = False,
    approved: bool = False,
) -> int:
    """A FeatureCollection of points, [lon, lat] with 7 decimals; returns the feature count."""
    out.write(b'{"type":"FeatureCollection","features":[')
    count = 0
    for observation, pseudonym, doubtful in rows(scope, approved):
        values, status = surveyed(observation, approved), review_status(observation, approved)
        point = values["position"]
        shown = properties(observation, values, status, pseudonym, private, signage, doubtful)
        feature = {
            "type": "Feature",
            "id": observation.uuid,
            "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]},
            "properties": shown,
        }
        out.write((b"," if count else b"\n") + json.dumps(feature, ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]}\n")
    return count


def osm_tags(observation: Observation, values: dict, status: str) -> tuple[dict, str]:
    """The tags the observation would write to OSM from `values` (`surveyed`), or none and
    the reason."""
    from server.exports.osc import osm_record

    try:
        record = osm_record(observation.uuid, values, status)
        return survey_tags(record), ""
    except TagError as error:
        return {}, str(error)


def _shown_fields(private: bool, signage: bool) -> list[str]:
    """The properties a feature of the GeoJSON has, in the CSV's order."""
    return [
        *PUBLIC_FIELDS,
        *(SIGNAGE_FIELDS if signage else []),
        *(PRIVATE_FIELDS if private else []),
    ]


def csv_columns(private: bool = False, signage: bool = False) -> list[str]:
    """The CSV's header: position, the fields the GeoJSON shows, the OSM tags, their problems,
    then the columns added since, last, so that every column keeps its place."""
    return [
        "lat", "lon", *_shown_fields(private, signage), *TAG_COLUMNS, "tag_problems",
        "possible_duplicate",
    ]  # fmt: skip


def write_csv(
    scope: Scope,
    out: BinaryIO,
    *,
    private: bool = False,
    signage: bool = False,
    approved: bool = False,
    spreadsheet: bool = False,
) -> int:
    """CSV with a header, one row per observation, OSM tags as columns, in the data form or
    the spreadsheet form (csv_forms.py); returns rows."""
    fields = _shown_fields(private, signage)
    count = 0
    with csv_rows(out, spreadsheet=spreadsheet) as write_row:
        write_row(csv_columns(private, signage))
        for observation, pseudonym, doubtful in rows(scope, approved):
            values = surveyed(observation, approved)
            status = review_status(observation, approved)
            point = values["position"]
            shown = properties(observation, values, status, pseudonym, private, signage, doubtful)
            tags, problems = osm_tags(observation, values, status)
            write_row(
                [
                    decimal(point["lat"], 7),
                    decimal(point["lon"], 7),
                    *(shown[name] for name in fields),
                    *(tags.get(key) for key in TAG_KEYS),
                    problems,
                    doubtful,
                ]
            )
            count += 1
    return count
