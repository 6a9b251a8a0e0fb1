// Logging out, for walkers (the menu) and organisers (their account tab):
// refused while changes wait, since logging out would strand them, unless
// she saved them to a file first.
import { h } from '../dom.js';
import { countedWork, t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { buildWalkerFile, saveFile } from '../../sync/walkerfile.js';

// Saving to a file is always there: a phone that never finds a network, or
// work the server refuses, must not trap what she logged.
function saveWorkButton(ctx, onSaved) {
  const status = h('p', { class: 'muted', role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn save-work',
      onclick: async () => {
        button.disabled = true;
        try {
          const file = await buildWalkerFile(ctx.session);
          if (!file) {
            status.textContent = t('file.nothing');
          } else {
            saveFile(file);
            status.textContent = t('file.saved', { what: countedWork(file.cameras, file.photos) });
            onSaved();
          }
        } catch (err) {
          console.error(err);
          status.textContent = t('file.failed');
        } finally {
          button.disabled = false;
        }
      },
    },
    t('file.save'),
  );
  return { button, status };
}

export async function logOut(ctx) {
  try {
    await ctx.api.logOut();
  } catch {
    // Offline or already revoked: the phone forgets the token all the same,
    // and the member can revoke it from her device list.
  }
  await store.setSession(null);
  ctx.session = null;
  ctx.go('welcome');
}

// {logout, save}: the two buttons; notes: what they say, placed below them.
export function logOutControls(ctx) {
  const note = h('p', { class: 'warn', role: 'alert' });
  let savedToFile = false;
  const logoutAnyway = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-warn logout-anyway',
      hidden: true,
      onclick: () => logOut(ctx),
    },
    t('file.logoutAnyway'),
  );
  const saveWork = saveWorkButton(ctx, () => {
    savedToFile = true;
    logoutAnyway.hidden = !note.textContent;
  });
  const logout = h(
    'button',
    {
      type: 'button',
      class: 'btn logout',
      onclick: async () => {
        const [outbox, photos] = await Promise.all([store.listOutbox(), store.listAllPhotos()]);
        if (outbox.length > 0) {
          // Counted as the header counts them: cameras, with their photos.
          const cameras = new Set(outbox.map((c) => c.observation_id)).size;
          const what = countedWork(cameras, photos.filter((p) => !p.uploaded).length);
          // Her work stays on this phone either way; a file makes it safe elsewhere.
          note.textContent = `${t('menu.logoutUnsynced', { what })} ${t('file.orSave')}`;
          logoutAnyway.hidden = !savedToFile;
          return;
        }
        logOut(ctx);
      },
    },
    t('menu.logout'),
  );
  return { logout, save: saveWork.button, notes: [note, saveWork.status, logoutAnyway] };
}
