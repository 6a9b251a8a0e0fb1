// Log in (group slug + pseudonym + password): organisers, and walkers who set
// a password; also where a walker lands after a 401, with everything on the
// phone kept.
import { h, mount } from '../dom.js';
import { countedWork, t } from '../../i18n/index.js';
import { busy, deviceLabel, errorText, langSwitch, page } from './common.js';
import * as store from '../../db/index.js';
import { saveWorkButton } from '../sheets/logout.js';

// After a 401, what waits on this phone: it stays, and a file takes it to the
// organisers if she cannot get back in.
function unsentNotice(ctx) {
  const box = h('div', { class: 'expired-unsent' });
  // Hers, as the file below holds it.
  store
    .unsentWorkOf(ctx.session?.member?.id)
    .then((work) => {
      if (!work.cameras) return;
      const what = countedWork(work.cameras, work.photos);
      const save = saveWorkButton(ctx);
      box.append(
        h('p', { class: 'warn' }, t('expired.unsent', { what })),
        save.button,
        save.status,
      );
    })
    .catch(() => {});
  return box;
}

// The server's database never issued her token (token_unknown): restored from a
// backup made before she joined. Neither a password nor a sign-in link can
// bring back a member it does not hold; joining again as herself does, with
// the invite she joined with when the phone kept it.
function forgottenNotice(ctx, session) {
  const who = session.member.pseudonym;
  return h(
    'div',
    { class: 'forgotten' },
    h('p', { class: 'notice', role: 'status' }, t('login.unknown', { who })),
    session.invite_code
      ? h(
          'button',
          {
            class: 'btn btn-primary rejoin',
            type: 'button',
            onclick: () => ctx.go('join', { code: session.invite_code }),
          },
          t('login.rejoin', { who }),
        )
      : null,
  );
}

function field(id, label, attrs = {}) {
  const input = h('input', { id, name: id, required: true, autocapitalize: 'off', ...attrs });
  return [h('label', { for: id }, label), input];
}

// pseudonym: the one she typed on a join screen that found it taken.
export function renderLogin(ctx, { expired = false, pseudonym = '' } = {}) {
  const s = ctx.session;
  const forgotten = expired && store.forgottenByServer(s);
  const [groupLabel, group] = field('group', t('login.group'), { value: s?.group?.slug || '' });
  const [nameLabel, name] = field('login-pseudonym', t('join.pseudonym'), {
    value: pseudonym || s?.member?.pseudonym || '',
    autocomplete: 'username',
  });
  const [pwLabel, password] = field('password', t('login.password'), {
    type: 'password',
    autocomplete: 'current-password',
    required: false,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, t('login.submit'));
  const onsubmit = (e) => {
    e.preventDefault();
    error.textContent = '';
    busy(submit, async () => {
      try {
        const answer = await ctx.api.login(
          group.value.trim(),
          name.value.trim(),
          password.value,
          deviceLabel(),
        );
        await ctx.signedIn(answer);
      } catch (err) {
        error.textContent = errorText(err, { 401: 'error.login', 404: 'error.login' });
      }
    });
  };
  mount(
    ctx.root,
    page(
      ctx,
      t(forgotten ? 'login.unknownTitle' : expired ? 'login.againTitle' : 'login.title'),
      forgotten ? forgottenNotice(ctx, s) : null,
      expired && !forgotten ? h('p', { class: 'notice', role: 'status' }, t('login.again')) : null,
      // A walker who joined by invite has no password: her organiser's sign-in link
      // brings her back as herself, with what waits on this phone.
      expired && !forgotten ? h('p', { class: 'signin-hint' }, t('login.noPassword')) : null,
      expired ? unsentNotice(ctx) : null,
      h(
        'form',
        { class: 'card', onsubmit },
        groupLabel,
        group,
        nameLabel,
        name,
        pwLabel,
        password,
        error,
        submit,
      ),
      // The welcome screen takes a sign-in link (or, for someone new, an invite).
      h(
        'button',
        { class: 'btn btn-link', type: 'button', onclick: () => ctx.go('welcome') },
        expired ? t('login.invite') : t('login.back'),
      ),
      langSwitch(() => renderLogin(ctx, { expired, pseudonym })),
    ),
  );
}
