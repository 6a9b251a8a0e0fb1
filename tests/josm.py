"""What JOSM does with an osmChange file camwalk exported, for tests that need it done behind
camwalk's back: a changeset of its own, each element of the file put in it, the file sent, the
changeset closed."""

from xml.etree.ElementTree import fromstring, tostring

from server.osm.client import OsmClient
from sync.osm.changeset import changeset_xml


def upload_like_josm(client: OsmClient, osc: bytes) -> int:
    """Sends `osc` through `client` as JOSM would; the changeset's id."""
    changeset = client.create_changeset(changeset_xml({"comment": "Cameras from camwalk"}))
    root = fromstring(osc)
    for element in root.iter("node"):
        element.set("changeset", str(changeset))
    client.upload(changeset, tostring(root))
    client.close_changeset(changeset)
    return changeset
