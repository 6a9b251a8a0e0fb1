// An organiser's correction goes through the same outbox as a walker's edit:
// it survives a lost connection, and the server merges it field by field like
// any other change (so a walker's concurrent edit becomes a conflict, not a loss).
import * as store from '../../db/index.js';
import { editCamera } from '../../sync/journal.js';
import { t } from '../../i18n/index.js';
import { toast } from '../dom.js';

export async function saveEdit(ctx, observationId, changes) {
  const record = await store.getObservation(observationId);
  if (!record) {
    toast(t('rev.notLocal'), { kind: 'error' });
    ctx.scheduler.request('open');
    return false;
  }
  await editCamera({ record, after: { ...record.fields, ...changes } });
  ctx.scheduler.request('edit');
  return true;
}
