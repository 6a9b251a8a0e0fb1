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
