// The menu: language, storage, change walk, log out (refused while changes
// wait, since logging out would strand them).
import { h } from '../dom.js';
import { language, setLanguage, t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { storagePanel } from '../status/storage.js';
import { passwordForm } from './password.js';
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
            status.textContent = t('file.saved', { n: file.changes, p: file.photos });
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

export function menuSheet(ctx, { onClose, rerender }) {
  const note = h('p', { class: 'warn', role: 'alert' });
  let savedToFile = false;
  const logoutAnyway = h(
    'button',
    { type: 'button', class: 'btn btn-warn logout-anyway', hidden: true, onclick: () => logOut() },
    t('file.logoutAnyway'),
  );
  const saveWork = saveWorkButton(ctx, () => {
    savedToFile = true;
    logoutAnyway.hidden = !note.textContent;
  });
  async function logOut() {
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
  const langButton = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      lang: language() === 'fr' ? 'en' : 'fr',
      onclick: () => {
        setLanguage(language() === 'fr' ? 'en' : 'fr');
        rerender();
      },
    },
    t('lang.switch'),
  );
  return h(
    'section',
    { class: 'menu-sheet', 'aria-label': t('menu.title') },
    h('h2', {}, t('menu.title')),
    h(
      'p',
      { class: 'muted' },
      t('menu.signedIn', { who: ctx.session.member.pseudonym, group: ctx.session.group.name }),
    ),
    h(
      'div',
      { class: 'stack' },
      langButton,
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.go('walks') }, t('menu.walk')),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: async () => {
            const n = await store.countOutbox();
            if (n > 0) {
              // Her work stays on this phone either way; a file makes it safe elsewhere.
              note.textContent = `${t('menu.logoutUnsynced', { n })} ${t('file.orSave')}`;
              logoutAnyway.hidden = !savedToFile;
              return;
            }
            logOut();
          },
        },
        t('menu.logout'),
      ),
      saveWork.button,
    ),
    note,
    saveWork.status,
    logoutAnyway,
    passwordForm(ctx),
    storagePanel(),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: onClose }, t('menu.close')),
    ),
  );
}
