"""OpenStreetMap format logic for camwalk: pure, standard library only.

The modules turn surveyed observations into OSM tags (`tags`, `direction`), decide what to do
with each one (`matching`, `plan`, `reapply`), write osmChange files (`osmchange`) and read what
OSM sends back (`parse`, `changeset`). Nothing here opens a socket, a database or a file by
name: callers hand in iterables and binary file objects, so the server can stream rows through.
The rules come from ../shared/docs/osm.md; field names from docs/contract.md.
"""

# The generator / created_by value. Callers may pass their own; this one matches setup.cfg.
CAMWALK_GENERATOR = "camwalk 0.1"
