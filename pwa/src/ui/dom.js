// A tiny element builder: enough for a handful of screens without a
// framework. h('button', {class: 'x', onclick}, 'label', child...)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'html') {
      el.innerHTML = value; // only for our own static SVG icons
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function mount(container, ...children) {
  container.replaceChildren();
  append(container, children);
  return container;
}

// Shows a Blob (a photo from IndexedDB or the server) in an <img>. Its object
// URL is let go once the image has loaded or failed: until then the URL pins
// the Blob, and a walker opens many sheets in a day.
export function showBlob(img, blob) {
  const url = URL.createObjectURL(blob);
  const release = () => URL.revokeObjectURL(url);
  img.addEventListener('load', release, { once: true });
  img.addEventListener('error', release, { once: true });
  img.src = url;
  return img;
}

// A short message at the bottom of the screen, read out by screen readers.
// One showing already says the same: it stays, for `ms` from now, and no
// second one is added. Logging fast piled seven "Saved on the phone." over
// the form she was filling.
const hideTimers = new WeakMap();

export function toast(text, { kind = 'info', ms = 3500 } = {}) {
  const host = document.getElementById('toasts');
  if (!host) return;
  const className = `toast toast-${kind}`;
  const same = [...host.children].find(
    (el) => el.className === className && el.textContent === text,
  );
  const el =
    same || h('div', { class: className, role: kind === 'error' ? 'alert' : 'status' }, text);
  clearTimeout(hideTimers.get(el));
  // Last, as the newest is: the one she reads beside what just happened.
  host.append(el);
  hideTimers.set(
    el,
    setTimeout(() => el.remove(), ms),
  );
}
