// The Members tab's controller: make an invite link (role, expiry, number of
// uses), show it as a QR code to print or to scan from another phone, revoke
// it; list the members, open one's devices to sign a lost phone out, and
// remove one (their cameras stay, their phones stop syncing; the invite she
// joined with may be revoked too); import the file a walker saved her unsent
// work to. Removal asks twice, inline (ui/confirm.js). What each part looks
// like is in peopleviews.js.
import { h, mount, toast } from '../dom.js';
import { t, tp } from '../../i18n/index.js';
import { act, failed, loading } from './util.js';
import { confirmInline } from '../confirm.js';
import { groupSettings } from './groupsettings.js';
import { walkerFileCard } from './walkerfile.js';
import { devicesPanel } from '../sheets/devices.js';
import {
  EXPIRY_DAYS,
  inviteCard,
  inviteLists,
  inviteToOffer,
  membersTable,
  qrFigure,
  revokeInviteChoice,
  signInLinkPanel,
} from './peopleviews.js';

export { inviteState } from './peopleviews.js';

export async function render(host, octx) {
  const { api, groupId, ctx } = octx;
  mount(host, loading());
  let invites;
  let members;
  try {
    [invites, members] = await Promise.all([api.invites(groupId), api.members(groupId)]);
  } catch (err) {
    failed(err);
    return null;
  }
  const qrUrls = new Map(); // invite id (or member-<id>) -> object URL of its QR code
  let justMade = null; // the invite created last, said inside its own card
  const invitesHost = h('div', { class: 'inv-list' });
  const membersHost = h('div', { class: 'mem-list' });
  const groupName = () => ctx.session.group.name;

  const figure = (inv) => qrFigure(inv, qrUrls.get(inv.id), groupName(), () => printOnly(inv.id));

  function card(inv) {
    return inviteCard(inv, {
      justMade: inv.id === justMade,
      qr: qrUrls.has(inv.id) ? figure(inv) : null,
      on: {
        copy,
        showQr: (button, qrHost) =>
          act(button, async () => {
            if (!qrUrls.has(inv.id)) {
              const blob = await api.inviteQr(groupId, inv.id);
              qrUrls.set(inv.id, URL.createObjectURL(blob));
            }
            mount(qrHost, figure(inv));
          }),
        revoke: (button) =>
          act(button, async () => {
            const revoked = await api.revokeInvite(groupId, inv.id);
            invites = invites.map((i) => (i.id === inv.id ? revoked : i));
            toast(t('inv.revoked'));
            drawInvites();
          }),
      },
    });
  }

  function drawInvites() {
    // A revoke answered after the organiser opened the past invites must not fold them away.
    const pastOpen = Boolean(invitesHost.querySelector('details.inv-past')?.open);
    mount(invitesHost, ...inviteLists(invites, card, { pastOpen }));
  }

  function drawMembers() {
    const me = ctx.session.member && ctx.session.member.id;
    mount(
      membersHost,
      membersTable(members, me, (member) => [
        devicesButton(member),
        // Walkers only: an organiser logs in with her password (the server refuses).
        member.role === 'walker' ? signInLinkButton(member) : null,
        removeButton(member),
      ]),
    );
  }

  // Opens the member's devices in a row under hers, to sign one phone out
  // without removing her.
  function devicesButton(member) {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-small mem-devices-toggle',
        'aria-expanded': 'false',
        onclick: () => {
          const row = button.closest('tr');
          const open = row.nextElementSibling;
          if (open && open.dataset.devicesOf === String(member.id)) {
            open.remove();
            button.setAttribute('aria-expanded', 'false');
            return;
          }
          const panel = devicesPanel({
            load: () => api.memberDevices(groupId, member.id),
            revokeOne: (device) => api.revokeMemberDevice(groupId, member.id, device.id),
            ownList: false,
            title: t('mem.devicesOf', { who: member.pseudonym }),
            heading: 'h3',
          });
          row.after(
            h(
              'tr',
              { class: 'mem-devices', dataset: { devicesOf: String(member.id) } },
              h('td', { colspan: '4' }, panel),
            ),
          );
          button.setAttribute('aria-expanded', 'true');
        },
      },
      t('mem.devices'),
    );
    return button;
  }

  // A one-use link that signs her phone in as her (she has no password, or lost
  // it): shown in a row under hers as a URL and a QR code, like an invite.
  function signInLinkButton(member) {
    const button = h(
      'button',
      { type: 'button', class: 'btn btn-small mem-link-make' },
      t('mem.link'),
    );
    button.onclick = () =>
      act(button, async () => {
        const row = button.closest('tr');
        const open = row.parentElement.querySelector(`tr[data-link-of="${member.id}"]`);
        if (open) open.remove();
        const link = await api.createSignInLink(groupId, member.id);
        const blob = await api.signInLinkQr(groupId, member.id);
        const qr = URL.createObjectURL(blob);
        qrUrls.set(`member-${member.id}`, qr);
        const panel = signInLinkPanel(member, link, qr, {
          copy,
          revoke: (revokeButton) =>
            act(revokeButton, async () => {
              await api.revokeSignInLink(groupId, member.id);
              panelRow.remove();
              toast(t('mem.linkRevoked', { who: member.pseudonym }));
            }),
        });
        const panelRow = h(
          'tr',
          { class: 'mem-link', dataset: { linkOf: String(member.id) } },
          h('td', { colspan: '4' }, panel),
        );
        row.after(panelRow);
      });
    return button;
  }

  function removeButton(member) {
    const invite = inviteToOffer(member, invites);
    const choice = invite ? revokeInviteChoice(member, invite) : null;
    return confirmInline({
      prefix: 'mem',
      label: t('mem.remove'),
      question: h(
        'span',
        { class: 'mem-question' },
        h('span', { class: 'muted' }, t('mem.confirm', { who: member.pseudonym })),
        choice && choice.label,
      ),
      yes: t('mem.remove'),
      no: t('mem.keep'),
      onConfirm: (e) =>
        act(e.currentTarget, async () => {
          const revokeInvite = Boolean(choice && choice.box.checked);
          await api.removeMember(groupId, member.id, { revokeInvite });
          members = members.filter((m) => m.id !== member.id);
          toast(
            t(revokeInvite ? 'mem.removedAndInvite' : 'mem.removed', { who: member.pseudonym }),
          );
          drawMembers();
          if (revokeInvite) {
            invites = invites.map((i) => (i.id === invite.id ? { ...i, revoked: true } : i));
            drawInvites();
          }
        }),
    });
  }

  const form = inviteForm(async (choice, button) =>
    act(button, async () => {
      const made = await api.createInvite(groupId, choice);
      invites = [made, ...invites];
      // Said in the new card, not in a toast: on a phone the toast lay over the new link.
      justMade = made.id;
      drawInvites();
      invitesHost.querySelector(`[data-invite="${made.id}"]`)?.scrollIntoView({ block: 'nearest' });
    }),
  );

  mount(
    host,
    h(
      'div',
      { class: 'people' },
      h('section', { class: 'org-card' }, h('h2', {}, t('inv.title')), form, invitesHost),
      h(
        'section',
        { class: 'org-card no-print' },
        h('h2', {}, t('mem.title', { n: members.length })),
        h('p', { class: 'muted' }, t('mem.what')),
        membersHost,
      ),
      walkerFileCard(api, groupId),
      groupSettings(api, groupId, ctx),
    ),
  );
  drawInvites();
  drawMembers();
  return () => {
    for (const url of qrUrls.values()) URL.revokeObjectURL(url);
    document.body.classList.remove('printing-invite');
  };
}

