// Logging out, for walkers (the menu) and organisers (their account tab):
// refused while changes wait, since logging out would strand them, unless
// she saved them to a file first; and, without a password, said first to be
// the end of this pseudonym on this phone unless a sign-in link brings it back.
import { h } from '../dom.js';
import { countedWork, t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { buildWalkerFile, saveFile } from '../../sync/walkerfile.js';

// Saving to a file is always there: a phone that never finds a network, or
// work the server refuses, must not trap what she logged.
export function saveWorkButton(ctx, onSaved = () => {}) {
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

// How long a tap on Log out waits to learn whether she has a password (a
// weak link must not make the button look dead); not knowing, it warns.
const PASSWORD_ASK_MS = 3000;

async function passwordKnownSet(ctx) {
  const asked = ctx.api.me().then(
    (me) => Boolean(me && me.password_set),
    () => false,
  );
  const late = new Promise((resolve) => setTimeout(() => resolve(false), PASSWORD_ASK_MS));
  return Promise.race([asked, late]);
}

// {logout, save}: the two buttons; notes: what they say, placed below them.
export function logOutControls(ctx) {
  const note = h('p', { class: 'warn', role: 'alert' });
  // Without a password, logging out gives up the pseudonym on this phone: the
  // invite link then says it is taken. She reads so before, and confirms.
  const noPassword = h('p', { class: 'warn logout-no-password', role: 'alert', hidden: true });
  const confirm = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-warn logout-confirm',
      hidden: true,
      onclick: () => logOut(ctx),
    },
    t('logout.confirm'),
  );
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
        // Counted as the header counts them: her cameras, with their photos.
        // Another member's work stays on the phone whoever logs out.
        const work = await store.unsentWorkOf(ctx.session.member.id);
        if (work.cameras > 0) {
          const what = countedWork(work.cameras, work.photos);
          // Her work stays on this phone either way; a file makes it safe elsewhere.
          note.textContent = `${t('menu.logoutUnsynced', { what })} ${t('file.orSave')}`;
          logoutAnyway.hidden = !savedToFile;
          return;
        }
        if (!(await passwordKnownSet(ctx))) {
          noPassword.textContent = t('logout.noPassword', { who: ctx.session.member.pseudonym });
          noPassword.hidden = false;
          confirm.hidden = false;
          // Right under the button she tapped: the notes below the menu's
          // buttons are out of sight on a small phone.
          logout.after(noPassword, confirm);
          confirm.scrollIntoView({ block: 'center' });
          return;
        }
        logOut(ctx);
      },
    },
    t('menu.logout'),
  );
  return {
    logout,
    save: saveWork.button,
    notes: [note, saveWork.status, logoutAnyway],
  };
}
