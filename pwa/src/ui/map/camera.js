// A camera tapped on the map: its sheet, and what the walker may do from it
// (edit, drop what the server refused, delete her own camera).
import { toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { observationSheet } from '../sheets/observation.js';
import { deleteCamera, dropAside, markCameraGone } from '../../sync/journal.js';

// Runs one of her actions; a failure leaves everything as it was and says so.
async function act(fn, failed) {
  try {
    await fn();
    return true;
  } catch {
    toast(t(failed), { kind: 'error' });
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
 * walk: the walk on screen; ui: the screen view (openSheet/closeSheet);
 * stateOf and sending: the screen's badges; onEdit(record); stored(): redraw
 * and sync soon.
 */
export async function openCameraSheet(opts, record) {
  const { ctx, walk, ui, stateOf, sending, onEdit, stored } = opts;
  const [photos, queued, otherWalk] = await Promise.all([
    store.listPhotos(record.id),
    store.listOutboxFor(record.id),
    otherWalkName(record, walk),
  ]);
  const reopen = (rec) => openCameraSheet(opts, rec);
  ui.openSheet(
    observationSheet(record, {
      state: stateOf(record),
      photos,
      queued,
      sendingPhotos: sending('sendingPhotos'),
      // Photos not on this phone: the server's thumbnails (ui/serverphoto.js).
      loadThumb: ctx.api.photoThumb,
      onClose: ui.closeSheet,
      onEdit: () => onEdit(record),
      otherWalk,
      // Her own camera: logged on this phone and not yet sent, or sent under her name.
      mine: !record.server || record.created_by === ctx.session.member.pseudonym,
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
    }),
  );
}
