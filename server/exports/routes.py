"""Organiser downloads: osmChange, GeoJSON and CSV per walk or group, and export reports."""

import json
import tempfile
import zipfile
from contextlib import nullcontext
from urllib.parse import quote

from flask import current_app, send_file, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from server.auth.models import Role
from server.auth.permissions import require_group, require_member, require_walk
from server.errors import NotFound
from server.exports import csv_forms, signed
from server.exports.cameras import cameras_named
from server.exports.checklist import require_ready
from server.exports.errors import OsmUnreachable
from server.exports.osc import Scope, export_osc, record_export
from server.exports.schemas import CameraNameSchema, SkippedSchema
from server.exports.tables import write_csv, write_geojson
from server.exports.upload import upload_group, upload_scope
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.schemas import DISAGREEING
from server.osm.client import OsmHttpError
from server.osm.models import Export
from server.osm.oauth import upload_client

blp = Blueprint(
    "osm_export", __name__, url_prefix="/api/v1", description="Exports for OSM, maps and tables"
)

OSC_MIMETYPE = "application/osmchange+xml"
# Files larger than this go from memory to a temporary file while the export is written.
SPOOL_BYTES = 8 * 1024 * 1024
JOSM_REMOTE = "http://127.0.0.1:8111/import?url="


CAMERAS = fields.Dict(
    keys=fields.String(),
    values=fields.Nested(CameraNameSchema),
    metadata={"description": "each observation the items name, as the review screens name it"},
)


class ExportReportSchema(Schema):
    id = fields.Integer()
    format = fields.String()
    group_id = fields.Integer()
    walk_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    counts = fields.Dict()
    report = fields.List(
        fields.Dict(),
        metadata={
            "description": "osmChange: the observations left out (as SkippedSchema; a report "
            "made before codes has `reason` only) and the warnings (`warning`: "
            "ambiguous_match, earlier_file); empty for GeoJSON and CSV"
        },
    )
    cameras = CAMERAS
    download_url = fields.String()
    josm_url = fields.String(allow_none=True)


# The owner of an export is a walk or a whole group: one view per format takes it as a parameter,
# so `/walks/<id>/export.csv` and `/groups/<id>/export.csv` are one rule and one code path.
OWNER = "/<any(walks, groups):owner>/<int:owner_id>"


def _scope_of(owner: str, owner_id: int) -> Scope:
    if owner == "walks":
        return Scope.of_walk(require_walk(owner_id, Role.ORGANISER))
    return Scope.of_group(require_group(owner_id, Role.ORGANISER))


def _file_name(owner: str, owner_id: int) -> str:
    return f"camwalk-{owner.removesuffix('s')}-{owner_id}"


def _download_url(export: Export, view: str) -> str:
    """The link that downloads the export again, with the options it was made with."""
    if export.walk_id is not None:
        owner, owner_id = "walks", export.walk_id
    else:
        owner, owner_id = "groups", export.group_id
    # The CSV's options are the GeoJSON's and one more: a GeoJSON never records that one.
    options = {name: 1 for name in CsvQuerySchema().fields if export.counts.get(name) is True}
    return url_for(f"osm_export.{view}", owner=owner, owner_id=owner_id, _external=True, **options)


def osc_download(scope: Scope, name: str):
    """Write the export to spooled files and send it (several parts go in one zip)."""
    return send_osc(scope, name, require_member(Role.ORGANISER).id)


def send_osc(scope: Scope, name: str, member_id: int | None):
    parts = []

    def open_part(number: int):
        parts.append(tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES))  # noqa: SIM115
        return nullcontext(parts[-1])  # kept open: send_file reads and closes it

    result = export_osc(scope, open_part, member_id=member_id)
    if len(parts) == 1:
        body, mimetype, filename = parts[0], OSC_MIMETYPE, f"{name}.osc"
    else:
        body, mimetype, filename = _zip(parts, name), "application/zip", f"{name}-osc.zip"
    body.seek(0)
    response = send_file(body, mimetype=mimetype, as_attachment=True, download_name=filename)
    response.headers["X-Camwalk-Export-Id"] = str(result.export_id)
    response.headers["X-Camwalk-Export-Counts"] = json.dumps(result.counts)
    response.headers["X-Camwalk-Export-Report"] = url_for(
        "osm_export.ExportReport", export_id=result.export_id, _external=True
    )
    return response


def _zip(parts, name: str):
    archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - sent later
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for number, part in enumerate(parts, start=1):
            part.seek(0)
            with out.open(f"{name}-{number}.osc", "w") as entry:
                while chunk := part.read(1 << 16):
                    entry.write(chunk)
            part.close()
    return archive


@blp.route(f"{OWNER}/export.osc")
class OscExport(MethodView):
    def get(self, owner, owner_id):
        """The walk's or the group's approved observations as osmChange (organisers)."""
        return osc_download(_scope_of(owner, owner_id), _file_name(owner, owner_id))


