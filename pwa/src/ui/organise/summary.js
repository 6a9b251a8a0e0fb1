// The walk at a glance: map with cones and the walk's area, big numbers,
// charts by kind / operator / zone / mount, new versus already in OSM, the
// photos, and the Organised Editing checklist. Prints on paper as it reads.
import { h, mount } from '../dom.js';
import { t, tp, tv } from '../../i18n/index.js';
import { failed, loading } from './util.js';
import { barChart, splitBar, splitLegend } from './charts.js';
import { photoBag } from './photos.js';
import { L, addArea, baseMap } from '../../shared/map.js';
import { drawCameras } from '../../shared/cameras.js';
import { checklistCard } from './checklist.js';
import { formatNumber } from '../../shared/format.js';
import { addCoverageToggle } from '../../shared/coverage.js';
import { coverageCard } from './coverage.js';
import { mapTitle, othersLine, sumLines } from './sumlines.js';
import { waitingLine } from './waiting.js';

function valueLabel(field) {
  return (key) => (key === 'unknown' ? t('sum.unknown') : field ? tv(field, key) : key);
}

function stat(n, label, cls = '', note = null) {
  return h(
    'div',
    { class: `stat ${cls}` },
    h('strong', {}, formatNumber(n)),
    h('span', {}, label),
    note ? h('small', { class: 'stat-note' }, note) : null,
  );
}

function sumLine(cls, [total, label], parts) {
  const part = ([key, n, words]) =>
    h('span', { class: `sum-part sum-part-${key}` }, h('strong', {}, formatNumber(n)), ` ${words}`);
  return h(
    'p',
    { class: `sum-line ${cls}` },
    h('strong', {}, formatNumber(total)),
    ` ${label} = `,
    parts.flatMap((p, i) => (i ? [' + ', part(p)] : [part(p)])),
  );
}

function chartCard(title, counts, field) {
  return h(
    'figure',
    { class: 'org-card chart-card' },
    h('figcaption', {}, title),
    barChart(counts, {
      title,
      label: valueLabel(field),
      rest: (values) => tp('sum.rest', values, { n: formatNumber(values) }),
    }),
  );
}

// The walk's cameras as the public map draws a campaign's (shared/cameras.js):
// dots on a canvas, and markers with cones around the view when few enough are
// there. Drawn as markers all, a day of action's tens of thousands froze the
// organiser's laptop (docs/capacity.md). A dot has its marker's colour, as
// its classes give it (in OSM or new, and its review); no popups, no keyboard
// stop: the review screen is where a camera is opened.
function cameraLayer(map, summary) {
  // The walk's area, or its cameras, in view first: the markers are those around it.
  const area = addArea(L.featureGroup().addTo(map), summary.walk.area);
  const bounds = area
    ? area.getBounds()
    : L.latLngBounds(summary.cameras.map(({ lat, lon }) => [lat, lon]));
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  else map.setView([43.2965, 5.3698], 15);
  drawCameras(map, summary.cameras, {
    at: ({ lat, lon }) => ({ lat, lon }),
    dotClass: (cam) => (cam.in_osm ? 'osm-dot' : `obs-dot state-safe review-${cam.review_status}`),
    look: (cam) => ({
      title: `${tv('kind', cam.kind)} · ${cam.operator || ''}`,
      direction: cam.direction,
      cone: cam.in_osm ? 'cone cone-osm' : 'cone cone-safe',
    }),
  });
}

