// A walker sets a password so that she can log in again (after a revoked
// token, or from another phone) with group + pseudonym + password.
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../screens/common.js';

const MIN_LENGTH = 10; // the server's rule

export function passwordForm(ctx) {
  const input = h('input', {
    id: 'new-password',
    name: 'new-password',
    type: 'password',
    autocomplete: 'new-password',
    minlength: MIN_LENGTH,
    required: true,
  });
  const status = h('p', { role: 'status' });
  const submit = h('button', { type: 'submit', class: 'btn' }, t('password.save'));
  return h(
    'form',
    {
      class: 'password-form',
      onsubmit: async (e) => {
        e.preventDefault();
        submit.disabled = true;
        try {
          await ctx.api.setPassword(input.value);
          input.value = '';
          status.textContent = t('password.saved', { group: ctx.session.group.slug });
        } catch (err) {
          status.textContent = errorText(err);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('label', { for: 'new-password' }, t('password.label')),
    h('p', { class: 'muted' }, t('password.why')),
    input,
    submit,
    status,
  );
}
