// Work another member queued on this phone (she was signed out, then someone
// joined under another pseudonym): it is never sent under the signed-in name
// (sync/aside.js ownedBy). Said on the walk list, with what to do: she signs in
// again with her organiser's sign-in link, or it is saved to a walker file in
// her name for the organiser to import.
import { h, mount } from '../dom.js';
import { countedWork, t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { othersWork } from '../../sync/aside.js';
import { buildWalkerFile, saveFile } from '../../sync/walkerfile.js';

export function othersWorkPanel(ctx) {
  const host = h('div', { class: 'others-work' });
  (async () => {
    const [outbox, photos] = await Promise.all([store.listOutbox(), store.listPhotosNotUploaded()]);
    const others = othersWork(outbox, photos, ctx.session.member.id);
    mount(host, ...others.map((work) => card(ctx, work)));
  })().catch((err) => console.error(err));
  return host;
}

function card(ctx, { owner, cameras, photos }) {
  const status = h('p', { class: 'muted', role: 'status' });
  const save = h(
    'button',
    {
      type: 'button',
      class: 'btn save-others',
      onclick: async () => {
        save.disabled = true;
        try {
          const file = await buildWalkerFile(ctx.session, new Date(), { owner });
          if (file) saveFile(file);
          status.textContent = file
            ? t('file.saved', { what: countedWork(file.cameras, file.photos) })
            : '';
        } catch (err) {
          console.error(err);
          status.textContent = t('file.failed');
        } finally {
          save.disabled = false;
        }
      },
    },
    t('others.save', { who: owner.pseudonym }),
  );
  return h(
    'section',
    { class: 'card warn others-card', role: 'status' },
    h('p', {}, t('others.waiting', { what: countedWork(cameras, photos), who: owner.pseudonym })),
    save,
    status,
  );
}
