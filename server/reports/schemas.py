"""Answers of the reports' endpoints, as /api/openapi.json documents them."""

from marshmallow import Schema, fields


class PublicCamerasSchema(Schema):
    """A published map's cameras: a GeoJSON FeatureCollection with the counts a page quotes
    (docs/contract.md, Public map photos). Its features pass as they are."""

    type = fields.String(metadata={"description": "`FeatureCollection`"})
    name = fields.String(metadata={"description": "the group's name"})
    own_tiles_only = fields.Boolean(metadata={"description": "ask no third-party tile server"})
    coverage_public = fields.Boolean(metadata={"description": "whether coverage.geojson answers"})
    cameras = fields.Integer(
        metadata={"description": "features that film (`camera`, `ALPR`): quote this count"}
    )
    other_devices = fields.Integer(
        metadata={"description": "features that do not film (guards, gunshot detectors)"}
    )
    open_duplicate_pairs = fields.Integer(
        metadata={"description": "pairs of features flagged as possibly one device"}
    )
    features = fields.List(fields.Dict())


# The walk summary's schemas document the answer; they do not dump it. The view answers
# `walk_summary` as it is (as the walk map's download does, server/basemap/routes.py), so
# the JSON organisers' screens read is the same, byte for byte, as before it was documented:
# dumped through a schema, the walk's date would have changed format.
# tests/server/reports/test_summary_schema.py holds every key of a real answer to these.


class SummaryWalkSchema(Schema):
    id = fields.Integer()
    group_id = fields.Integer()
    name = fields.String()
    date = fields.String(
        allow_none=True,
        metadata={
            "description": "the walk's day, as an HTTP date: `Sat, 21 Nov 2026 00:00:00 GMT`"
        },
    )
    area = fields.List(
        fields.List(fields.Float()),
        allow_none=True,
        metadata={"description": "the walk's area, a ring of [lon, lat]"},
    )
    bbox = fields.List(
        fields.Float(), allow_none=True, metadata={"description": "[west, south, east, north]"}
    )
    own_tiles_only = fields.Boolean()
    osm_fetched_at = fields.String(
        allow_none=True,
        metadata={"description": "when its OSM cameras were last loaded, as an HTTP date"},
    )


class SummaryTallySchema(Schema):
    """The review's figures of one set of devices, as they add up: `devices` (`cameras` in
    the totals) = `new` + `in_osm` + `rejected`, and = `approved` + `pending` + `rejected`;
    those reported gone are apart."""

    approved = fields.Integer()
    pending = fields.Integer()
    rejected = fields.Integer()
    published = fields.Integer(metadata={"description": "shown on the public map"})
    open_duplicate_pairs = fields.Integer(
        metadata={"description": "pairs flagged as possibly one device, not merged yet"}
    )
    published_duplicate_pairs = fields.Integer(
        metadata={"description": "of those, pairs the public map shows both of"}
    )
    in_osm = fields.Integer(metadata={"description": "given an OSM node by the export"})
    new = fields.Integer(metadata={"description": "new to OSM"})
    reported_gone = fields.Integer()


class SummaryOtherDevicesSchema(SummaryTallySchema):
    devices = fields.Integer()
    by_kind = fields.Dict(keys=fields.String(), values=fields.Integer())


class SummaryTotalsSchema(SummaryTallySchema):
    cameras = fields.Integer(metadata={"description": "devices that film"})
    other_devices = fields.Nested(
        SummaryOtherDevicesSchema,
        metadata={"description": "guards and gunshot detectors, counted apart"},
    )
    photos = fields.Integer(metadata={"description": "photos of every device"})


class SummaryCoverageSchema(Schema):
    area_km2 = fields.Float(allow_none=True)
    cameras_per_km2 = fields.Float(allow_none=True)


class SummaryCameraSchema(Schema):
    """One device on the summary's map, as its review has left it."""

    id = fields.String(metadata={"description": "the observation's uuid"})
    lon = fields.Float()
    lat = fields.Float()
    kind = fields.String(allow_none=True)
    camera_type = fields.String(allow_none=True)
    mount = fields.String(allow_none=True)
    direction = fields.List(
        fields.Integer(),
        allow_none=True,
        metadata={"description": "degrees clockwise from north, one per lens"},
    )
    zone = fields.String(allow_none=True)
    operator = fields.String(allow_none=True)
    surveyed_on = fields.String(allow_none=True)
    review_status = fields.String(metadata={"description": "pending, approved or rejected"})
    presence = fields.String(metadata={"description": "present or gone"})
    in_osm = fields.Boolean()
    possible_duplicate = fields.Boolean()


class SummaryPhotoSchema(Schema):
    sha256 = fields.String()
    observation_id = fields.String(metadata={"description": "the observation's uuid"})


def _counts(what: str):
    return fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={
            "description": f"cameras not reported gone nor rejected, by {what} "
            "(`unknown`: none given)"
        },
    )


class WalkSummarySchema(Schema):
    """A walk as its review has left it: figures, charts, the map's devices and photos."""

    walk = fields.Nested(SummaryWalkSchema)
    totals = fields.Nested(SummaryTotalsSchema)
    by_kind = _counts("kind")
    by_operator = _counts("operator")
    by_zone = _counts("zone")
    by_mount = _counts("mount")
    by_camera_type = _counts("camera type")
    coverage = fields.Nested(SummaryCoverageSchema)
    cameras = fields.List(fields.Nested(SummaryCameraSchema))
    photos = fields.List(fields.Nested(SummaryPhotoSchema))