@blp.route("/exports/<int:export_id>")
class ExportReport(MethodView):
    @blp.response(200, ExportReportSchema)
    def get(self, export_id):
        """What an export wrote and skipped, with its download and JOSM links (organisers)."""
        member = require_member(Role.ORGANISER)
        export = db.session.get(Export, export_id)
        if export is None or export.group_id != member.group_id:
            raise NotFound()
        download = _download_url(export, VIEWS[export.format])
        # JOSM cannot send a bearer token: it gets a signed link that expires.
        josm = None
        if export.format == "osc":
            josm = JOSM_REMOTE + quote(_signed_url(export), safe="")
        return {
            "id": export.id,
            "format": export.format,
            "group_id": export.group_id,
            "walk_id": export.walk_id,
            "created_at": export.created_at,
            "counts": export.counts,
            "report": export.report,
            "cameras": cameras_named(export.group_id, export.report),
            "download_url": download,
            "josm_url": josm,
        }


def _signed_url(export: Export) -> str:
    query = signed.sign(current_app.config["SECRET_KEY"], export.id, export.created_at)
    return url_for("osm_export.SignedExportDownload", export_id=export.id, _external=True, **query)


class SignedQuerySchema(Schema):
    exp = fields.Integer(required=True)
    sig = fields.String(required=True)


@blp.route("/exports/<int:export_id>/download")
class SignedExportDownload(MethodView):
    @blp.doc(security=[])  # open to anyone: no token
    @blp.arguments(SignedQuerySchema, location="query")
    def get(self, query, export_id):
        """The osmChange of an export again, through a signed link valid 10 minutes (for JOSM)."""
        export = db.session.get(Export, export_id)
        # Checked before anything is said of the export, so that a link that is not ours
        # learns nothing of which ids exist; a link to an export deleted since fails here.
        made_at = export.created_at if export is not None else None
        signed.check(
            current_app.config["SECRET_KEY"], export_id, made_at, query["exp"], query["sig"]
        )
        if export is None or export.format != "osc":
            raise NotFound()
        if export.walk_id is not None:
            scope = Scope.of_walk(db.session.get(Walk, export.walk_id))
        else:
            scope = Scope.of_group(db.session.get(Group, export.group_id))
        return send_osc(scope, f"camwalk-export-{export_id}", export.created_by_id)


class TableQuerySchema(Schema):
    private = fields.Boolean(load_default=False)
    signage = fields.Boolean(load_default=False)
    approved = fields.Boolean(
        load_default=False,
        metadata={"description": "approved cameras only, each as approved: a file to publish"},
    )


class CsvQuerySchema(TableQuerySchema):
    spreadsheet = fields.Boolean(
        load_default=False,
        metadata={
            "description": "for Excel or LibreOffice: UTF-8 with a BOM, semicolons, formulas "
            "neutralised; without it, the data form (UTF-8, commas, values as they are)"
        },
    )


TABLES = {
    "geojson": (write_geojson, "application/geo+json"),
    "csv": (write_csv, csv_forms.MEDIA_TYPE),
}


def table_download(scope: Scope, kind: str, name: str, query: dict):
    """GeoJSON or CSV of the scope, written to a spooled file, recorded as an Export."""
    member = require_member(Role.ORGANISER)
    write, mimetype = TABLES[kind]
    if kind == "csv":
        download_name = csv_forms.file_name(name, query["spreadsheet"])
    else:
        download_name = f"{name}.{kind}"
    body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - sent later
    try:
        count = write(scope, body, **query)
    except BaseException:
        body.close()
        raise
    counts = {"rows": count, **query}
    export = record_export(scope, kind, counts, [], member.id)
    body.seek(0)
    response = send_file(body, mimetype=mimetype, as_attachment=True, download_name=download_name)
    response.headers["X-Camwalk-Export-Id"] = str(export.id)
    return response


@blp.route(f"{OWNER}/export.geojson")
class GeojsonExport(MethodView):
    @blp.arguments(TableQuerySchema, location="query")
    def get(self, query, owner, owner_id):
        """The observations as GeoJSON; `?private=1` adds walker and note, `?signage=1` signs,
        `?approved=1` keeps approved cameras only, as approved."""
        scope = _scope_of(owner, owner_id)
        return table_download(scope, "geojson", _file_name(owner, owner_id), query)


@blp.route(f"{OWNER}/export.csv")
class CsvExport(MethodView):
    @blp.arguments(CsvQuerySchema, location="query")
    def get(self, query, owner, owner_id):
        """The observations as CSV with OSM tags; `?private=1`, `?signage=1`, `?approved=1` as
        in GeoJSON, `?spreadsheet=1` for Excel or LibreOffice."""
        scope = _scope_of(owner, owner_id)
        return table_download(scope, "csv", _file_name(owner, owner_id), query)


