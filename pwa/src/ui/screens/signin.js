// /signin/<code>: an organiser's one-use sign-in link. Opening it signs this
// phone in as the member it names, with a new device token: her pseudonym, and
// her unsent work, which then goes to the server as hers (sync/aside.js ownedBy).
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { busy, deviceLabel, errorText, langSwitch, page } from './common.js';

export async function renderSignIn(ctx, { code }) {
  const error = h('p', { class: 'error', role: 'alert' });
  const retry = h('button', { class: 'btn btn-primary signin-go', type: 'button' }, t('signin.go'));
  const attempt = () =>
    busy(retry, async () => {
      error.textContent = '';
      try {
        await ctx.signedIn(await ctx.api.signIn(code, deviceLabel()));
      } catch (err) {
        // Offline the link is not spent: she tries again once connected.
        error.textContent = err.status === 0 ? t('signin.offline') : errorText(err);
      }
    });
  retry.onclick = attempt;
  const draw = () =>
    mount(
      ctx.root,
      page(
        ctx,
        t('signin.title'),
        h('p', {}, t('signin.intro')),
        error,
        retry,
        h(
          'button',
          { class: 'btn btn-link', type: 'button', onclick: () => ctx.go('welcome') },
          t('login.back'),
        ),
        langSwitch(draw),
      ),
    );
  draw();
  await attempt();
}
