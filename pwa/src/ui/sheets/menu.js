// The menu: language, storage, change walk, my devices, log out (refused
// while changes wait, since logging out would strand them: sheets/logout.js).
import { h } from '../dom.js';
import { language, setLanguage, t } from '../../i18n/index.js';
import { storagePanel } from '../status/storage.js';
import { passwordForm } from './password.js';
import { logOutControls } from './logout.js';
import { myDevicesPanel } from './devices.js';

export function menuSheet(ctx, { onClose, rerender }) {
  const leave = logOutControls(ctx);
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
      leave.logout,
      leave.save,
    ),
    ...leave.notes,
    passwordForm(ctx),
    myDevicesPanel(ctx),
    storagePanel(),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: onClose }, t('menu.close')),
    ),
  );
}
