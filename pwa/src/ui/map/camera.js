// A camera tapped on the map: its sheet, and what the walker may do from it
// (edit, drop what the server refused, delete her own camera). Nothing, on a
// camera holding work another member queued on this phone: it is hers until
// it goes (db/index.js recordChanges refuses it too).
import { toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { observationSheet } from '../sheets/observation.js';
import { deleteCamera, dropAside, markCameraGone } from '../../sync/journal.js';
import { othersWork } from '../../sync/aside.js';
import { storedNow } from './fresh.js';

// Runs one of her actions; a failure leaves everything as it was and says so
// (a full phone, so: trying again as it is would fail again).
async function act(fn, failed) {
  try {
    await fn();
    return true;
  } catch (err) {
    toast(t(store.storageFull(err) ? 'storage.full' : failed), { kind: 'error' });
    return false;
  }
}

// The walk a camera of the group's other walks was logged on; null for this one.
async function otherWalkName(record, walk) {
  if (record.walk_id === walk.id) return null;
  const other = await store.getWalk(record.walk_id);
  return other ? other.name : '—';
}

/**
 * drawn: the camera as the map drew it; the sheet shows it as stored now (fresh.js).
 * walk: the walk on screen; ui: the screen view (openSheet/closeSheet);
 * stateOf and sending: the screen's badges; onEdit(record); stored(): redraw
 * and sync soon; osmNodeOf(id): the phone's copy of an OSM camera, if any.
 */
export async function openCameraSheet(opts, drawn) {
  const { ctx, walk, ui, stateOf, sending, onEdit, stored, osmNodeOf } = opts;
  const [record, photos, queued, otherWalk] = await Promise.all([
    storedNow(drawn, store.getObservation),
    store.listPhotos(drawn.id),
    store.listOutboxFor(drawn.id),
    otherWalkName(drawn, walk),
  ]);
  // Deleted or merged away since the map was drawn: nothing left to open.
  if (!record) return;
  const reopen = (rec) => openCameraSheet(opts, rec);
  const heldBy = othersWork(queued, photos, ctx.session.member.id).map((w) => w.owner.pseudonym);
  const actions = {
    onEdit: () => onEdit(record),
    onDropAside: async (what) => {
      if (!(await act(() => dropAside({ record, ...what }), 'log.notSaved'))) return;
      toast(t('aside.dropped'));
      await stored();
      const fresh = await store.getObservation(record.id);
      if (fresh && !fresh.deleted) reopen(fresh);
      else ui.closeSheet();
    },
    onGone: async () => {
      if (!(await act(() => markCameraGone({ record }), 'log.notSaved'))) return;
      toast(t('obs.markedGone'));
      await stored();
      const fresh = await store.getObservation(record.id);
      if (fresh) reopen(fresh);
    },
    onDelete: async (rec) => {
      if (!(await act(() => deleteCamera({ record: rec }), 'obs.deleteFailed'))) return;
      ui.closeSheet();
      toast(t('obs.deleted'));
      await stored();
    },
  };
  ui.openSheet(
    observationSheet(record, {
      state: stateOf(record),
      photos,
      queued,
      sendingPhotos: sending('sendingPhotos'),
      // Photos not on this phone: the server's thumbnails (ui/serverphoto.js).
      loadThumb: ctx.api.photoThumb,
      onClose: ui.closeSheet,
      otherWalk,
      heldBy,
      osmNode: osmNodeOf ? osmNodeOf(record.fields.osm_node_id) : null,
      // Her own camera: logged on this phone and not yet sent, or sent under her
      // name; not one whose unsent work is another member's.
      mine:
        heldBy.length === 0 &&
        (!record.server || record.created_by === ctx.session.member.pseudonym),
      // Another member's work waits on it: the sheet shows it, and offers nothing.
      ...(heldBy.length ? {} : actions),
    }),
  );
}
