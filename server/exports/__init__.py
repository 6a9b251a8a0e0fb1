"""Every download and upload of a group's results: osmChange (`osc`), GeoJSON and CSV
(`tables`), the OSM changeset upload (`upload`) and its organised-editing checklist
(`checklist`), signed download links (`signed`), one set of routes for all of them."""
