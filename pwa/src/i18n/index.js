// French first, English second. The language comes from the browser unless
// the walker picked one with the switch (kept in localStorage: a UI choice,
// not survey data).
import fr from './fr.js';
import en from './en.js';

export const DICTIONARIES = { fr, en };
export const LANGUAGES = ['fr', 'en'];
const KEY = 'camwalk.lang';

let current = 'fr';

export function pickLanguage(preferred = [], saved = null) {
  if (saved && LANGUAGES.includes(saved)) return saved;
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'fr';
}

export function initLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Private mode may forbid storage: the browser language still works.
  }
  const preferred =
    typeof navigator !== 'undefined' ? navigator.languages || [navigator.language] : [];
  setLanguage(pickLanguage(preferred, saved), false);
  return current;
}

export function setLanguage(lang, remember = true) {
  current = LANGUAGES.includes(lang) ? lang : 'fr';
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  if (remember) {
    try {
      localStorage.setItem(KEY, current);
    } catch {
      // Not remembered, still applied for this visit.
    }
  }
}

export const language = () => current;

// t('map.accuracy', {m: 6}); a missing key shows itself so it
// gets noticed instead of leaving an empty button.
export function t(key, params = {}) {
  const text = DICTIONARIES[current][key] ?? DICTIONARIES.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// One Intl.PluralRules per language, made when first needed: building one
// costs about 20 times the select() it serves (Node 10,000 of each: ~150 ms
// against ~7 ms), and a screen may say a count per row.
const PLURAL_RULES = new Map();
function pluralRules(lang) {
  if (!PLURAL_RULES.has(lang)) PLURAL_RULES.set(lang, new Intl.PluralRules(lang));
  return PLURAL_RULES.get(lang);
}

// A sentence about a count, in the form the language gives that count:
// tp('sync.conflicts', 1) reads the key's '.one' text, 2 its '.other'
// one. French says "0 caméra" and "1 caméra" alike, English "0 cameras":
// Intl.PluralRules knows which is which, "(s)" left it to the reader.
// n is also the {n} of the text unless params names it otherwise.
export function tp(key, n, params = {}) {
  const form = pluralRules(current).select(n);
  const dictionary = DICTIONARIES[current];
  const chosen = `${key}.${form}` in dictionary ? `${key}.${form}` : `${key}.other`;
  return t(chosen, { n, ...params });
}

// Her unsent work as she counts it: "2 cameras, 1 photo" (no photos, no
// "0 photos"). Cameras, not changes: a new camera and its photo are two
// changes on the wire but one camera in her walk.
export function countedWork(cameras, photos = 0) {
  const parts = [tp('count.cameras', cameras)];
  if (photos) parts.push(tp('count.photos', photos));
  return parts.join(', ');
}

// A value of the survey (kind, mount...) in the walker's words.
export function tv(field, value) {
  return value == null ? '—' : t(`v.${field}.${value}`);
}

export function formatBytes(bytes) {
  const units = current === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const num = new Intl.NumberFormat(current, { maximumFractionDigits: i ? 1 : 0 }).format(v);
  return `${num} ${units[i]}`;
}
