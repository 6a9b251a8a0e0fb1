// Publish or unpublish the campaign's public map, and the link to share.
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act, failed, loading } from './util.js';
import { publicPhotos } from './publicphotos.js';
import { SIGNAGE_FIELDS } from '../../model/observation.js';

// Which signage fields the public map shows: each one an organiser's choice,
// none by default (the server keeps the list, in the group's settings).
function publicFields(api, groupId, settings) {
  const chosen = new Set(settings.public_fields || []);
  const boxes = SIGNAGE_FIELDS.map((name) =>
    h('input', {
      type: 'checkbox',
      id: `pub-field-${name}`,
      value: name,
      checked: chosen.has(name),
    }),
  );
  const save = h(
    'button',
    { type: 'submit', class: 'btn', id: 'pub-fields-save' },
    t('pub.fieldsSave'),
  );
  return h(
    'form',
    {
      class: 'org-card pub-fields',
      onsubmit: (e) => {
        e.preventDefault();
        act(save, async () => {
          const fields = boxes.filter((b) => b.checked).map((b) => b.value);
          await api.patchSettings(groupId, { public_fields: fields });
          toast(t('pub.fieldsSaved'));
        });
      },
    },
    h('h3', {}, t('pub.fields')),
    h('p', { class: 'muted' }, t('pub.fieldsWhat')),
    boxes.map((box) =>
      h('label', { class: 'grp-check', for: box.id }, box, h('span', {}, t(`field.${box.value}`))),
    ),
    save,
  );
}

export async function render(host, octx) {
  const { api, groupId, walk } = octx;
  mount(host, loading());
  let settings;
  try {
    settings = await api.settings(groupId);
  } catch (err) {
    failed(err);
    return null;
  }
  const link = `${window.location.origin}/public/${encodeURIComponent(settings.slug)}`;

  const settingsHost = h('div', {});
  const pictures = publicPhotos(api, groupId, walk);
  mount(
    host,
    h(
      'div',
      { class: 'pub-page' },
      settingsHost,
      publicFields(api, groupId, settings),
      pictures.el,
    ),
  );

  // What the cameras see (server/coverage): on the public map only once the
  // organiser chooses it, apart from the map itself; approved cameras only.
  function viewsToggle() {
    const views = Boolean(settings.coverage_public);
    return h(
      'div',
      { class: 'pub-views' },
      h('p', { class: 'muted', role: 'status' }, t(views ? 'pub.viewsOn' : 'pub.viewsOff')),
      h(
        'button',
        {
          type: 'button',
          id: 'pub-views-toggle',
          class: 'btn',
          'aria-pressed': views ? 'true' : 'false',
          onclick: (e) =>
            act(e.currentTarget, async () => {
              settings = await api.patchSettings(groupId, { coverage_public: !views });
              draw();
            }),
        },
        t(views ? 'pub.viewsHide' : 'pub.viewsShow'),
      ),
    );
  }

  function draw() {
    const on = settings.public_map;
    mount(
      settingsHost,
      h(
        'section',
        { class: 'org-card pub-settings' },
        h('h2', {}, t('pub.title')),
        h('p', { class: on ? 'ok' : 'muted', role: 'status' }, t(on ? 'pub.on' : 'pub.off')),
        h('p', { class: 'muted' }, t('pub.what')),
        h(
          'button',
          {
            type: 'button',
            id: 'pub-toggle',
            class: `btn ${on ? 'btn-warn' : 'btn-primary'}`,
            'aria-pressed': on ? 'true' : 'false',
            onclick: (e) =>
              act(e.currentTarget, async () => {
                settings = await api.patchSettings(groupId, { public_map: !on });
                draw();
              }),
          },
          t(on ? 'pub.unpublish' : 'pub.publish'),
        ),
        viewsToggle(),
        on
          ? h(
              'div',
              { class: 'pub-link' },
              h('label', { for: 'pub-url', class: 'field' }, h('span', {}, t('pub.link'))),
              h('input', {
                id: 'pub-url',
                readonly: true,
                value: link,
                onfocus: (e) => e.target.select(),
              }),
              h(
                'div',
                { class: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn',
                    onclick: async () => {
                      try {
                        await navigator.clipboard.writeText(link);
                        toast(t('pub.copied'));
                      } catch {
                        document.getElementById('pub-url').select();
                      }
                    },
                  },
                  t('pub.copy'),
                ),
                h(
                  'a',
                  { class: 'btn', href: link, target: '_blank', rel: 'noopener' },
                  link.replace(/^https?:\/\//, ''),
                ),
              ),
            )
          : null,
      ),
    );
  }
  draw();
  return () => pictures.release();
}