export async function render(host, octx) {
  const { api, walk } = octx;
  if (!walk) {
    mount(host, h('p', { class: 'rev-empty' }, t('sum.pickWalk')));
    return null;
  }
  mount(host, loading());
  let summary;
  let coverage;
  try {
    // Coverage is a bonus: a summary still shows if its views cannot be had.
    [summary, coverage] = await Promise.all([
      api.walkSummary(walk.id),
      api.walkCoverage(walk.id).catch(() => null),
    ]);
  } catch (err) {
    failed(err);
    return null;
  }
  const photos = photoBag(api);
  const totals = summary.totals;
  const lines = sumLines(totals);
  const others = othersLine(totals);
  const waiting = waitingLine(summary.cameras || []);
  const mapEl = h('div', { class: 'sum-map', role: 'region', 'aria-label': mapTitle(summary) });
  mount(
    host,
    h(
      'section',
      { class: 'summary' },
      h(
        'header',
        { class: 'sum-head' },
        h('h2', {}, summary.walk.name),
        h(
          'button',
          { type: 'button', class: 'btn no-print', onclick: () => window.print() },
          t('sum.print'),
        ),
      ),
      h(
        'div',
        { class: 'stats' },
        stat(lines.total[0], lines.total[1], 'stat-cameras'),
        ...lines.osm.map(([key, n, words]) =>
          key === 'rejected'
            ? stat(n, words, 'stat-rejected', tp('sum.rejectedNote', n))
            : stat(n, words, `stat-${key}`),
        ),
        stat(
          totals.reported_gone,
          tp('sum.gone', totals.reported_gone),
          'stat-gone',
          tp('sum.goneNote', totals.cameras, { n: formatNumber(totals.cameras) }),
        ),
      ),
      sumLine('sum-osm', lines.total, lines.osm),
      sumLine('sum-review', lines.total, lines.review),
      // What the review queue holds, split as the queue says it (waiting.js).
      waiting ? h('p', { class: 'sum-waiting' }, waiting) : null,
      others ? h('p', { class: 'muted sum-others' }, others) : null,
      // Approved once, then edited by a walker: still published as approved
      // while "to review", so the public figure is said apart.
      h(
        'p',
        { class: 'muted sum-published' },
        tp('sum.published', totals.published, { n: formatNumber(totals.published) }),
      ),
      // Flagged as one device and not merged: both counted, so the figures say
      // so (server/reports/duplicates.py); merging is in the duplicates list.
      totals.open_duplicate_pairs
        ? h(
            'p',
            { class: 'muted sum-duplicates' },
            t('sum.duplicates', { n: formatNumber(totals.open_duplicate_pairs) }),
          )
        : null,
      h(
        'div',
        { class: 'sum-split' },
        splitBar(
          lines.osm.map(([, n]) => n),
          { labels: lines.osm.map(([, , words]) => words) },
        ),
        splitLegend(
          lines.osm.map(([, n, words], i) => ({
            n: formatNumber(n),
            label: words,
            cls: `split-${'abc'[i]}`,
          })),
        ),
        summary.coverage && summary.coverage.area_km2
          ? h(
              'p',
              { class: 'muted' },
              // The form follows the figure as shown, one decimal: "1,5 caméra / km²".
              tp('sum.density', Math.round(summary.coverage.cameras_per_km2 * 10) / 10, {
                n: formatNumber(summary.coverage.cameras_per_km2, 1),
                a: formatNumber(summary.coverage.area_km2, 3),
              }),
            )
          : null,
      ),
      mapEl,
      // Rejected records are not published: the charts count the others.
      h(
        'p',
        { class: 'muted sum-charts-count' },
        tp('sum.chartsCount', totals.new + totals.in_osm, {
          n: formatNumber(totals.new + totals.in_osm),
        }),
      ),
      h(
        'div',
        { class: 'charts' },
        chartCard(t('sum.byOperator'), summary.by_operator, null),
        chartCard(t('sum.byKind'), summary.by_kind, 'kind'),
        chartCard(t('sum.byMount'), summary.by_mount, 'mount'),
        chartCard(t('sum.byZone'), summary.by_zone, 'zone'),
      ),
      h(
        'section',
        { class: 'org-card gallery' },
        h('h3', {}, t('sum.photos')),
        summary.photos.length
          ? h(
              'div',
              { class: 'rev-photos' },
              summary.photos.map((p) => photos.thumb(p, tv('role', p.role))),
            )
          : h('p', { class: 'muted' }, t('sum.noPhotos')),
      ),
      coverageCard(coverage),
      checklistCard(octx),
    ),
  );
  const map = baseMap(
    mapEl,
    octx.ctx.config,
    { scrollWheelZoom: false },
    { ownTilesOnly: octx.ownTilesOnly },
  );
  cameraLayer(map, summary);
  if (coverage) addCoverageToggle(map, () => Promise.resolve(coverage));
  return () => {
    map.remove();
    photos.release();
  };
}
