// Members and invites: make an invite link (role, expiry, number of uses),
// show it as a QR code to print or to scan from another phone, revoke it;
// list the members and remove one (their cameras stay, their phones stop
// syncing). Removal asks twice, inline (ui/confirm.js).
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act, failed, loading } from './util.js';
import { confirmInline } from '../confirm.js';
import { groupSettings } from './groupsettings.js';
import { formatDate, formatDateTime } from '../../shared/format.js';

const EXPIRY_DAYS = [1, 7, 30, 90, null]; // null: never expires

// What an invite can still do, from what the server says of it.
export function inviteState(invite, now = Date.now()) {
  if (invite.revoked) return 'revoked';
  if (invite.expires_at && Date.parse(invite.expires_at) <= now) return 'expired';
  if (invite.max_uses != null && invite.uses >= invite.max_uses) return 'used';
  return 'active';
}

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
  const qrUrls = new Map(); // invite id -> object URL of its QR code
  let justMade = null; // the invite created last, said inside its own card
  const invitesHost = h('div', { class: 'inv-list' });
  const membersHost = h('div', { class: 'mem-list' });

  // Live invites first; the used-up, expired and revoked ones fold away below.
  function drawInvites() {
    const live = invites.filter((i) => inviteState(i) === 'active');
    const past = invites.filter((i) => inviteState(i) !== 'active');
    const list = (items) =>
      h(
        'ul',
        { class: 'plain' },
        items.map((inv) => h('li', {}, inviteCard(inv))),
      );
    mount(
      invitesHost,
      live.length ? list(live) : h('p', { class: 'muted' }, t('inv.none')),
      past.length
        ? h(
            'details',
            { class: 'inv-past' },
            h('summary', {}, t('inv.past', { n: past.length })),
            list(past),
          )
        : null,
    );
  }

  function inviteCard(inv) {
    const state = inviteState(inv);
    const qr = h('div', { class: 'inv-qr' });
    if (qrUrls.has(inv.id)) mount(qr, qrFigure(inv, qrUrls.get(inv.id)));
    return h(
      'article',
      { class: `org-card inv inv-${state}`, dataset: { invite: String(inv.id) } },
      inv.id === justMade ? h('p', { class: 'ok inv-made', role: 'status' }, t('inv.made')) : null,
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
              h(
                'button',
                { type: 'button', class: 'btn', onclick: () => copy(inv.url) },
                t('inv.copy'),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn inv-show-qr',
                  onclick: (e) =>
                    act(e.currentTarget, async () => {
                      if (!qrUrls.has(inv.id)) {
                        const blob = await api.inviteQr(groupId, inv.id);
                        qrUrls.set(inv.id, URL.createObjectURL(blob));
                      }
                      mount(qr, qrFigure(inv, qrUrls.get(inv.id)));
                    }),
                },
                t('inv.qr'),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-warn inv-revoke',
                  onclick: (e) =>
                    act(e.currentTarget, async () => {
                      const revoked = await api.revokeInvite(groupId, inv.id);
                      invites = invites.map((i) => (i.id === inv.id ? revoked : i));
                      toast(t('inv.revoked'));
                      drawInvites();
                    }),
                },
                t('inv.revoke'),
              ),
            ),
            qr,
          )
        : null,
    );
  }

  // The QR code with the words a walker needs next to it, ready for a print.
  function qrFigure(inv, url) {
    return h(
      'figure',
      { class: 'inv-print' },
      h('img', { src: url, alt: t('inv.qrAlt'), width: 240, height: 240 }),
      h(
        'figcaption',
        {},
        h('strong', {}, ctx.session.group.name),
        h('span', {}, t('inv.scan')),
        h('code', {}, inv.url),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn no-print',
          onclick: () => printOnly(inv.id),
        },
        t('inv.print'),
      ),
    );
  }

  function drawMembers() {
    const me = ctx.session.member && ctx.session.member.id;
    mount(
      membersHost,
      h(
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
                m.id === me ? h('span', { class: 'badge' }, t('mem.you')) : null,
              ),
              h('td', {}, t(`ppl.role.${m.role}`)),
              h('td', {}, formatDate(m.created_at)),
              h('td', {}, m.id === me ? null : removeButton(m)),
            ),
          ),
        ),
      ),
    );
  }

  function removeButton(member) {
    return confirmInline({
      prefix: 'mem',
      label: t('mem.remove'),
      question: h('span', { class: 'muted' }, t('mem.confirm', { who: member.pseudonym })),
      yes: t('mem.remove'),
      no: t('mem.keep'),
      onConfirm: (e) =>
        act(e.currentTarget, async () => {
          await api.removeMember(groupId, member.id);
          members = members.filter((m) => m.id !== member.id);
          toast(t('mem.removed', { who: member.pseudonym }));
          drawMembers();
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
        d == null ? t('inv.never') : t('inv.days', { n: d }),
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
