// The group's own settings: its name (shown to walkers and on the public map)
// and whether original photos, with their EXIF, are kept on the server.
// Turning "keep originals" off keeps the ones already stored (position, time,
// serial numbers): the organiser is then offered to delete them, told how
// many and how large, and nothing goes without her yes.
import { h, mount, toast } from '../dom.js';
import { formatBytes, t, tp } from '../../i18n/index.js';
import { act, failed } from './util.js';
import { setSession } from '../../db/index.js';
import { confirmInline } from '../confirm.js';

export function groupSettings(api, groupId, ctx) {
  const name = h('input', { id: 'grp-name', required: true, maxlength: '120' });
  const originals = h('input', { id: 'grp-originals', type: 'checkbox' });
  const offer = h('div', { class: 'grp-originals-offer', role: 'status' });
  const ownTiles = h('input', { id: 'grp-own-tiles', type: 'checkbox' });
  const save = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', id: 'grp-save' },
    t('grp.save'),
  );
  const form = h(
    'form',
    {
      class: 'grp-form',
      onsubmit: (e) => {
        e.preventDefault();
        act(save, async () => {
          const saved = await api.patchSettings(groupId, {
            name: name.value.trim(),
            keep_originals: originals.checked,
            own_tiles_only: ownTiles.checked,
          });
          // The header and the walker screens show the group's name from the session.
          ctx.session.group = { ...ctx.session.group, name: saved.name };
          await setSession(ctx.session);
          const title = document.querySelector('.org-group');
          if (title) title.textContent = saved.name;
          toast(t('grp.saved'));
          await offerToDelete(api, groupId, saved.keep_originals, offer);
        });
      },
    },
    h('label', { class: 'field', for: 'grp-name' }, h('span', {}, t('grp.name')), name),
    h(
      'label',
      { class: 'grp-check', for: 'grp-originals' },
      originals,
      h('span', {}, t('grp.originals')),
    ),
    h('p', { class: 'muted' }, t('grp.originalsWhy')),
    h(
      'label',
      { class: 'grp-check', for: 'grp-own-tiles' },
      ownTiles,
      h('span', {}, t('grp.ownTiles')),
    ),
    h('p', { class: 'muted' }, t('grp.ownTilesWhy')),
    save,
  );
  api
    .settings(groupId)
    .then((settings) => {
      name.value = settings.name;
      originals.checked = Boolean(settings.keep_originals);
      ownTiles.checked = Boolean(settings.own_tiles_only);
      // Also when the setting was turned off before this offer existed.
      return offerToDelete(api, groupId, settings.keep_originals, offer);
    })
    .catch(failed);
  return h('section', { class: 'org-card no-print' }, h('h2', {}, t('grp.title')), form, offer);
}

// While the group keeps originals there is nothing to offer (and the server
// would refuse); once it does not, any original still stored is.
async function offerToDelete(api, groupId, keeps, host) {
  mount(host);
  if (keeps) return;
  const stored = await api.originals(groupId);
  if (!stored.count) return;
  const words = { n: stored.count, size: formatBytes(stored.size_bytes) };
  mount(
    host,
    h('p', { class: 'warn grp-originals-left' }, tp('grp.originalsLeft', stored.count, words)),
    confirmInline({
      tag: 'div',
      prefix: 'grp-originals-delete',
      label: tp('grp.originalsDelete', stored.count, words),
      question: h('span', { class: 'muted' }, tp('grp.originalsConfirm', stored.count, words)),
      yes: t('grp.originalsDeleteYes'),
      no: t('grp.originalsKeep'),
      onConfirm: (e) =>
        act(e.currentTarget, async () => {
          const deleted = await api.deleteOriginals(groupId);
          mount(
            host,
            h(
              'p',
              { class: 'ok grp-originals-deleted' },
              tp('grp.originalsDeleted', deleted.count, {
                size: formatBytes(deleted.size_bytes),
              }),
            ),
          );
        }),
    }),
  );
}
