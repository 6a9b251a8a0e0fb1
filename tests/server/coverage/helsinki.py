"""Helsinki's real streets and buildings (tests/osm_extract.py) as a walk map's features.

The extract is written out as OSM XML (what the API's `map` call answers) and read by the walk
map's own rules (sync/basemap.py), so coverage is tested on exactly the features a walk holds.
"""

from functools import cache
from pathlib import Path

from sync.basemap import features_from_osm_xml
from tests.osm_extract import ExtractUnavailable, extract_dir, fetch_pbf


@cache
def features() -> tuple[dict, ...]:
    try:
        import osmium
    except ImportError as error:
        raise ExtractUnavailable("pyosmium (PyPI `osmium`) is not installed") from error
    pbf = fetch_pbf()
    xml = Path(extract_dir()) / "Helsinki-map.osm"
    if not xml.exists():
        partial = xml.with_suffix(".part.osm")
        partial.unlink(missing_ok=True)
        writer = osmium.SimpleWriter(str(partial))
        try:
            for kind in (osmium.osm.NODE, osmium.osm.WAY, osmium.osm.RELATION):
                for element in osmium.FileProcessor(str(pbf), kind):
                    writer.add(element)
        finally:
            writer.close()
        partial.replace(xml)
    with xml.open("rb") as source:
        return tuple(features_from_osm_xml(source))
