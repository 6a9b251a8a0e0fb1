// The organiser's own account: which devices can sign in as her (a laptop at
// the office, her phone) and signing one out, her password, and logging out
// of this one. The pieces are the walker menu's (ui/sheets/), so both roles
// see and do the same.
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { myDevicesPanel } from '../sheets/devices.js';
import { logOutControls } from '../sheets/logout.js';
import { passwordForm } from '../sheets/password.js';

export async function render(host, octx) {
  const { ctx } = octx;
  const leave = logOutControls(ctx);
  mount(
    host,
    h(
      'div',
      { class: 'account' },
      h(
        'section',
        { class: 'org-card' },
        h('h2', {}, t('acc.title')),
        h(
          'p',
          { class: 'muted' },
          t('menu.signedIn', { who: ctx.session.member.pseudonym, group: ctx.session.group.name }),
        ),
        h('div', { class: 'actions' }, leave.logout, leave.save),
        ...leave.notes,
      ),
      h('div', { class: 'org-card' }, myDevicesPanel(ctx)),
      h('div', { class: 'org-card' }, passwordForm(ctx)),
    ),
  );
  return null;
}
