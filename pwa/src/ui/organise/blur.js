// Before a photo goes on the public map, the organiser draws a box over each
// face, number plate or window to hide: drag on the photo with a mouse, a
// finger or a pen. The server may have proposed boxes over the faces and
// plates it found: she drags a box to move it and taps it to remove it.
// Boxes are fractions of the upright picture, so they fit whatever size the
// server renders; the server does the blurring.
import { h, mount, showBlob } from '../dom.js';
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

// A box moved by (dx, dy) fractions of the picture, its size kept and its
// edges inside the picture.
export function movedBox([x, y, w, h], dx, dy) {
  return [round4(clamp01(Math.min(x + dx, 1 - w))), round4(clamp01(Math.min(y + dy, 1 - h))), w, h];
}

// A pointer that travelled less than this (px) on a box was a tap: remove it.
const TAP_SLOP_PX = 6;

const pct = (v) => `${(v * 100).toFixed(2)}%`;

// The editor: the display copy of the photo (a Blob) with the boxes over it.
// `boxes` is edited in place; onChange is called after every change.
// `proposed` (optional) holds the boxes the server proposed, drawn apart
// until she moves one. The image lets its Blob go once shown (showBlob): an
// organiser checking a walk's photos one after another holds none of those
// she has closed.
export function blurEditor(image, boxes, onChange, proposed = []) {
  const layer = h('div', { class: 'blur-boxes' });
  const img = showBlob(
    h('img', { class: 'blur-img', alt: t('blur.alt'), draggable: false }),
    image,
  );
  const surface = h('div', { class: 'blur-surface' }, img, layer);
  let start = null;
  let ghost = null;
  // The box being dragged: { box, el, from, at, travelled }; false just after a
  // drag, so the click the browser sends then does not remove the box.
  let moving = null;
  const fromServer = new Set(proposed);

  function draw() {
    mount(
      layer,
      boxes.map(([x, y, w, hgt], i) =>
        h(
          'button',
          {
            type: 'button',
            class: `blur-box${fromServer.has(boxes[i]) ? ' is-proposed' : ''}`,
            style: `left:${pct(x)};top:${pct(y)};width:${pct(w)};height:${pct(hgt)}`,
            title: t('blur.remove'),
            'aria-label': t('blur.removeN', { n: i + 1 }),
            onpointerdown: (e) => {
              e.stopPropagation();
              if (e.button !== 0) return;
              // Captured by the box itself, so the click after a tap reaches it.
              e.currentTarget.setPointerCapture(e.pointerId);
              const p = point(e);
              moving = { box: boxes[i], el: e.currentTarget, from: p, at: p, travelled: 0 };
            },
            // A keyboard press, or a tap that did not drag: remove the box.
            onclick: (e) => {
              if (e.detail > 0 && moving === false) {
                moving = null;
                return;
              }
              moving = null;
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
    if (moving) {
      const p = point(e);
      moving.travelled = Math.max(
        moving.travelled,
        Math.hypot(p.x - moving.from.x, p.y - moving.from.y),
      );
      if (moving.travelled < TAP_SLOP_PX) return;
      const at = boxes.indexOf(moving.box);
      const next = movedBox(moving.box, (p.x - moving.at.x) / p.w, (p.y - moving.at.y) / p.h);
      moving.at = p;
      boxes[at] = next;
      moving.box = next;
      // Only this box's place changes; drawing all again would drop the capture.
      moving.el.style.left = pct(next[0]);
      moving.el.style.top = pct(next[1]);
      moving.el.classList.remove('is-proposed');
      return;
    }
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
    if (moving) {
      const dragged = moving.travelled >= TAP_SLOP_PX;
      // After a drag the browser still sends a click to the box: false tells it to
      // keep the box; after a tap, the click removes it.
      moving = dragged ? false : null;
      if (dragged) {
        draw();
        onChange();
      }
      return;
    }
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
    moving = null;
    start = null;
    ghost = null;
    draw();
  });
  draw();
  return surface;
}
