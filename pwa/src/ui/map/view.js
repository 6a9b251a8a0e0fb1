// The Leaflet map of a walk: basemap from the server config, the walker's
// position, the walk's cameras with their cones, the group's cameras of its
// other walks and the OSM cameras in their own styles. Everything is drawn
// with vectors, divIcons and a canvas, so the map stays usable (on a plain
// background) when no tile is cached.
import L from 'leaflet';
import { conePolygon } from '../../geo/geo.js';
import { readOsmDirection } from '../../geo/osmValues.js';
import { addBasemap, addZoom, dotIcon, measuredAgain, walkBounds } from '../../shared/map.js';
import { CameraDots } from '../../shared/dots.js';
import { MARKERS_AT_MOST, colourByClass, markedCameras } from '../../shared/drawn.js';
import { TAP_REACH_PX, cssBackground, viewOf } from '../../shared/cameras.js';
import { createBasemapLayer, prepareBasemap } from '../../shared/basemap.js';
import { mainDirection } from '../../model/observation.js';
import { tv } from '../../i18n/index.js';
import { cameraName, osmMarker } from './names.js';
import { STACK_SHARE, stackedAt } from './stack.js';
import { viewAfterLog } from './afterlog.js';

const FALLBACK_VIEW = { center: [43.2965, 5.3698], zoom: 16 }; // Marseille, until a fix
// Below this zoom a neighbourhood is on screen: the other walks' cameras would
// cover it, and drawing a city's worth of them stalls a phone.
const EARLIER_MIN_ZOOM = 15;

// The dot's width when it cannot be measured (hidden map): 1.4rem and its border.
const DOT_PX = 28;

// On the map's element while a control waits for a tap on the map itself: a
// tap on a camera's dot then opens nothing.
export const PICKING_ON_MAP = 'picking-on-map';

/**
 * onObservationTap(record) and onOsmTap(node): a tap (or Enter, Space) on a lone
 * marker; onStackTap([{ type: 'observation' | 'osm', item }]): on a marker with
 * others on its spot (stack.js): the tapped one first, then the nearest.
 */
