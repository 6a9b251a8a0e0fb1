// Her own work still on this phone, on the walk list. The list showed another
// member's waiting work and nothing of hers: signed in again with a sign-in
// link, she landed there while her camera went and its photo waited, and the
// phone looked empty of work. Counted as the sync chip counts it
// (sync/aside.js waitingToSend), read again after each sync run. Work the
// server refused and set aside waits for her, not for a sync: it is named
// apart, with where to fix it, never as "it all goes with the next sync".
import { h } from '../dom.js';
import { t, tp } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { asideObservations, waitingToSend } from '../../sync/aside.js';
import { pendingWords } from './syncbar.js';

// What the line says of `memberId`'s queued changes and photos not uploaded:
// '' when nothing of hers waits.
export function ownWorkText(outbox, photos, memberId) {
  const aside = asideObservations(outbox, photos, memberId);
  const going = outbox.filter((c) => !aside.has(c.observation_id));
  const words = pendingWords(waitingToSend(going, memberId));
  const parts = [];
  if (words) parts.push(t('own.waiting', { what: words.title }));
  if (aside.size) parts.push(tp('own.aside', aside.size));
  return parts.join(' ');
}

export function ownWorkLine(ctx) {
  const line = h('p', { class: 'own-work notice', role: 'status', hidden: true });
  let reads = 0;
  const read = async () => {
    const mine = ++reads;
    const [outbox, photos] = await Promise.all([store.listOutbox(), store.listPhotosNotUploaded()]);
    const text = ownWorkText(outbox, photos, ctx.session.member.id);
    if (mine !== reads) return; // a later read answers instead
    line.hidden = !text;
    line.textContent = text;
  };
  const run = () => read().catch((err) => console.error(err));
  const off = ctx.onSyncState((state) => {
    if (!state.running) run();
  });
  run();
  return { line, stop: off };
}
