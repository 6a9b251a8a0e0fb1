// Before a photo goes on the public map, the organiser draws a box over each
// face, number plate or window to hide: drag on the photo with a mouse, a
// finger or a pen. Boxes are fractions of the upright picture, so they fit
// whatever size the server renders; the server does the blurring.
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';

const MIN_FRACTION = 0.01; // a box smaller than 1% of the picture is a stray tap
const clamp01 = (v) => Math.min(1, Math.max(0, v));
const round4 = (v) => Math.round(v * 10_000) / 10_000;

// [x, y, w, h] in fractions of the image from two points in pixels, whichever
// corner the drag started from; null when the drag was too small to mean a box.
export function boxFromDrag(a, b, width, height) {
  const x1 = clamp01(Math.min(a.x, b.x) / width);
  const y1 = clamp01(Math.min(a.y, b.y) / height);
  const x2 = clamp01(Math.max(a.x, b.x) / width);
  const y2 = clamp01(Math.max(a.y, b.y) / height);
  if (x2 - x1 < MIN_FRACTION || y2 - y1 < MIN_FRACTION) return null;
  const x = round4(x1);
  const y = round4(y1);
  // Rounding must not push the box past the picture's edge.
  return [x, y, Math.min(round4(x2 - x1), 1 - x), Math.min(round4(y2 - y1), 1 - y)];
}

const pct = (v) => `${(v * 100).toFixed(2)}%`;

// The editor: the display copy of the photo with the boxes over it.
// `boxes` is edited in place; onChange is called after every change.
export function blurEditor(imageUrl, boxes, onChange) {
  const layer = h('div', { class: 'blur-boxes' });
  const img = h('img', { class: 'blur-img', src: imageUrl, alt: t('blur.alt'), draggable: false });
  const surface = h('div', { class: 'blur-surface' }, img, layer);
  let start = null;
  let ghost = null;

  function draw() {
    mount(
      layer,
      boxes.map(([x, y, w, hgt], i) =>
        h(
          'button',
          {
            type: 'button',
            class: 'blur-box',
            style: `left:${pct(x)};top:${pct(y)};width:${pct(w)};height:${pct(hgt)}`,
            title: t('blur.remove'),
            'aria-label': t('blur.removeN', { n: i + 1 }),
            onpointerdown: (e) => e.stopPropagation(),
            onclick: () => {
              boxes.splice(i, 1);
              draw();
              onChange();
            },
          },
          String(i + 1),
        ),
      ),
      ghost,
    );
  }

  function point(e) {
    const r = img.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top, w: r.width, h: r.height };
  }

  surface.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    surface.setPointerCapture(e.pointerId);
    start = point(e);
  });
  surface.addEventListener('pointermove', (e) => {
    if (!start) return;
    const p = point(e);
    const box = boxFromDrag(start, p, p.w, p.h);
    ghost = box
      ? h('div', {
          class: 'blur-box blur-ghost',
          style: `left:${pct(box[0])};top:${pct(box[1])};width:${pct(box[2])};height:${pct(box[3])}`,
        })
      : null;
    draw();
  });
  const finish = (e) => {
    if (!start) return;
    const p = point(e);
    const box = boxFromDrag(start, p, p.w, p.h);
    start = null;
    ghost = null;
    if (box) boxes.push(box);
    draw();
    if (box) onChange();
  };
  surface.addEventListener('pointerup', finish);
  surface.addEventListener('pointercancel', () => {
    start = null;
    ghost = null;
    draw();
  });
  draw();
  return surface;
}
