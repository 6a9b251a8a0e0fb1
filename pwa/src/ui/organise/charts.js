// Hand-made horizontal bar charts in SVG: a dozen lines instead of a chart
// library. Labels are text nodes, so operator names typed by walkers stay text.
const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text != null) el.textContent = text;
  return el;
}

// The bars of a chart, largest first: [key, n] each. A chart has room for `max`
// bars; with more values than that, the last bar is the rest, [REST, n, values],
// so that the bars still add up to the cameras its caption counts (cut at eight,
// an operator chart once left six of its 32 cameras out, without a word).
const REST = Symbol('rest');

function chartRows(counts, max = 8) {
  const rows = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  if (rows.length <= max) return rows;
  const rest = rows.slice(max - 1);
  const n = rest.reduce((sum, [, count]) => sum + count, 0);
  return [...rows.slice(0, max - 1), [REST, n, rest.length]];
}

// counts: {label: n}; label(key) gives the words shown, rest(values) those of the
// bar that sums the values left over.
export function barChart(counts, { title, label = (k) => k, rest = (v) => `+${v}`, max = 8 } = {}) {
  const rows = chartRows(counts, max);
  const top = Math.max(1, ...rows.map(([, n]) => n));
  const rowH = 28;
  const labelW = 220;
  const barW = 170;
  const svg = s('svg', {
    viewBox: `0 0 ${labelW + barW + 40} ${rows.length * rowH + 4}`,
    class: 'bar-chart',
    role: 'img',
    'aria-label': title || '',
  });
  rows.forEach(([key, n, values], i) => {
    const y = i * rowH + 2;
    const words = key === REST ? rest(values) : label(key);
    const text = s(
      'text',
      { x: labelW - 8, y: y + 18, 'text-anchor': 'end', class: 'bar-label' },
      words.length > 32 ? `${words.slice(0, 31)}…` : words,
    );
    text.append(s('title', {}, words));
    svg.append(
      text,
      s('rect', {
        x: labelW,
        y: y + 4,
        width: Math.max(2, (n / top) * barW),
        height: rowH - 8,
        rx: 4,
        class: `bar bar-${i % 4}`,
      }),
      s('text', { x: labelW + (n / top) * barW + 6, y: y + 18, class: 'bar-value' }, String(n)),
    );
  });
  return svg;
}

const SPLIT_CLASSES = ['split-a', 'split-b', 'split-c'];

// The parts of a whole as one split bar (new, already in OSM, rejected):
// `counts` in order, `labels` their words; classes split-a, split-b, split-c.
export function splitBar(counts, { labels = [] } = {}) {
  const total = Math.max(
    1,
    counts.reduce((sum, n) => sum + n, 0),
  );
  const svg = s('svg', {
    viewBox: '0 0 400 36',
    class: 'split-bar',
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': counts.map((n, i) => `${n} ${labels[i] || ''}`.trim()).join(', '),
  });
  let x = 0;
  counts.forEach((n, i) => {
    const width = (n / total) * 400;
    svg.append(s('rect', { x, y: 0, width, height: 36, class: SPLIT_CLASSES[i] }));
    x += width;
  });
  return svg;
}

// The split bar's key: a colour swatch, the count and its words for each part.
export function splitLegend(parts) {
  const list = document.createElement('ul');
  list.className = 'split-legend';
  for (const { n, label, cls } of parts) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${cls}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, `${n} ${label}`);
    list.append(item);
  }
  return list;
}
