// Where the camera looks: one bearing per lens. A multi-lens device (two
// domes back to back, a 4-way head) has several, and each one is editable:
// a number field per lens, "faces me" and the arrow on the map both act on
// the lens chosen last (the first one to begin with).
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { normaliseDirection } from '../../model/observation.js';
import { facesMe } from '../../geo/geo.js';

export const MAX_LENSES = 8;

// state.directions: the bearings, [] when unknown; state.lens: the active one.
export function directionBlock(state, compass, placing) {
  const rows = h('div', { class: 'lenses' });
  const note = h('p', { class: 'muted', role: 'status' });
  const several = () => shownRows().length > 1;

  function choose(i) {
    state.lens = i;
    placing.setDirection(state.directions[i] ?? null);
    rows.querySelectorAll('.lens').forEach((row, j) => row.classList.toggle('active', j === i));
  }

  function set(deg) {
    const value = deg === null ? null : normaliseDirection(deg);
    if (value === null) state.directions.splice(state.lens, 1);
    else state.directions[Math.min(state.lens, state.directions.length)] = value;
    state.lens = Math.min(state.lens, Math.max(0, state.directions.length - 1));
    redraw();
    placing.setDirection(state.directions[state.lens] ?? null);
  }

  function lensRow(value, i) {
    // The first field keeps id "direction": one lens is the common case.
    const id = i === 0 ? 'direction' : `direction-${i}`;
    const input = h('input', {
      id,
      name: id,
      type: 'number',
      inputmode: 'numeric',
      // Nothing for the browser to check: no min or max, and step 'any'
      // (its default step of 1 refuses 12.5). It would refuse the form with
      // its own bubble, in its own language, over a 370, a -10 or a 12.5
      // that is a bearing all the same. The phone turns it into a whole
      // 0-359 (normaliseDirection: 360 is north, 370 is 10, -10 is 350).
      step: 'any',
      value: value ?? '',
      onfocus: () => choose(i),
      oninput: () => {
        const n = Number.parseFloat(input.value);
        if (Number.isFinite(n)) state.directions[i] = normaliseDirection(n);
        // The only lens emptied: the direction is unknown again. (An emptied
        // lens among several goes on "change", so typing over it is not cut.)
        else if (!several()) state.directions.splice(0);
        addButton.hidden = !state.directions.length || state.directions.length >= MAX_LENSES;
        if (state.lens === i) placing.setDirection(state.directions[i] ?? null);
      },
      onchange: () => {
        const n = Number.parseFloat(input.value);
        // She sees the bearing that will be kept, once she has typed it.
        if (Number.isFinite(n)) input.value = String(normaliseDirection(n));
        else if (several()) {
          state.directions.splice(i, 1);
          state.lens = 0;
          redraw();
        }
      },
    });
    return h(
      'div',
      { class: `lens${i === state.lens ? ' active' : ''}` },
      h(
        'label',
        { class: 'deg', for: id },
        h('span', { class: several() ? null : 'visually-hidden' }, t('log.lens', { n: i + 1 })),
        ' ',
        input,
        '°',
      ),
      several()
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small lens-remove',
              'aria-label': t('log.removeLens', { n: i + 1 }),
              onclick: () => {
                state.directions.splice(i, 1);
                state.lens = 0;
                redraw();
                placing.setDirection(state.directions[0] ?? null);
              },
            },
            '×',
          )
        : null,
    );
  }

  // One row per bearing, plus an empty one for a lens being added (or when
  // none is known yet).
  const shownRows = () =>
    state.lens >= state.directions.length ? [...state.directions, null] : state.directions;

  function redraw() {
    const shown = shownRows();
    mount(rows, shown.map(lensRow));
    addButton.hidden = state.directions.length === 0 || state.directions.length >= MAX_LENSES;
  }

  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small lens-add',
      onclick: () => {
        state.lens = state.directions.length;
        redraw();
        rows.querySelector(`#direction-${state.lens}`)?.focus();
      },
    },
    t('log.addLens'),
  );

  const facesMeButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-compass',
      onclick: async () => {
        const heading = await compass.read();
        if (heading === null) note.textContent = t('log.noCompass');
        else set(facesMe(heading));
      },
    },
    t('log.facesMe'),
  );
  redraw();
  const element = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, t('log.direction')),
    h('div', { class: 'row' }, facesMeButton, rows),
    addButton,
    h('p', { class: 'muted' }, t('log.facesMeHint'), ' ', t('log.dragArrow')),
    note,
  );
  return { element, set };
}
