// Numbers and dates in the reader's language, through Intl: "3 ha", "99,5",
// "1,368 km²" in French (read there as one and a bit, not one thousand). One
// date style for every screen, walkers' and organisers': "3 déc. 2026".
import { language, tv } from '../i18n/index.js';
import { KINDS, SIGN_CHECKLIST } from '../model/observation.js';

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
// A text someone typed, set into a sentence of ours: isolated (U+2068 FIRST
// STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE), so that an Arabic or
// Hebrew name reads right, and a direction override typed into it (U+202E)
// reverses nothing past it: an operator ending in one turned "relevée par
// mouette" after it into "ettuom rap eéveler".
export const typed = (text) => `\u2068${text}\u2069`;

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

// Metres between two things as organisers read them, on every screen: whole
// metres. A phone's fix is good to a few metres; "2,22 m" on one screen beside
// "2 m" on the next claimed a precision no walker has, and looked like two pairs.
export function formatMetres(m) {
  return m == null || Number.isNaN(Number(m)) ? '?' : formatNumber(m);
}

const CHOICES = new Set([
  'kind',
  'camera_type',
  'mount',
  'surveillance',
  'zone',
  'presence',
  'sign',
  'filmed_by',
]);
// The signage checklist and "aimed at the road" share one yes/no wording.
const YES_NO_FIELDS = new Set([...SIGN_CHECKLIST, 'aimed_at_road']);

// A device's kind as a person reads it: camwalk's kinds in her words, a
// `surveillance:type` a mapper wrote that camwalk does not know as written.
// The walker's banner and the organiser's review card both name a mapped
// device with it.
export function kindWords(kind) {
  return KINDS.includes(kind) ? tv('kind', kind) : kind;
}

// Several such kinds (a node tagged `camera;ALPR`), in one phrase.
export const kindsWords = (kinds) => kinds.map(kindWords).join(', ');

// One surveyed field's value as a person reads it: the walker's words for a
// choice, degrees, metres, a date, a point.
export function fieldValue(field, value) {
  if (value == null || value === '') return '—';
  if (field === 'direction' && Array.isArray(value)) return value.map((d) => `${d}°`).join(', ');
  if (field === 'height_m') return `${value} m`;
  if (field === 'surveyed_on') return formatDate(value);
  if (CHOICES.has(field)) return tv(field, value);
  if (YES_NO_FIELDS.has(field)) return tv('yes_no', value);
  if (field === 'position' && value.lat != null) {
    return `${value.lat.toFixed(6)}, ${value.lon.toFixed(6)}`;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
