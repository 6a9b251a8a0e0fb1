// The menu: language, storage, change walk, log out (refused while changes
// wait, since logging out would strand them).
import { h } from '../dom.js';
import { language, setLanguage, t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { storagePanel } from '../status/storage.js';
import { passwordForm } from './password.js';

export function menuSheet(ctx, { onClose, rerender }) {
  const note = h('p', { class: 'warn', role: 'alert' });
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
              note.textContent = t('menu.logoutUnsynced', { n });
              return;
            }
            try {
              await ctx.api.logOut();
            } catch {
              // Offline or already revoked: the phone forgets the token all the same,
              // and the organiser can revoke it from the device list.
            }
            await store.setSession(null);
            ctx.session = null;
            ctx.go('welcome');
          },
        },
        t('menu.logout'),
      ),
    ),
    note,
    passwordForm(ctx),
    storagePanel(),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: onClose }, t('menu.close')),
    ),
  );
}
