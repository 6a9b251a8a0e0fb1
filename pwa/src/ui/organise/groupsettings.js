// The group's own settings: its name (shown to walkers and on the public map)
// and whether original photos, with their EXIF, are kept on the server.
import { h, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act, failed } from './util.js';
import { setSession } from '../../db/index.js';

export function groupSettings(api, groupId, ctx) {
  const name = h('input', { id: 'grp-name', required: true, maxlength: '120' });
  const originals = h('input', { id: 'grp-originals', type: 'checkbox' });
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
    })
    .catch(failed);
  return h('section', { class: 'org-card no-print' }, h('h2', {}, t('grp.title')), form);
}
