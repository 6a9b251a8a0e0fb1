// Why the OSM export leaves a camera out, in the organiser's words. The server
// sends each skip with a stable code and the values its sentence names
// (docs/contract.md, sync/osm/skips.py), and names each camera as the review
// card does (`cameras`: kind, type, operator, walker, day). A report stored
// before codes, or a code newer than this app, shows the server's English.
import { t, tp, tv } from '../../i18n/index.js';
import { formatDate, typed } from '../../shared/format.js';
import { cameraFields } from '../../model/observation.js';

// The camera as its review card calls it: "Camera · Dome · RTM, logged by
// mouette on 21 Nov 2026", a type only for a kind that films (cameraFields):
// "Guard · RTM", whatever type a guard holds from before; a camera the server
// could not name (another group's, or an old report's) by the start of its id.
export function cameraName(id, camera) {
  if (!camera) return t('exp.cameraId', { id: String(id ?? '?').slice(0, 8) });
  const what = [tv('kind', camera.kind)];
  if (camera.camera_type && cameraFields(camera.kind).includes('camera_type')) {
    what.push(tv('camera_type', camera.camera_type));
  }
  if (camera.operator) what.push(typed(camera.operator));
  return t('exp.camera', {
    what: what.join(' · '),
    who: camera.created_by ? typed(camera.created_by) : '—',
    date: formatDate(camera.surveyed_on || camera.created_at),
  });
}

// Why, alone: the review card is about the camera already.
export function skipWhy(skip, cameras = {}) {
  const key = `exp.skip.${skip.code}`;
  if (!skip.code || t(key) === key) return skip.reason || '—';
  return t(key, {
    node: skip.osm_node_id,
    other: cameraName(skip.other_observation, cameras[skip.other_observation]),
    fields: (skip.fields || []).join(', '),
    checked: skip.checked ? formatDate(skip.checked) : '',
    surveyed: skip.surveyed ? formatDate(skip.surveyed) : '',
    relations: relationsText(skip.relations),
  });
}

// The relations listing a node kept for an editor, by id: the ones a mapper
// opens ("55815, 55816", as the server sends them). A report stored before
// they were sent says "a relation".
function relationsText(relations) {
  const ids = String(relations ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (!ids.length) return t('exp.relations.none');
  return tp('exp.relations', ids.length, { ids: ids.join(', ') });
}

// A line of the export report or of the upload plan: which camera, and why.
export function skipLine(skip, cameras = {}) {
  return t('exp.skipped', {
    camera: cameraName(skip.observation, cameras[skip.observation]),
    why: skipWhy(skip, cameras),
  });
}
