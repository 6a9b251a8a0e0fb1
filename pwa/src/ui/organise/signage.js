// The commune's signage file (server/reports/signage.py): the print view of
// what the survey found, and the same file as PDF and CSV. The commune is the
// walk's name: walks named alike are one file. Facts only; the method section
// says how they were gathered. It prints on paper as it reads (organise.css
// hides the tabs and these buttons).
import { h, mount } from '../dom.js';
import { language, t, tp, tv } from '../../i18n/index.js';
import { act, failed, loading, saveBlob } from './util.js';
import { formatDate, formatNumber } from '../../shared/format.js';
import { SIGN_CHECKLIST } from '../../model/observation.js';

// The cameras' signs, one state each (sync/signage.py): shown under the number
// of cameras, which they add up to, so that nobody reads the difference as
// 'no sign'.
const SIGN_COUNTS = [
  'no_sign',
  'complete_sign',
  'incomplete_sign',
  'partly_checked_sign',
  'sign_not_checked',
];
const SVG = 'http://www.w3.org/2000/svg';

// The figures in print order; `part` marks the sign states under 'cameras'.
export function countLines(counts) {
  return ['cameras', ...SIGN_COUNTS, 'private_aimed_at_road'].map((key) => ({
    key,
    label: t(`sig.count.${key}`),
    n: counts[key],
    part: SIGN_COUNTS.includes(key),
  }));
}

function svg(name, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

// The server places every counted camera in a 1 × aspect box; the listed ones
// carry their table number. No tiles: the drawing prints the same offline.
export function mapDrawing(drawing) {
  const width = 600;
  const height = Math.round(width * drawing.aspect);
  const sorted = drawing.points.slice().sort((a, b) => (a.number != null) - (b.number != null));
  return svg(
    'svg',
    {
      class: 'sig-map',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': t('sig.map'),
    },
    svg('rect', { x: 0.5, y: 0.5, width: width - 1, height: height - 1, class: 'sig-frame' }),
    ...sorted.map((p) => {
      const x = p.x * width;
      const y = p.y * width;
      if (p.number == null) return svg('circle', { cx: x, cy: y, r: 4, class: 'sig-other' });
      const label = svg('text', { x: x + 8, y: y + 4, class: 'sig-label' });
      label.textContent = String(p.number);
      return svg('g', {}, svg('circle', { cx: x, cy: y, r: 6, class: 'sig-listed' }), label);
    }),
  );
}

// What a line lacks, as the server decided it (sync/signage.py): the sign
// itself ('sign') or the items recorded as not stated; and the items nobody
// recorded, said as such rather than counted as missing.
const lackingWord = (n) => (n === 'sign' ? t('sig.noSign') : t(`field.${n}`));

export function lackingText(line) {
  const parts = [];
  if (line.lacking.length) parts.push(line.lacking.map(lackingWord).join(', '));
  if (line.unanswered.length) {
    const items = line.unanswered.map((n) => t(`field.${n}`)).join(', ');
    parts.push(t('sig.unanswered', { items }));
  }
  return parts.join(language() === 'fr' ? ' ; ' : '; ');
}

// A line's number, marked * when it may be the same device as another camera
// (an open duplicate hint the organisers have not dealt with).
export const numberText = (line) => `${line.number}${line.possible_duplicate ? '*' : ''}`;

function photoCell(api, walkId, line, urls) {
  if (!line.photos.length) return '—';
  return line.photos.map((sha) => {
    const img = h('img', { alt: t('sig.photo', { n: line.number }), width: 120 });
    api
      .signagePhoto(walkId, sha)
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        urls.push(url);
        img.src = url;
      })
      .catch(() => img.remove());
    return img;
  });
}

