// The signage survey in the log form (docs/legal.md says what each item
// means): is the public told about this camera, what the sign states, who
// films, and whether it films the public road. Each answer is one tap and
// nothing is preselected: a field she did not touch stays unset.
import { h } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { FILMED_BY, SIGN, SIGN_CHECKLIST, YES_NO } from '../../model/observation.js';
import { choice, chosen } from './choices.js';

const yesNo = (value) => tv('yes_no', value);

export function signageBlock(fields) {
  const items = h(
    'div',
    { class: 'sign-items', hidden: fields.sign !== 'seen' },
    h('p', { class: 'muted' }, t('log.signStates')),
    SIGN_CHECKLIST.map((name) =>
      choice(name, YES_NO, fields[name], { legend: t(`field.${name}`), words: yesNo }),
    ),
  );
  const sign = choice('sign', SIGN, fields.sign, { legend: t('log.sign') });
  // The checklist only means something for a sign she saw: it opens on "seen".
  // A click, not only a change: a second tap clears a chip without a change event.
  const follow = () => {
    items.hidden = chosen(sign, 'sign') !== 'seen';
  };
  sign.addEventListener('change', follow);
  sign.addEventListener('click', follow);
  return h(
    'section',
    { class: 'signage' },
    sign,
    items,
    choice('filmed_by', FILMED_BY, fields.filmed_by, { legend: t('log.filmedBy') }),
    choice('aimed_at_road', YES_NO, fields.aimed_at_road, {
      legend: t('log.aimedAtRoad'),
      words: yesNo,
    }),
  );
}

// The signage fields as the form says. The checklist is read only for a sign
// seen: answers left behind a hidden checklist would describe no sign at all.
export function readSignage(form, base) {
  const sign = chosen(form, 'sign');
  const items = Object.fromEntries(
    SIGN_CHECKLIST.map((name) => [name, sign === 'seen' ? chosen(form, name) : base[name]]),
  );
  return {
    sign,
    ...items,
    filmed_by: chosen(form, 'filmed_by'),
    aimed_at_road: chosen(form, 'aimed_at_road'),
  };
}