# The view that downloads each recorded format again, for the export report's link.
VIEWS = {"osc": "OscExport", "geojson": "GeojsonExport", "csv": "CsvExport"}


class UploadRequestSchema(Schema):
    dry_run = fields.Boolean(load_default=False)


class OsmChangePreviewSchema(Schema):
    """One element of the osmChange a dry run built (see UploadResult in upload.py)."""

    walk_id = fields.Integer(allow_none=True)
    observation = fields.String(allow_none=True)
    action = fields.String(metadata={"enum": ["create", "modify", "delete"]})
    node = fields.Integer(metadata={"description": "negative placeholder for a create"})
    version = fields.Integer(allow_none=True)
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    tags = fields.Dict(keys=fields.String(), values=fields.String())
    previous_tags = fields.Dict(keys=fields.String(), values=fields.String(), allow_none=True)
    ambiguous_with = fields.Integer(
        allow_none=True,
        metadata={"description": "another OSM camera nearly as close: check which is meant"},
    )
    disagreeing = DISAGREEING


class UploadResultSchema(Schema):
    dry_run = fields.Boolean()
    status = fields.String()
    changesets = fields.List(fields.Integer())
    counts = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={
            "description": "created, modified, deleted: the nodes sent (a dry run: that would "
            "be); ambiguous, disagreeing, disused_nearby, disused_node, taken_nearby, "
            "contradicted_tag: the warnings to check before uploading, as the osmChange export "
            "counts them."
        },
    )
    skipped = fields.List(fields.Nested(SkippedSchema))
    cameras = CAMERAS
    ambiguous = fields.List(fields.Dict())
    disagreeing = fields.List(
        fields.Dict(),
        metadata={
            "description": "Matches by distance to a node whose camera:type or camera:mount "
            "says otherwise, as the osmChange export's disagreeing_match report items."
        },
    )
    out_of_use = fields.List(
        fields.Dict(),
        metadata={
            "description": "New cameras beside an OSM camera marked as no longer in use, and "
            "surveys put on one, as the osmChange export's disused_nearby and disused_node "
            "report items."
        },
    )
    taken_nearby = fields.List(
        fields.Dict(),
        metadata={
            "description": "New cameras within 5 m of a compatible OSM camera another survey "
            "changes (maybe logged twice), as the osmChange export's taken_nearby report items."
        },
    )
    contradicted_tag = fields.List(
        fields.Dict(),
        metadata={
            "description": "Modifies keeping a mapper's tag the survey's value denies "
            "(revolving=yes beside camera:type=fixed), as the osmChange export's "
            "contradicted_tag report items."
        },
    )
    failed = fields.List(fields.Dict())
    comment = fields.String()
    changes = fields.List(fields.Nested(OsmChangePreviewSchema))
    changes_truncated = fields.Boolean()
    recovered = fields.List(
        fields.Dict(),
        metadata={
            "description": "Changesets an earlier upload left unfinished (its process died, or "
            "OSM's answer never came), read back from OSM and stored before this upload: "
            '{"changeset", "created", "modified", "deleted"} each.'
        },
    )
    held_back = fields.List(
        fields.Dict(),
        metadata={
            "description": "Walks whose new cameras were not sent: an osmChange file with new "
            "cameras there was exported after the walk's OSM cameras were last fetched, and may "
            'have gone to OSM through JOSM. {"walk_id", "place", "creates", "exported_at", '
            '"fetched_at" (null: never), "reason"} each; fetch the walk, then upload again.'
        },
    )


def run_upload(scope: Scope, dry_run: bool, *, whole_group: bool = False) -> dict:
    """Check the checklist, pick the client (group account first), upload, close the client."""
    member = require_member(Role.ORGANISER)
    group = db.session.get(Group, scope.group_id)
    client = None
    if not dry_run:
        require_ready(group)
        client = upload_client(group.id, current_app.config)
    try:
        if whole_group:
            result = upload_group(group, client, member_id=member.id, dry_run=dry_run)
        else:
            result = upload_scope(scope, client, member_id=member.id, dry_run=dry_run)
    except OsmHttpError as error:
        raise OsmUnreachable(str(error)) from error
    finally:
        if client is not None:
            client.close()
    return result.as_dict() | {"cameras": cameras_named(group.id, result.skipped)}


@blp.route(f"{OWNER}/osm-upload")
class OsmUpload(MethodView):
    @blp.arguments(UploadRequestSchema)
    @blp.response(200, UploadResultSchema)
    def post(self, body, owner, owner_id):
        """Upload the approved changes to OSM (a group's: one changeset per walk), or dry_run."""
        whole_group = owner == "groups"
        scope = _scope_of(owner, owner_id)
        return run_upload(scope, body["dry_run"], whole_group=whole_group)
