// First screen without a session: paste an invite link, or log in with a
// password (an organiser, or a walker who set one).
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { inviteFromText, signInFromText } from '../route.js';
import { langSwitch, page } from './common.js';

export function renderWelcome(ctx) {
  const input = h('input', {
    id: 'invite',
    name: 'invite',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'off',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: (e) => {
        e.preventDefault();
        // An organiser's sign-in link pasted here signs her back in as herself.
        const signIn = signInFromText(input.value);
        if (signIn) {
          ctx.go('signin', { code: signIn });
          return;
        }
        const code = inviteFromText(input.value);
        if (!code) {
          error.textContent = t('error.invite');
          return;
        }
        ctx.go('join', { code });
      },
    },
    h('p', {}, t('welcome.invite')),
    h('label', { for: 'invite' }, t('welcome.code')),
    input,
    error,
    h('button', { class: 'btn btn-primary', type: 'submit' }, t('welcome.continue')),
  );
  mount(
    ctx.root,
    page(
      ctx,
      t('welcome.title'),
      h('p', { class: 'lead' }, t('app.tagline')),
      form,
      h('p', { class: 'muted' }, t('welcome.loginHint')),
      h(
        'button',
        { class: 'btn welcome-login', type: 'button', onclick: () => ctx.go('login') },
        t('welcome.organiser'),
      ),
      langSwitch(() => renderWelcome(ctx)),
    ),
  );
}