export function createMapView(
  el,
  { config, walk, onObservationTap, onOsmTap, onStackTap, onBasemap },
) {
  const map = L.map(el, { zoomControl: false, attributionControl: true, tap: true });
  addZoom(map, 'bottomleft');
  measuredAgain(map);
  // With the walk map drawn, a missing tile leaves no blank: no warning then.
  let walkMap = null;
  let tilesWhole = true;
  const tellBasemap = () => onBasemap && onBasemap(tilesWhole || Boolean(walkMap));
  addBasemap(
    map,
    config,
    (ok) => {
      tilesWhole = ok;
      tellBasemap();
    },
    { ownTilesOnly: Boolean(walk && walk.own_tiles_only) },
  );
  const bounds = walkBounds(walk);
  if (bounds) map.fitBounds(bounds, { maxZoom: 18 });
  else map.setView(FALLBACK_VIEW.center, FALLBACK_VIEW.zoom);
  if (walk && walk.area) {
    L.geoJSON(walk.area, { interactive: false, style: { className: 'walk-area' } }).addTo(map);
  }
  const osmLayer = L.layerGroup().addTo(map);
  const earlierLayer = L.layerGroup().addTo(map);
  const obsLayer = L.layerGroup().addTo(map);
  const posLayer = L.layerGroup().addTo(map);
  let firstFix = true;
  let lastPosition = null;

  function setPosition(pos) {
    lastPosition = pos;
    posLayer.clearLayers();
    const ll = [pos.lat, pos.lon];
    L.circle(ll, { radius: pos.accuracy_m || 0, className: 'accuracy', interactive: false }).addTo(
      posLayer,
    );
    L.circleMarker(ll, { radius: 8, className: 'me', interactive: false }).addTo(posLayer);
    // Street level on the walker when she is on the walk (or there is no
    // area); someone planning from home keeps the whole walk in view.
    if (firstFix) {
      firstFix = false;
      if (!bounds || bounds.pad(0.5).contains(ll)) map.setView(ll, 18, { animate: false });
    }
  }

  const kept = [];
  const keep = (layer, type, onTap) => {
    const draw = keptMarkers(layer, (entry) => tapped(entry, type, onTap));
    kept.push({ type, drawn: draw.drawn });
    return draw;
  };
  const openObservation = (rec) => onObservationTap?.(rec);
  const openOsm = (node) => onOsmTap?.(node);
  const observationMarkers = keep(obsLayer, 'observation', openObservation);
  const osmMarkers = keep(osmLayer, 'osm', openOsm);
  const earlierMarkers = keep(earlierLayer, 'observation', openObservation);

  // Every drawn camera on the tapped marker's spot of the screen, the tapped one first.
  function tapped(entry, type, onTap) {
    const at = map.latLngToLayerPoint(entry.marker.getLatLng());
    const points = kept.flatMap(({ type: layerType, drawn }) =>
      [...drawn.values()].map((e) => ({
        ...map.latLngToLayerPoint(e.marker.getLatLng()),
        first: e === entry,
        type: layerType,
        item: e.item,
      })),
    );
    const dot = entry.marker.getElement()?.firstElementChild?.offsetWidth || DOT_PX;
    const here = stackedAt(points, at, dot).sort((a, b) => b.first - a.first);
    if (here.length > 1 && onStackTap) onStackTap(here.map(({ type, item }) => ({ type, item })));
    else onTap(entry.item);
  }

  // `earlier`: the group's cameras of its other walks, in their own lighter
  // style. Each item's `look` (its title, its cones) is asked only when it is
  // drawn as a marker: a walk of 20,000 cameras is drawn again at each step of
  // a sync, and naming every camera took about half of that (a CPU profile of
  // bench/pwa_sync_redraw.py's sync, docs/capacity.md).
  function cameraItems(records, stateOf, earlier = false) {
    const items = [];
    for (const rec of records) {
      const p = rec.fields.position;
      if (!p) continue;
      const state = stateOf(rec);
      const gone = rec.fields.presence === 'gone' ? ' gone' : '';
      const dup = (rec.server?.duplicate_hints || []).length ? ' dup' : '';
      items.push({
        id: rec.id,
        item: rec,
        lat: p.lat,
        lon: p.lon,
        dot: `${earlier ? 'earlier-dot' : 'obs-dot'} state-${state}${gone}${dup}`,
        look: () => {
          const dir = mainDirection(rec.fields);
          return {
            // Read out by screen readers and shown on long press.
            title: cameraName(rec.fields, state, { earlier }),
            options: { alt: tv('kind', rec.fields.kind), riseOnHover: true },
            coneKey: dir === null ? null : `${p.lat} ${p.lon} ${dir} ${state}`,
            cones: () => [
              [conePolygon(p, dir), `cone ${earlier ? 'cone-earlier' : `cone-${state}`}`],
            ],
          };
        },
      });
    }
    return items;
  }

  // The walk's own cameras and its OSM cameras by the rule of shared/drawn.js:
  // each a dot on one canvas, and a marker with its cones when it is around
  // the view and they are few enough there to be told apart. A walk of a whole
  // district as markers only took a phone (4x slowdown) 2.8 s to open at 5,000
  // cameras and 38 s at 20,000, and seconds again at each sync
  // (docs/capacity.md). Up to MARKERS_AT_MOST cameras are drawn whole as
  // markers, as they always were, with no dots beneath: nothing redrawn as she
  // walks, no colour read.
  const colourOf = colourByClass(cssBackground(map.getPane('markerPane')));
  const dotted = [];
  function byTheRule(markers, type, onTap) {
    const layer = { type, onTap, dots: new CameraDots([], []).addTo(map), items: [] };
    dotted.push(layer);
    const draw = () => {
      const { items } = layer;
      if (items.length <= MARKERS_AT_MOST) return markers(items);
      return markers(markedCameras(items, viewOf(map)).map((i) => items[i]));
    };
    map.on('moveend', () => layer.items.length > MARKERS_AT_MOST && draw());
    return (items) => {
      layer.items = items;
      const shown = items.length > MARKERS_AT_MOST ? items : [];
      layer.dots.setPoints(
        shown,
        shown.map(({ dot, dotColour = dot }) => colourOf(dotColour)),
      );
      draw();
    };
  }
  // The OSM cameras' canvas first, under the walk's own.
  const showOsmCameras = byTheRule(osmMarkers, 'osm', openOsm);
  const showOwnCameras = byTheRule(observationMarkers, 'observation', openObservation);

  function showObservations(records, stateOf) {
    showOwnCameras(cameraItems(records, stateOf));
  }

  // A tap on a dot drawn without its marker (markers take their own taps):
  // the nearest camera, or the chooser when others share its spot, as on a
  // marker. Not while the route control waits for a tap on the map (coverage.js).
  map.on('click', ({ latlng }) => {
    if (map.getContainer().classList.contains(PICKING_ON_MAP)) return;
    const dotPx = 2 * CameraDots.prototype.options.radiusPx;
    const reach = TAP_REACH_PX + dotPx * STACK_SHARE; // a spot's cameras round the nearest
    const near = dotted.flatMap(({ type, onTap, dots, items }) =>
      dots.near(latlng, reach).map((i) => ({
        ...map.latLngToLayerPoint([items[i].lat, items[i].lon]),
        type,
        item: items[i].item,
        onTap,
      })),
    );
    const tap = map.latLngToLayerPoint(latlng);
    const away = (p) => Math.hypot(p.x - tap.x, p.y - tap.y);
    const nearest = near.reduce((best, p) => (best && away(best) <= away(p) ? best : p), null);
    if (!nearest || away(nearest) > TAP_REACH_PX) return;
    const here = [nearest, ...stackedAt(near, nearest, dotPx).filter((p) => p !== nearest)];
    if (here.length > 1 && onStackTap) onStackTap(here.map(({ type, item }) => ({ type, item })));
    else nearest.onTap(nearest.item);
  });

  // A group's other walks may hold thousands of cameras: only those around the
  // part of the map on screen are drawn, again after each move, none when
  // zoomed out past the streets, and none either when more than
  // MARKERS_AT_MOST are there (a city centre at zoom 15: shared/drawn.js).
  let earlier = { records: [], stateOf: null };
  function drawEarlier() {
    const { records, stateOf } = earlier;
    if (!stateOf || map.getZoom() < EARLIER_MIN_ZOOM) return earlierMarkers([]);
    const placed = records.filter((rec) => rec.fields.position);
    const near = markedCameras(
      placed.map((rec) => rec.fields.position),
      viewOf(map),
    );
    earlierMarkers(
      cameraItems(
        near.map((i) => placed[i]),
        stateOf,
        true,
      ),
    );
  }
  map.on('moveend', drawEarlier);

  function showEarlier(records, stateOf) {
    earlier = { records, stateOf };
    drawEarlier();
  }

  function showOsm(nodes) {
    showOsmCameras(
      nodes.map((node) => {
        const direction = node.tags && (node.tags['camera:direction'] ?? node.tags.direction);
        const marker = osmMarker(node);
        return {
          id: node.id,
          item: node,
          lat: node.lat,
          lon: node.lon,
          dot: marker.dot,
          // Its dot on the canvas: an out-of-use camera's hollow white marker
          // has no colour a dot could take.
          dotColour: 'osm-dot',
          look: () => ({
            title: marker.name,
            options: {},
            coneKey: `${node.lat} ${node.lon} ${direction}`,
            cones: () =>
              (readOsmDirection(direction) ?? []).map((dir) => [
                conePolygon(node, dir),
                'cone cone-osm',
              ]),
          }),
        };
      }),
    );
  }

  // The walk's own map (shared/basemap.js) under everything else; null removes it.
  function showWalkMap(doc) {
    if (walkMap) walkMap.remove();
    walkMap = null;
    if (doc) {
      try {
        walkMap = createBasemapLayer(L, prepareBasemap(doc)).addTo(map);
      } catch {
        // A format this version cannot read: tiles (if any) still show.
      }
    }
    tellBasemap();
  }

  // Puts a point in the middle of the strip of map left above a bottom sheet.
  function showAbove(latlng, coveredPx) {
    const size = map.getSize();
    const visibleMiddle = Math.max(40, (size.y - coveredPx) / 2);
    map.setView(latlng, Math.max(map.getZoom(), 19), { animate: false });
    map.panBy([0, size.y / 2 - visibleMiddle], { animate: false });
  }

  // Reads the screen started before it was left (a sync's redraw, the OSM cameras) may
  // answer after the map is removed: Leaflet then throws on its removed panes
  // ("reading '_leaflet_pos'", when a 401 sent the walker to the login screen).
  let removed = false;
  const whileShown =
    (fn) =>
    (...args) =>
      removed ? undefined : fn(...args);
  return {
    map,
    showAbove: whileShown(showAbove),
    afterLog: whileShown((opts) => viewAfterLog(map, opts)),
    setPosition: whileShown(setPosition),
    showObservations: whileShown(showObservations),
    showEarlier: whileShown(showEarlier),
    showOsm: whileShown(showOsm),
    showWalkMap: whileShown(showWalkMap),
    centre: whileShown(
      () =>
        lastPosition &&
        map.setView([lastPosition.lat, lastPosition.lon], Math.max(map.getZoom(), 18)),
    ),
    destroy: () => {
      removed = true;
      map.remove();
    },
  };
}

