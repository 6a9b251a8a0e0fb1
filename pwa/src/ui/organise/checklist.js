// The OSMF Organised Editing checklist, shown before the first upload:
// hashtag (required by camwalk), wiki page and contact (asked by the guidelines).
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act } from './util.js';

const INPUTS = { hashtag: 'hashtags', wiki_page: 'wiki_url', contact: 'contact' };

export function checklistCard(octx) {
  const box = h('section', { class: 'org-card checklist' }, h('h3', {}, t('chk.title')));
  const draw = (list) => {
    const inputs = {};
    const rows = list.items.map((item) => {
      inputs[item.key] = h('input', {
        id: `chk-${item.key}`,
        type: item.key === 'wiki_page' ? 'url' : 'text',
        value: item.value || '',
      });
      return h(
        'li',
        { class: item.done ? 'done' : 'todo' },
        h('span', { class: 'tick', 'aria-hidden': 'true' }, item.done ? '✓' : '○'),
        h(
          'label',
          { for: `chk-${item.key}`, class: 'field' },
          h('span', {}, t(`chk.${item.key}`) + (item.required ? ' *' : '')),
          inputs[item.key],
        ),
      );
    });
    const save = h(
      'button',
      {
        type: 'button',
        class: 'btn no-print',
        onclick: (e) =>
          act(e.currentTarget, async () => {
            const body = {};
            for (const [key, name] of Object.entries(INPUTS)) body[name] = inputs[key].value;
            draw(await octx.api.putChecklist(octx.groupId, body));
            toast(t('chk.saved'));
          }),
      },
      t('chk.save'),
    );
    mount(
      box,
      h('h3', {}, t('chk.title')),
      h(
        'p',
        { class: list.ready_to_upload ? 'ok' : 'warn' },
        t(list.ready_to_upload ? 'chk.ready' : 'chk.notReady'),
      ),
      h('ul', { class: 'chk-list' }, rows),
      save,
    );
  };
  octx.api
    .checklist(octx.groupId)
    .then(draw)
    .catch(() => box.remove());
  return box;
}
