// Opening the log form over the map: where the pin starts, which cameras are
// near it, and the draggable pin and arrow that stay in step with the form.
import * as store from '../../db/index.js';
import { nearbyCandidates } from '../../geo/nearby.js';
import { distanceM } from '../../geo/geo.js';
import { startPlacing } from './placing.js';
import { renderLogForm } from '../log/form.js';

// Editing: her photos on this phone (refused ones too), then the server's.
async function photosOf(record) {
  if (!record) return [];
  const local = await store.listPhotos(record.id);
  const localShas = new Set(local.map((p) => p.sha256));
  return [...local, ...(record.photos || []).filter((p) => !localShas.has(p.sha256))];
}

/**
 * record: edit that camera; near: the walker tapped that OSM camera.
 * s: the screen's state (position, observations, others, osmNodes); ui: the screen's view.
 */
export async function openLogForm(
  { ctx, walk, s, view, ui, onSaved, onOpenRecord },
  { record = null, near = null } = {},
) {
  const existingPhotos = await photosOf(record);
  // Her view, given back when the form closes (afterlog.js).
  const before = { center: view.map.getCenter(), zoom: view.map.getZoom() };
  let saved = null;
  const centre = before.center;
  const position = s.position || { lat: centre.lat, lon: centre.lng, accuracy_m: null };
  const start = record ? record.fields.position : position;
  // The group's cameras, this walk's and its other walks': one logged last week
  // is as much "already logged" as one logged an hour ago.
  const groupCameras = [...s.observations, ...s.others];
  const around = (p) => nearbyCandidates(p, { osmNodes: s.osmNodes, observations: groupCameras });
  let form;
  const placing = startPlacing(view.map, {
    position: start,
    direction: record && Array.isArray(record.fields.direction) ? record.fields.direction[0] : null,
    onMove: (p) => form.setPin(p),
    onDirection: (d) => form.setDirection(d),
  });
  form = renderLogForm({
    ctx,
    walk,
    record,
    position: start,
    placing,
    candidates: record
      ? []
      : near
        ? [{ type: 'osm', node: near, distance: distanceM(start, near) }]
        : around(start),
    // A tapped OSM camera stays the one she is answering about, wherever the pin goes.
    nearbyAt: record || near ? null : around,
    existingPhotos,
    observations: groupCameras,
    osmNodes: s.osmNodes,
    // An edit that changed nothing stores nothing (null): the map only goes back.
    onSaved: (stored) => {
      saved = stored ? stored.fields.position : null;
      return onSaved(stored);
    },
    onClose: ui.closeSheet,
    onOpenRecord,
    held: s.held,
  });
  ui.openSheet(form.form, {
    onBack: form.onBack,
    onClosed: () => view.afterLog({ before, saved, me: s.position, padding: ui.clearPadding() }),
  });
  view.showAbove([start.lat, start.lon], ui.sheet.offsetHeight);
}
