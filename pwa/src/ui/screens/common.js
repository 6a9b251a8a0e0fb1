// Pieces several full-page screens share.
import { h } from '../dom.js';
import { language, setLanguage, t } from '../../i18n/index.js';
import { ICONS } from '../icons.js';
import { errorMessage } from '../../i18n/errors.js';

export function page(ctx, title, ...children) {
  return h(
    'main',
    { class: 'page' },
    h(
      'header',
      { class: 'page-head' },
      h('span', { class: 'logo', html: ICONS.dome }),
      h('span', { class: 'brand' }, 'camwalk'),
    ),
    h('h1', {}, title),
    ...children,
  );
}

export function langSwitch(rerender) {
  return h(
    'button',
    {
      class: 'btn btn-link lang',
      type: 'button',
      lang: language() === 'fr' ? 'en' : 'fr',
      onclick: () => {
        setLanguage(language() === 'fr' ? 'en' : 'fr');
        rerender();
      },
    },
    t('lang.switch'),
  );
}

// An API failure in the walker's words; `specific` gives a screen's own
// sentence for a status or code, the shared dictionary has the rest.
export function errorText(err, specific = {}) {
  if (!err) return '';
  if (err.status !== 0 && specific[err.status]) return t(specific[err.status]);
  if (specific[err.code]) return t(specific[err.code]);
  return errorMessage(err);
}

export function deviceLabel() {
  const ua = navigator.userAgent || '';
  const m = /\(([^;)]+)/.exec(ua);
  return (m ? m[1] : 'browser').slice(0, 60);
}

// Disable a form's button while its request runs, to avoid double joins.
export async function busy(button, fn) {
  button.disabled = true;
  try {
    return await fn();
  } finally {
    button.disabled = false;
  }
}
