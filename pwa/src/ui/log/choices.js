// Big radio "chips" and picture tiles: native radios keep keyboard and
// screen-reader behaviour; a second tap on the chosen one clears it.
import { h } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { ICONS } from '../icons.js';

// words(value): the chip's label when it is not the field's own (yes/no lists).
export function choice(
  name,
  values,
  selected,
  { legend, icons = false, clearable = true, words = null } = {},
) {
  const options = values.map((value) => {
    const input = h('input', {
      type: 'radio',
      name,
      value,
      id: `${name}-${value}`,
      checked: selected === value,
      class: 'visually-hidden',
    });
    input.dataset.was = String(selected === value);
    input.addEventListener('click', () => {
      if (clearable && input.dataset.was === 'true') input.checked = false;
      for (const other of input.form ? input.form.elements[name] : [input]) {
        other.dataset.was = String(other.checked);
      }
    });
    return h(
      'label',
      { class: icons ? 'tile' : 'chip', for: `${name}-${value}` },
      input,
      icons ? h('span', { class: 'tile-icon', html: ICONS[value] }) : null,
      h('span', {}, words ? words(value) : tv(name, value)),
    );
  });
  return h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, legend || t(`field.${name}`)),
    h('div', { class: icons ? 'tiles' : 'chips' }, options),
  );
}

// The checked value of a radio group, or null.
export function chosen(form, name) {
  const el = form.querySelector(`input[name="${name}"]:checked`);
  return el ? el.value : null;
}
