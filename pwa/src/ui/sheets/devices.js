// Devices that can sign in as a member: her own list (the walker's menu, the
// organiser's account tab) and the one an organiser opens for a member in the
// Members tab. A lost or lent phone is signed out here; its token stops at
// once on the server, so whoever holds it is out at the next sync.
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { formatDateTime } from '../../shared/format.js';
import { confirmInline } from '../confirm.js';
import { errorText } from '../screens/common.js';

// The list itself, from what the server answers. revoke(device, button) signs
// one out; the device this list is read on gets none (log out does that).
export function deviceList(devices, { revoke, ownList }) {
  if (!devices.length) return h('p', { class: 'muted dev-none' }, t('dev.none'));
  return h(
    'ul',
    { class: 'plain dev-list' },
    devices.map((device) =>
      h(
        'li',
        { class: `dev${device.current ? ' dev-current' : ''}`, dataset: { device: device.id } },
        h(
          'p',
          { class: 'dev-head' },
          h('strong', { class: 'dev-label' }, device.label || t('dev.unnamed')),
          device.current ? h('span', { class: 'badge dev-this' }, t('dev.this')) : null,
        ),
        h(
          'p',
          { class: 'muted' },
          t('dev.since', { d: formatDateTime(device.created_at) }),
          device.last_used_at
            ? ` · ${t('dev.used', { d: formatDateTime(device.last_used_at) })}`
            : '',
        ),
        device.current
          ? null
          : confirmInline({
              tag: 'div',
              prefix: 'dev',
              label: t('dev.revoke'),
              question: h(
                'span',
                { class: 'muted' },
                t(ownList ? 'dev.confirmOwn' : 'dev.confirm', {
                  label: device.label || t('dev.unnamed'),
                }),
              ),
              yes: t('dev.revoke'),
              no: t('dev.keep'),
              onConfirm: (e) => revoke(device, e.currentTarget),
            }),
      ),
    ),
  );
}

// A panel that loads a list and redraws it after each sign-out.
// load() → devices; revokeOne(device) → the server's answer; heading: the
// title's level where the panel sits (h3 under the Members card's h2).
export function devicesPanel({ load, revokeOne, ownList, title, heading = 'h2' }) {
  const host = h('div', { class: 'dev-host' }, h('p', { class: 'muted' }, t('dev.loading')));
  const status = h('p', { class: 'muted', role: 'status' });
  let devices = [];
  const draw = () => mount(host, deviceList(devices, { revoke: signOut, ownList }));
  async function signOut(device, button) {
    try {
      await revokeOne(device);
      devices = devices.filter((d) => d.id !== device.id);
      toast(t('dev.revoked', { label: device.label || t('dev.unnamed') }));
      draw();
    } catch (err) {
      if (button) button.disabled = false;
      status.textContent = errorText(err);
    }
  }
  load()
    .then((answer) => {
      devices = answer;
      draw();
    })
    .catch((err) => {
      mount(host);
      // Offline: the list lives on the server; say so instead of an empty list.
      status.textContent = err.status === 0 ? t('dev.offline') : errorText(err);
    });
  return h(
    'section',
    { class: 'devices', 'aria-label': title },
    title ? h(heading, {}, title) : null,
    ownList ? h('p', { class: 'muted' }, t('dev.what')) : null,
    host,
    status,
  );
}

// The member's own devices, in her words.
export function myDevicesPanel(ctx) {
  return devicesPanel({
    load: () => ctx.api.myDevices(),
    revokeOne: (device) => ctx.api.revokeMyDevice(device.id),
    ownList: true,
    title: t('dev.title'),
  });
}
