// The walker map's coverage: the "what cameras see" layer and, beside it, the
// route less seen (tap a start, tap an end: the shortest route dashed, the one
// least in view solid, and both lengths). The views work offline from the
// copy the phone keeps (sync/coverage.js); the route needs the network.
import { L } from '../../shared/map.js';
import { addCoverageToggle } from '../../shared/coverage.js';
import { toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { formatNumber } from '../../shared/format.js';
import * as store from '../../db/index.js';
import { walkCoverage } from '../../sync/coverage.js';
import { PICKING_ON_MAP } from './view.js';

export function addWalkCoverage(map, api, walk) {
  addCoverageToggle(map, () => walkCoverage(api, store, walk.id));
  addRouteControl(map, api, walk);
}

function addRouteControl(map, api, walk) {
  const layer = L.layerGroup().addTo(map);
  const button = L.DomUtil.create('button', 'coverage-toggle route-toggle');
  button.type = 'button';
  button.textContent = t('route.toggle');
  button.setAttribute('aria-pressed', 'false');
  L.DomEvent.disableClickPropagation(button);
  let ends = null; // null: not picking; [] then [start]: picking

  function stop() {
    ends = null;
    button.setAttribute('aria-pressed', 'false');
    map.getContainer().classList.remove(PICKING_ON_MAP);
    map.off('click', picked);
  }

  async function picked(event) {
    ends.push({ lat: event.latlng.lat, lon: event.latlng.lng });
    L.circleMarker(event.latlng, { radius: 6, className: 'route-end', interactive: false }).addTo(
      layer,
    );
    if (ends.length < 2) {
      toast(t('route.pickEnd'));
      return;
    }
    const [from, to] = ends;
    stop();
    try {
      const answer = await api.walkRoute(walk.id, from, to);
      const [shortest, lessSeen] = answer.features;
      L.geoJSON(answer, {
        interactive: false,
        style: (f) => ({
          className: f.properties.route === 'shortest' ? 'route-shortest' : 'route-less-seen',
        }),
      }).addTo(layer);
      toast(
        t('route.result', {
          a: formatNumber(shortest.properties.length_m),
          av: formatNumber(shortest.properties.in_view_m),
          b: formatNumber(lessSeen.properties.length_m),
          bv: formatNumber(lessSeen.properties.in_view_m),
        }),
        { ms: 12000 },
      );
    } catch {
      toast(t('route.failed'), { kind: 'warn' });
    }
  }

  L.DomEvent.on(button, 'click', () => {
    if (ends) return stop();
    layer.clearLayers();
    ends = [];
    button.setAttribute('aria-pressed', 'true');
    map.getContainer().classList.add(PICKING_ON_MAP);
    toast(t('route.pickStart'));
    map.on('click', picked);
  });
  const control = L.control({ position: 'topright' });
  control.onAdd = () => button;
  control.addTo(map);
}