function table(api, walkId, rows, urls) {
  if (!rows.length) return h('p', { class: 'muted' }, t('sig.noneListed'));
  const heads = ['number', 'surveyed_on', 'lacking', 'filmed_by', 'aimed_at_road', 'position'];
  // On a phone the table scrolls inside its box, not the whole page.
  return h(
    'div',
    { class: 'sig-table-wrap' },
    h(
      'table',
      { class: 'sig-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          heads.map((k) => h('th', { scope: 'col' }, t(`sig.col.${k}`))),
          h('th', { scope: 'col' }, t('sig.col.photos')),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((line) =>
          h(
            'tr',
            { dataset: { id: line.id } },
            h('td', {}, numberText(line)),
            h('td', {}, line.surveyed_on ? formatDate(line.surveyed_on) : '—'),
            h('td', {}, lackingText(line)),
            h('td', {}, tv('filmed_by', line.filmed_by)),
            h('td', {}, tv('yes_no', line.aimed_at_road)),
            h('td', {}, `${line.lat.toFixed(5)}, ${line.lon.toFixed(5)}`),
            h('td', { class: 'sig-photos' }, photoCell(api, walkId, line, urls)),
          ),
        ),
      ),
    ),
  );
}

function method(report) {
  const m = report.method;
  const walks = report.walks.map((w) => (w.date ? `${w.name} (${formatDate(w.date)})` : w.name));
  return [
    h(
      'p',
      {},
      t('sig.methodWhat', { items: SIGN_CHECKLIST.map((n) => t(`field.${n}`)).join(', ') }),
    ),
    h(
      'p',
      {},
      tp('sig.methodWhen', m.surveyors, {
        first: m.first_day ? formatDate(m.first_day) : '—',
        last: m.last_day ? formatDate(m.last_day) : '—',
      }),
    ),
    h('p', {}, t('sig.methodWalks', { walks: walks.join(', ') })),
    h('p', { class: 'muted' }, t('sig.facts')),
  ];
}

export function signageView(api, walkId, report, urls) {
  return h(
    'article',
    { class: 'sig-file' },
    h('h1', {}, t('sig.heading', { commune: report.commune })),
    h('h2', {}, t('sig.counts')),
    h(
      'dl',
      { class: 'sig-counts' },
      countLines(report.counts).flatMap(({ key, label, n, part }) => {
        const cls = part ? 'sig-part' : '';
        return [
          h('dt', { class: cls }, label),
          h('dd', { class: cls, dataset: { count: key } }, formatNumber(n)),
        ];
      }),
    ),
    report.open_duplicate_pairs
      ? h(
          'p',
          { class: 'sig-warning' },
          tp('sig.duplicates', report.open_duplicate_pairs, {
            n: formatNumber(report.open_duplicate_pairs),
          }),
        )
      : null,
    h('h2', {}, t('sig.map')),
    mapDrawing(report.map),
    h('h2', {}, t('sig.table')),
    table(api, walkId, report.rows, urls),
    h('h2', {}, t('sig.method')),
    ...method(report),
  );
}

export async function render(host, octx) {
  const { api, walk } = octx;
  if (!walk) {
    mount(host, h('p', { class: 'rev-empty' }, t('sum.pickWalk')));
    return null;
  }
  mount(host, loading());
  let report;
  try {
    report = await api.signage(walk.id);
  } catch (err) {
    failed(err);
    return null;
  }
  const urls = [];
  const download = (kind, form) => (e) =>
    act(e.currentTarget, async () => {
      const file = await api.signageFile(walk.id, kind, language(), form);
      saveBlob(file.blob, file.filename);
    });
  mount(
    host,
    h(
      'div',
      { class: 'signage-page' },
      h(
        'div',
        { class: 'org-card no-print sig-actions' },
        h('p', { class: 'muted' }, t('sig.what')),
        h(
          'button',
          { type: 'button', class: 'btn btn-primary', id: 'sig-print', onclick: () => print() },
          t('sig.print'),
        ),
        h(
          'button',
          { type: 'button', class: 'btn', id: 'sig-pdf', onclick: download('pdf') },
          'PDF',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            id: 'sig-csv',
            onclick: download('csv', { spreadsheet: true }),
          },
          t('exp.csv'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            id: 'sig-csv-data',
            onclick: download('csv', { spreadsheet: false }),
          },
          t('exp.csvData'),
        ),
      ),
      signageView(api, walk.id, report, urls),
    ),
  );
  return () => urls.forEach((url) => URL.revokeObjectURL(url));
}