function inviteForm(onCreate) {
  const role = h(
    'select',
    { id: 'inv-role' },
    ['walker', 'organiser'].map((r) => h('option', { value: r }, t(`ppl.role.${r}`))),
  );
  const expiry = h(
    'select',
    { id: 'inv-expiry' },
    EXPIRY_DAYS.map((d) =>
      h(
        'option',
        { value: d == null ? '' : String(d), selected: d === 30 },
        d == null ? t('inv.never') : tp('inv.days', d),
      ),
    ),
  );
  const uses = h('input', {
    id: 'inv-uses',
    type: 'number',
    min: '1',
    max: '10000',
    inputmode: 'numeric',
    placeholder: t('inv.unlimited'),
  });
  return h(
    'form',
    {
      class: 'inv-form no-print',
      onsubmit: (e) => {
        e.preventDefault();
        const max = uses.value.trim();
        onCreate(
          {
            role: role.value,
            expires_in_days: expiry.value ? Number(expiry.value) : null,
            max_uses: max ? Number(max) : null,
          },
          e.submitter || e.target.querySelector('button'),
        );
      },
    },
    h('label', { class: 'field', for: 'inv-role' }, h('span', {}, t('inv.roleLabel')), role),
    h('label', { class: 'field', for: 'inv-expiry' }, h('span', {}, t('inv.expiry')), expiry),
    h('label', { class: 'field', for: 'inv-uses' }, h('span', {}, t('inv.maxUses')), uses),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'inv-create' }, t('inv.create')),
  );
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast(t('inv.copied'));
  } catch {
    toast(text);
  }
}

// Prints the chosen invite's QR card alone: the print stylesheet hides the
// rest of the page while body has the class.
function printOnly(inviteId) {
  for (const el of document.querySelectorAll('.inv.is-printed')) el.classList.remove('is-printed');
  const card = document.querySelector(`.inv[data-invite="${inviteId}"]`);
  if (card) card.classList.add('is-printed');
  document.body.classList.add('printing-invite');
  const done = () => {
    document.body.classList.remove('printing-invite');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
