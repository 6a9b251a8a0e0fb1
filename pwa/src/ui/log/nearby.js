// The "already in OSM?" banner at the top of the log form. Without onGone, no
// "gone" answer: the group's camera is held for another member (form.js).
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import { mappedKind } from '../../geo/nearby.js';
import { kindWords } from '../../shared/format.js';

export function nearbyBanner(candidate, { onStill, onGone, onOpen, onDismiss }) {
  const m = Math.max(1, Math.round(candidate.distance));
  const isOsm = candidate.type === 'osm';
  const kind = isOsm ? mappedKind(candidate.node) : null;
  const box = h(
    'section',
    { class: 'nearby', role: 'region', 'aria-label': t(isOsm ? 'near.osm' : 'near.group', { m }) },
    h('p', {}, h('strong', {}, t(isOsm ? 'near.osm' : 'near.group', { m }))),
    kind
      ? h('p', { class: 'nearby-kind' }, t('near.kind', { kind: kind.map(kindWords).join(', ') }))
      : null,
    h(
      'div',
      { class: 'row' },
      isOsm
        ? h(
            'button',
            { type: 'button', class: 'btn btn-primary', onclick: onStill },
            t('near.still'),
          )
        : null,
      onGone
        ? h('button', { type: 'button', class: 'btn btn-warn', onclick: onGone }, t('near.gone'))
        : null,
      isOsm
        ? null
        : h(
            'button',
            { type: 'button', class: 'btn btn-primary', onclick: onOpen },
            t('near.open'),
          ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => {
            box.remove();
            onDismiss && onDismiss();
          },
        },
        t('near.new'),
      ),
    ),
  );
  return box;
}

// On the edit form of a camera she logged as "it is another one": that answer,
// and the way to take it back (saved with the rest of the edit).
export function notThisOneNote(nodeId, onTakeBack) {
  const box = h(
    'section',
    { class: 'nearby not-this-one' },
    h('p', {}, t('obs.osmNot', { id: nodeId })),
  );
  const takeBack = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      onclick: () => {
        onTakeBack();
        box.replaceChildren(h('p', { role: 'status' }, t('near.takenBack')));
      },
    },
    t('near.takeBack'),
  );
  box.append(h('div', { class: 'row' }, takeBack));
  return box;
}
