// The public campaign map at /public/<slug>: no login, approved cameras only,
// with what the server chose to publish (kind, operator, direction, survey
// date). Loaded on demand, like the organiser screens.
import './i18n.js';
import './public.css';
import { h, mount } from '../dom.js';
import { t, tv } from '../../i18n/index.js';
import { L, baseMap } from '../../shared/map.js';
import { langSwitch } from '../screens/common.js';
import { formatDate } from '../../shared/format.js';
import { KINDS } from '../../model/observation.js';
import { popupWords } from './words.js';
import { headline } from './headline.js';
import { addCoverageToggle } from '../../shared/coverage.js';
import { drawCameras } from '../../shared/cameras.js';

function popup(p) {
  const words = popupWords(p);
  return h(
    'div',
    { class: 'pub-popup' },
    h('strong', {}, words.heading),
    p.operator ? h('div', {}, p.operator) : null,
    words.mount ? h('div', { class: 'muted' }, words.mount) : null,
    p.surveyed_on
      ? h('div', { class: 'muted' }, t('pub.surveyed', { d: formatDate(p.surveyed_on) }))
      : null,
    p.possible_duplicate ? h('div', { class: 'muted' }, t('pub.possibleDuplicate')) : null,
    words.signage.map((line) => h('div', { class: 'pub-sign' }, line)),
    // Only copies an organiser checked and blurred; served without metadata.
    (p.photos || []).length
      ? h(
          'div',
          { class: 'pub-photos' },
          p.photos.map((url) =>
            h(
              'a',
              { href: url, target: '_blank', rel: 'noopener' },
              h('img', { src: url, alt: t('pub.photo'), loading: 'lazy', width: 160 }),
            ),
          ),
        )
      : null,
  );
}

// Room Leaflet's autoPan keeps between a popup and the map's edges (px).
const POPUP_PAN_PADDING_PX = 12;
// Below this a popup's content is too short to read (px): it scrolls inside.
const POPUP_MIN_HEIGHT_PX = 120;

// A popup is laid out when it opens, and Leaflet pans it into the map then. A
// camera with photos and signage answers can be taller than a phone's map: its
// top went above the map, under the page's header, with its close button. So
// its content is held to the map's height less the popup's frame (its tip, its
// margins) and the pan's padding, and scrolls inside beyond (Leaflet's
// maxHeight); and it is laid out and panned again whenever its content changes
// size: its photos load lazily, with no height at first. Asked on each photo's
// load, the pan still left a popup's top above the map now and then in full
// browser runs (tests/e2e/test_public_map_popup.py), with every photo loaded:
// a size change is what the pan has to follow, whatever made it.
function fitPopupsToMap(map) {
  function fit(popup) {
    const frame = popup.getElement();
    const content = frame.querySelector('.leaflet-popup-content');
    const around =
      frame.offsetHeight -
      content.offsetHeight +
      (parseInt(getComputedStyle(frame).marginBottom, 10) || 0);
    const room = map.getSize().y - 2 * POPUP_PAN_PADDING_PX - around;
    L.setOptions(popup, { maxHeight: Math.max(POPUP_MIN_HEIGHT_PX, room) });
    popup.update();
  }
  map.on('popupopen', ({ popup }) => {
    fit(popup);
    const content = popup.getElement().querySelector('.leaflet-popup-content');
    // Its first call, as it starts observing, is the size fit() just gave it.
    // Fitted at the next frame: fit() changes the size it observes, which
    // within the observer's own call is a loop the browser reports as an error.
    const resized = new ResizeObserver(() =>
      requestAnimationFrame(() => popup.isOpen() && fit(popup)),
    );
    resized.observe(content);
    popup.once('remove', () => resized.disconnect());
  });
}

// One entry per kind on the map, with the dot it is drawn with: the colours mean something.
function legend(features) {
  const kinds = [...new Set(features.map((f) => f.properties.kind))].sort(
    (a, b) => KINDS.indexOf(a) - KINDS.indexOf(b),
  );
  return h(
    'ul',
    { class: 'pub-legend', 'aria-label': t('pub.legend') },
    kinds.map((kind) =>
      h(
        'li',
        {},
        h('span', { class: `obs-dot pub-dot kind-${kind}`, 'aria-hidden': 'true' }),
        tv('kind', kind),
      ),
    ),
  );
}

// A GeoJSON point's position, as the map reads it.
function featureAt({ geometry }) {
  const [lon, lat] = geometry.coordinates;
  return { lat, lon };
}

export async function renderPublicMap(ctx, { slug }) {
  const visit = ctx.visit();
  const title = h('h1', {}, t('pub.heading'));
  const count = h('p', { class: 'pub-count' });
  const mapEl = h('div', { class: 'pub-map' });
  mount(
    ctx.root,
    h(
      'main',
      { class: 'pub' },
      h(
        'header',
        { class: 'pub-head' },
        h('div', {}, title, count),
        langSwitch(() => ctx.go('public', { slug })),
      ),
      mapEl,
      h('p', { class: 'pub-credit muted' }, t('pub.credit')),
    ),
  );
  let data;
  let config = ctx.config;
  try {
    [data, config] = await Promise.all([
      ctx.api.publicCameras(slug),
      ctx.config ? Promise.resolve(ctx.config) : ctx.api.config().catch(() => null),
    ]);
  } catch (err) {
    if (visit !== ctx.visit()) return;
    mapEl.remove();
    count.textContent = err.status === 404 ? t('pub.missing') : t('error.network');
    return;
  }
  if (visit !== ctx.visit()) return;
  title.textContent = data.name || t('pub.heading');
  count.textContent = headline(data);
  if (data.features.length) mapEl.before(legend(data.features));
  const map = baseMap(mapEl, config, {}, { ownTilesOnly: Boolean(data.own_tiles_only) });
  fitPopupsToMap(map);
  const bounds = L.latLngBounds(data.features.map(featureAt));
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18 });
  else map.setView([43.2965, 5.3698], 14);
  // Each kind's dot is the legend's, its colour in public.css alone: the
  // canvas reads it there too, and the key says what the dots are.
  drawCameras(map, data.features, {
    at: featureAt,
    dotClass: ({ properties }) => `obs-dot pub-dot kind-${properties.kind}`,
    look: ({ properties }) => ({
      title: tv('kind', properties.kind),
      direction: properties.direction,
      cone: 'cone',
    }),
    popup: ({ properties }) => popup(properties),
    popupOptions: { autoPanPadding: [POPUP_PAN_PADDING_PX, POPUP_PAN_PADDING_PX] },
  });
  // The views' button only when the campaign publishes them, as its cameras
  // say (`coverage_public`): asked for unpublished, they answer 404, an error
  // in every visitor's console. Read the first time she shows them.
  if (data.coverage_public) addCoverageToggle(map, () => ctx.api.publicCoverage(slug));
  ctx.keep(visit, () => map.remove());
}
