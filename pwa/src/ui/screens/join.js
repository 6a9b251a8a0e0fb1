// /join/<code>: pick a pseudonym and join the group. The page first asks the
// server what the invite gives (group name, role), so a first organiser reads
// that this link makes her the group's organiser, not "join the group".
import { h, mount } from '../dom.js';
import { countedWork, t } from '../../i18n/index.js';
import { busy, deviceLabel, errorText, langSwitch, page } from './common.js';
import * as store from '../../db/index.js';
import { othersWork } from '../../sync/aside.js';

// The invite and the pseudonym are the only fields here: name the one that failed.
function joinFailure(err) {
  if (err.code === 'invalid_input' && err.errors && err.errors.invite_code) {
    return errorText({ ...err, code: 'invite_invalid' });
  }
  // Taken may mean hers, after a log-out: say how she comes back as herself.
  return errorText(err, {
    invalid_input: 'join.pseudonymInvalid',
    pseudonym_taken: 'join.pseudonymTaken',
  });
}

function title(invite) {
  if (!invite) return t('join.title');
  return t(invite.role === 'organiser' ? 'join.titleOrganiser' : 'join.titleGroup', {
    group: invite.group_name,
  });
}

export async function renderJoin(ctx, { code, invite = undefined }) {
  let preview = invite;
  let refused = null;
  if (preview === undefined) {
    try {
      preview = await ctx.api.invitePreview(code);
    } catch (err) {
      // Offline, the page still works: the join itself will say what is wrong.
      preview = null;
      if (err.status !== 0) refused = err;
    }
  }
  // Back after the server forgot her (a restore): her pseudonym again, which is
  // what gives her her work here back (ui/app.js joinedAgainAsHerself).
  const forgotten = forgottenIn(ctx.session, code, preview);
  const stranded = forgotten ? null : await strandedWork();
  const pseudonym = h('input', {
    id: 'pseudonym',
    name: 'pseudonym',
    value: forgotten ? forgotten.member.pseudonym : '',
    required: true,
    maxlength: 40,
    autocomplete: 'nickname',
    autocapitalize: 'off',
  });
  const error = h('p', { class: 'error', role: 'alert' }, refused ? errorText(refused) : '');
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, t('join.submit'));
  const login = h(
    'button',
    {
      class: 'btn join-login',
      type: 'button',
      hidden: true,
      onclick: () => ctx.go('login', { pseudonym: pseudonym.value.trim() }),
    },
    t('join.login'),
  );
  const onsubmit = (e) => {
    e.preventDefault();
    error.textContent = '';
    login.hidden = true;
    const name = pseudonym.value.trim();
    // Spaces alone pass the browser's `required` check; the server would refuse them anyway.
    if (!name) {
      error.textContent = t('join.pseudonymMissing');
      pseudonym.focus();
      return;
    }
    busy(submit, async () => {
      try {
        // Kept before sending: if the answer is lost, the next tap is the same join.
        const key = await store.joinKey(code);
        const answer = await ctx.api.join(code, name, deviceLabel(), key);
        await store.forgetJoinKey();
        await ctx.signedIn(answer, { invite_code: code });
      } catch (err) {
        error.textContent = joinFailure(err);
        login.hidden = err.code !== 'pseudonym_taken';
      }
    });
  };
  mount(
    ctx.root,
    page(
      ctx,
      title(preview),
      h(
        'form',
        { class: 'card', onsubmit },
        preview && preview.role === 'organiser'
          ? h('p', { class: 'notice' }, t('join.asOrganiser', { group: preview.group_name }))
          : null,
        h('p', {}, t('join.intro')),
        stranded
          ? h(
              'p',
              { class: 'warn join-stranded', role: 'alert' },
              t('join.stranded', {
                what: countedWork(stranded.cameras, stranded.photos),
                who: stranded.owner.pseudonym,
              }),
            )
          : null,
        h('label', { for: 'pseudonym' }, t('join.pseudonym')),
        pseudonym,
        h('p', { class: 'muted' }, t('join.code', { code })),
        error,
        login,
        submit,
      ),
      langSwitch(() => renderJoin(ctx, { code, invite: preview })),
    ),
  );
  pseudonym.focus();
}

// The session the server forgot (token_unknown), when this invite is to its
// group: the one it joined with, or one naming the same group.
function forgottenIn(session, code, preview) {
  if (!store.forgottenByServer(session)) return null;
  const sameGroup = preview && preview.group_name === session.group.name;
  return session.invite_code === code || sameGroup ? session : null;
}

// Work a signed-out member left queued on this phone: joining makes a new
// member, and that work will not go under her new name (sync/aside.js ownedBy).
async function strandedWork() {
  try {
    const [outbox, photos] = await Promise.all([store.listOutbox(), store.listPhotosNotUploaded()]);
    const [first] = othersWork(outbox, photos, -1).filter((w) => w.changes > 0);
    return first || null;
  } catch {
    return null;
  }
}
