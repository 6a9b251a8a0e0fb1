// "3 cameras here": the chooser a tap opens on a spot of the map holding
// several cameras (stack.js), before the sheet of the one she picks. Each line
// says what tells them apart on a pole: shape, direction, operator, and state.
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import { cameraParts } from './names.js';

/**
 * choices: [{ fields, badge: { cls, text }, note?, onPick }], the tapped camera
 * first (the one a tap on a lone marker would have opened), then the nearest.
 */
export function camerasHereSheet(choices, { onClose }) {
  return h(
    'section',
    { class: 'here-sheet', 'aria-label': t('here.title', { n: choices.length }) },
    h('h2', {}, t('here.title', { n: choices.length })),
    h('p', { class: 'muted' }, t('here.hint')),
    h(
      'ul',
      { class: 'here-list' },
      choices.map((choice) => h('li', {}, choiceButton(choice))),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: onClose }, t('obs.close')),
    ),
  );
}

// What tells one of the walk's cameras apart beyond its fields: logged on
// another walk, logged by her (two walkers' cameras on one corner read alike),
// and a possible duplicate, which the list hid until she opened each one.
export function recordNote(record, { walkId, pseudonym }) {
  const hints = (record.server && record.server.duplicate_hints) || [];
  const notes = [
    record.walk_id === walkId ? null : t('map.earlier'),
    pseudonym && record.created_by === pseudonym ? t('here.mine') : null,
    hints.length ? t('here.duplicate') : null,
  ];
  return notes.filter(Boolean).join(' · ') || null;
}

function choiceButton({ fields, badge, note, onPick }) {
  const { what, facing, operator, gone } = cameraParts(fields);
  const details = [facing, operator, gone, note].filter(Boolean).join(' · ');
  return h(
    'button',
    { type: 'button', class: 'here-pick', onclick: onPick },
    h('strong', {}, what),
    ' ',
    h('span', { class: `badge ${badge.cls}` }, badge.text),
    details ? h('span', { class: 'here-details' }, details) : null,
  );
}
