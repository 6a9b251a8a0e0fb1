// The "already in OSM?" banner at the top of the log form. Without onGone, no
// "gone" answer: the group's camera is held for another member (form.js).
import { h } from '../dom.js';
import { t } from '../../i18n/index.js';
import { mappedKind, outOfUse } from '../../geo/nearby.js';
import { kindsWords } from '../../shared/format.js';

// What the banner says of a candidate: its headline, a note, and the words of
// the answer that links her camera to it (null: none, a record of the group's).
// A camera marked out of use in OSM is asked as "is it this one?": her answer
// says the device is there, not that it works (the export keeps it out of use).
export function bannerWords(candidate) {
  const m = Math.max(1, Math.round(candidate.distance));
  if (candidate.type !== 'osm') return { headline: t('near.group', { m }), note: null, link: null };
  if (outOfUse(candidate.node)) {
    return {
      headline: t('near.osmOutOfUse', { m }),
      note: t('near.outOfUseNote'),
      link: t('near.itIs'),
    };
  }
  return { headline: t('near.osm', { m }), note: null, link: t('near.still') };
}

export function nearbyBanner(candidate, { onStill, onGone, onOpen, onDismiss }) {
  const isOsm = candidate.type === 'osm';
  const kind = isOsm ? mappedKind(candidate.node) : null;
  const words = bannerWords(candidate);
  const box = h(
    'section',
    {
      class: words.note ? 'nearby out-of-use' : 'nearby',
      role: 'region',
      'aria-label': words.headline,
    },
    h('p', {}, h('strong', {}, words.headline)),
    kind ? h('p', { class: 'nearby-kind' }, t('near.kind', { kind: kindsWords(kind) })) : null,
    words.note ? h('p', { class: 'nearby-note' }, words.note) : null,
    h(
      'div',
      { class: 'row' },
      isOsm
        ? h('button', { type: 'button', class: 'btn btn-primary', onclick: onStill }, words.link)
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
