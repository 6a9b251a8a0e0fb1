"""GeoJSON and CSV exports of observations, for uMap, QGIS and spreadsheets."""
