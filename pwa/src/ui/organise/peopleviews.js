// What the Members tab shows, built from plain data: invite cards with their
// link and QR code, the members table, the form that makes an invite. No
// state and no API calls: the controller (people.js) passes callbacks in.
import { h } from '../dom.js';
import { t, tp } from '../../i18n/index.js';
import { formatDate, formatDateTime } from '../../shared/format.js';

export const EXPIRY_DAYS = [1, 7, 30, 90, null]; // null: never expires

// What an invite can still do, from what the server says of it.
export function inviteState(invite, now = Date.now()) {
  if (invite.revoked) return 'revoked';
  if (invite.expires_at && Date.parse(invite.expires_at) <= now) return 'expired';
  if (invite.max_uses != null && invite.uses >= invite.max_uses) return 'used';
  return 'active';
}

// Live invites first; the used-up, expired and revoked ones fold away below,
// open if the organiser had opened them (pastOpen) before the list was redrawn.
export function inviteLists(invites, card, { pastOpen = false } = {}) {
  const live = invites.filter((i) => inviteState(i) === 'active');
  const past = invites.filter((i) => inviteState(i) !== 'active');
  const list = (items) =>
    h(
      'ul',
      { class: 'plain' },
      items.map((inv) => h('li', {}, card(inv))),
    );
  return [
    live.length ? list(live) : h('p', { class: 'muted' }, t('inv.none')),
    past.length
      ? h(
          'details',
          { class: 'inv-past', open: pastOpen },
          h('summary', {}, t('inv.past', { n: past.length })),
          list(past),
        )
      : null,
  ];
}

// on: {copy(url), showQr(button, qrHost), revoke(button)}; qr: the QR figure if shown.
export function inviteCard(inv, { justMade, qr, on }) {
  const state = inviteState(inv);
  const qrHost = h('div', { class: 'inv-qr' }, qr);
  const button = (cls, words, onclick) =>
    h('button', { type: 'button', class: `btn ${cls}`.trim(), onclick }, words);
  return h(
    'article',
    { class: `org-card inv inv-${state}`, dataset: { invite: String(inv.id) } },
    justMade ? h('p', { class: 'ok inv-made', role: 'status' }, t('inv.made')) : null,
    h(
      'p',
      { class: 'inv-head' },
      h('strong', {}, t(`ppl.role.${inv.role}`)),
      h('span', { class: `badge inv-state` }, t(`inv.state.${state}`)),
    ),
    h(
      'p',
      { class: 'muted' },
      t('inv.uses', { n: inv.uses, max: inv.max_uses ?? '∞' }),
      ' · ',
      inv.expires_at ? t('inv.until', { d: formatDateTime(inv.expires_at) }) : t('inv.noExpiry'),
    ),
    state === 'active'
      ? h(
          'div',
          { class: 'inv-link' },
          h('input', {
            class: 'inv-url',
            readonly: true,
            value: inv.url,
            'aria-label': t('inv.link'),
            onfocus: (e) => e.target.select(),
          }),
          h(
            'div',
            { class: 'actions' },
            button('', t('inv.copy'), () => on.copy(inv.url)),
            button('inv-show-qr', t('inv.qr'), (e) => on.showQr(e.currentTarget, qrHost)),
            button('btn-warn inv-revoke', t('inv.revoke'), (e) => on.revoke(e.currentTarget)),
          ),
          qrHost,
        )
      : null,
  );
}

// The QR code with the words a walker needs next to it, ready for a print.
export function qrFigure(inv, url, groupName, onPrint) {
  return h(
    'figure',
    { class: 'inv-print' },
    h('img', { src: url, alt: t('inv.qrAlt'), width: 240, height: 240 }),
    h(
      'figcaption',
      {},
      h('strong', {}, groupName),
      h('span', {}, t('inv.scan')),
      h('code', {}, inv.url),
    ),
    h('button', { type: 'button', class: 'btn no-print', onclick: onPrint }, t('inv.print')),
  );
}

// The invite a member joined with, if revoking it would still close a door:
// none for members made otherwise, or when it is revoked already.
export function inviteToOffer(member, invites) {
  if (member.invite_id == null) return null;
  const invite = invites.find((i) => i.id === member.invite_id);
  return invite && !invite.revoked ? invite : null;
}

// The confirm question's checkbox, naming the invite so that the organiser
// knows which printed QR code or shared link stops working.
export function revokeInviteChoice(member, invite) {
  const id = `mem-revoke-invite-${member.id}`;
  const box = h('input', { type: 'checkbox', id, class: 'mem-revoke-invite' });
  const others = invite.uses > 1 ? ` ${t('mem.inviteOthers', { n: invite.uses - 1 })}` : '';
  const label = h(
    'label',
    { class: 'grp-check mem-invite-choice', for: id },
    box,
    h(
      'span',
      {},
      tp('mem.alsoInvite', invite.uses, {
        role: t(`ppl.role.${invite.role}`),
        date: formatDate(invite.created_at),
      }) + others,
    ),
  );
  return { box, label };
}

// actions(member) gives the cell's controls; the signed-in organiser gets none
// (her own devices are in the account tab).
export function membersTable(members, meId, actions) {
  return h(
    'table',
    { class: 'mem-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('mem.pseudonym')),
        h('th', { scope: 'col' }, t('mem.role')),
        h('th', { scope: 'col' }, t('mem.since')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('mem.actions'))),
      ),
    ),
    h(
      'tbody',
      {},
      members.map((m) =>
        h(
          'tr',
          { dataset: { member: String(m.id) } },
          h(
            'td',
            {},
            m.pseudonym,
            m.id === meId ? h('span', { class: 'badge' }, t('mem.you')) : null,
          ),
          h('td', {}, t(`ppl.role.${m.role}`)),
          h('td', {}, formatDate(m.created_at)),
          h('td', {}, m.id === meId ? null : h('div', { class: 'mem-actions' }, actions(m))),
        ),
      ),
    ),
  );
}

// A member's sign-in link: the URL to send her and its QR code to scan with her
// phone. on: {copy(url), revoke(button)}.
export function signInLinkPanel(member, link, qrUrl, on) {
  return h(
    'div',
    { class: 'mem-link-panel' },
    h('h3', {}, t('mem.linkOf', { who: member.pseudonym })),
    h('p', { class: 'muted' }, t('mem.linkWhat', { d: formatDateTime(link.expires_at) })),
    h('input', {
      class: 'mem-link-url inv-url',
      readonly: true,
      value: link.url,
      'aria-label': t('mem.linkOf', { who: member.pseudonym }),
      onfocus: (e) => e.target.select(),
    }),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => on.copy(link.url) },
        t('inv.copy'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-warn mem-link-revoke',
          onclick: (e) => on.revoke(e.currentTarget),
        },
        t('mem.linkRevoke'),
      ),
    ),
    h('img', { src: qrUrl, alt: t('mem.linkQrAlt'), width: 200, height: 200 }),
  );
}
