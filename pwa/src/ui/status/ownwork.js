// Her own work still on this phone, on the walk list. The list showed another
// member's waiting work and nothing of hers: signed in again with a sign-in
// link, she landed there while her camera went and its photo waited, and the
// phone looked empty of work. Counted as the sync chip counts it
// (sync/aside.js waitingToSend), read again after each sync run.
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { waitingToSend } from '../../sync/aside.js';
import { pendingWords } from './syncbar.js';

export function ownWorkLine(ctx) {
  const line = h('p', { class: 'own-work notice', role: 'status', hidden: true });
  let reads = 0;
  const read = async () => {
    const mine = ++reads;
    const words = pendingWords(waitingToSend(await store.listOutbox(), ctx.session.member.id));
    if (mine !== reads) return; // a later read answers instead
    line.hidden = !words;
    line.textContent = words ? t('own.waiting', { what: words.title }) : '';
  };
  const run = () => read().catch((err) => console.error(err));
  const off = ctx.onSyncState((state) => {
    if (!state.running) run();
  });
  run();
  return { line, stop: off };
}
