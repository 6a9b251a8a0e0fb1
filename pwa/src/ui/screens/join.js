// /join/<code>: pick a pseudonym and join the group.
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { busy, deviceLabel, errorText, langSwitch, page } from './common.js';

export function renderJoin(ctx, { code }) {
  const pseudonym = h('input', {
    id: 'pseudonym',
    name: 'pseudonym',
    required: true,
    maxlength: 40,
    autocomplete: 'nickname',
    autocapitalize: 'off',
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, t('join.submit'));
  const onsubmit = (e) => {
    e.preventDefault();
    error.textContent = '';
    busy(submit, async () => {
      try {
        const answer = await ctx.api.join(code, pseudonym.value.trim(), deviceLabel());
        await ctx.signedIn(answer);
      } catch (err) {
        error.textContent = errorText(err, {
          404: 'error.invite',
          409: 'error.pseudonym',
          403: 'error.invite',
        });
      }
    });
  };
  mount(
    ctx.root,
    page(
      ctx,
      t('join.title'),
      h(
        'form',
        { class: 'card', onsubmit },
        h('p', {}, t('join.intro')),
        h('label', { for: 'pseudonym' }, t('join.pseudonym')),
        pseudonym,
        h('p', { class: 'muted' }, t('join.code', { code })),
        error,
        submit,
      ),
      langSwitch(() => renderJoin(ctx, { code })),
    ),
  );
  pseudonym.focus();
}