// Markers kept by id from one redraw to the next, on `layer`; a tap hands
// `onTap` its entry, which holds the item of the latest redraw (and the
// marker, for the stack finder). A sync redraws the walker's cameras
// at each of its steps (every photo sent), and the OSM cameras are drawn from
// the phone's copy, then again when the server's answer comes. Rebuilt each
// time, a marker could leave the page while the walker tapped it (a phone
// test's tap then opened nothing), and a walk of a thousand cameras was
// rebuilt whole several times a photo. A marker now stays and changes only
// what changed: its position, its dot (setIcon reuses a divIcon's element),
// its title and its cones (drawn again when `coneKey` changes). An item is
// { id, item, lat, lon, dot, look }, and look() → { title, options, coneKey,
// cones }, asked of the items drawn here only.
function keptMarkers(layer, onTap) {
  const drawn = new Map();
  function draw(items) {
    const shown = new Set();
    for (const { id, item, lat, lon, dot, look } of items) {
      const { title, options, coneKey, cones } = look();
      shown.add(id);
      let entry = drawn.get(id);
      if (!entry) {
        const marker = L.marker([lat, lon], {
          ...options,
          icon: dotIcon(dot),
          title,
          keyboard: true,
        });
        entry = { marker, dot, cones: [], coneKey: null };
        marker.on('click', () => onTap(entry));
        // Leaflet 1.9 makes a marker a focusable button but opens nothing on
        // Enter or Space: a keyboard or switch user could reach no camera.
        marker.on('keydown', ({ originalEvent: e }) => {
          if ((e.key !== 'Enter' && e.key !== ' ') || e.repeat) return;
          e.preventDefault(); // Space would scroll the page
          onTap(entry);
        });
        marker.addTo(layer);
        drawn.set(id, entry);
      }
      const { marker } = entry;
      const at = marker.getLatLng();
      if (at.lat !== lat || at.lng !== lon) marker.setLatLng([lat, lon]);
      if (entry.dot !== dot) marker.setIcon(dotIcon(dot));
      if (marker.options.title !== title) {
        marker.options.title = title;
        marker.getElement().title = title;
      }
      Object.assign(entry, { item, dot });
      if (entry.coneKey !== coneKey) {
        for (const cone of entry.cones) layer.removeLayer(cone);
        entry.cones =
          coneKey === null
            ? []
            : cones().map(([points, className]) =>
                L.polygon(points, { className, interactive: false }).addTo(layer),
              );
        entry.coneKey = coneKey;
      }
    }
    for (const [id, entry] of drawn) {
      if (shown.has(id)) continue;
      layer.removeLayer(entry.marker);
      for (const cone of entry.cones) layer.removeLayer(cone);
      drawn.delete(id);
    }
  }
  draw.drawn = drawn; // what the stack finder looks through
  return draw;
}
