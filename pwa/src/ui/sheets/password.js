// A walker sets a password so that she can log in again (after a revoked
// token, or from another phone) with group + pseudonym + password. Changing a
// password that is set needs the current one: a phone's token alone (a lost
// phone) must not choose a password that outlives its sign-out.
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
  const current = h('input', {
    id: 'current-password',
    name: 'current-password',
    type: 'password',
    autocomplete: 'current-password',
  });
  const currentField = h(
    'div',
    { class: 'current-password', hidden: true },
    h('label', { for: 'current-password' }, t('password.current')),
    current,
  );
  const askCurrent = (yes) => {
    currentField.hidden = !yes;
    current.required = yes;
  };
  // Offline the server cannot say: the field then shows when it refuses without it.
  ctx.api
    .me()
    .then((me) => askCurrent(Boolean(me && me.password_set)))
    .catch(() => {});
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
          await ctx.api.setPassword(input.value, currentField.hidden ? null : current.value);
          input.value = '';
          current.value = '';
          askCurrent(true);
          status.textContent = t('password.saved', { group: ctx.session.group.slug });
        } catch (err) {
          if (err.code === 'current_password_wrong') askCurrent(true);
          status.textContent = errorText(err);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('label', { for: 'new-password' }, t('password.label')),
    h('p', { class: 'muted' }, t('password.why')),
    currentField,
    input,
    submit,
    status,
  );
}
