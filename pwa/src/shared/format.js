// Numbers and dates in the reader's language, through Intl: "3 ha", "99,5",
// "1,368 km²" in French (read there as one and a bit, not one thousand). One
// date style for every screen, walkers' and organisers': "3 déc. 2026".
import { language } from '../i18n/index.js';

const cache = new Map();

function formatter(kind, options) {
  const key = `${language()}|${kind}|${JSON.stringify(options)}`;
  if (!cache.has(key)) {
    const make = kind === 'number' ? Intl.NumberFormat : Intl.DateTimeFormat;
    cache.set(key, new make(language(), options));
  }
  return cache.get(key);
}

// At most `digits` decimals, none shown when they are zeros ("3 ha", not "3,0 ha").
export function formatNumber(value, digits = 0) {
  if (value == null || Number.isNaN(Number(value))) return '—';
  return formatter('number', { maximumFractionDigits: digits }).format(value);
}

// A calendar day ("2026-12-03") is read at noon, so no time zone moves it to the day before.
function toDate(iso) {
  const text = String(iso);
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00` : text);
}

export function formatDate(iso) {
  if (!iso) return '—';
  const d = toDate(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return formatter('date', { dateStyle: 'medium' }).format(d);
}

export function formatDateTime(iso) {
  if (!iso) return '—';
  const d = toDate(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return formatter('date', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
