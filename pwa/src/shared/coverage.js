// What the cameras see, drawn on any camwalk map (walker, summary, public):
// each camera's view at three ranges, widest first so the nearer ranges lie
// on top, behind a toggle button. The views are asked for the first time the
// layer is shown: a map never pays for them unasked, and a walker offline
// keeps a working map (the button says why nothing came).
import './coverage.css';
import { L } from './map.js';
import { t } from '../i18n/index.js';

export function drawCoverage(layer, collection) {
  layer.clearLayers();
  L.geoJSON(collection, {
    interactive: false,
    style: (feature) => ({ className: `coverage coverage-${feature.properties.range}` }),
  }).addTo(layer);
}

// load() → Promise of a GeoJSON FeatureCollection; onLoaded(answer) after the first load.
export function addCoverageToggle(map, load, { onLoaded } = {}) {
  const layer = L.layerGroup();
  let answer = null;
  const control = L.control({ position: 'topright' });
  const button = L.DomUtil.create('button', 'coverage-toggle');
  button.type = 'button';
  button.textContent = t('coverage.toggle');
  button.setAttribute('aria-pressed', 'false');
  L.DomEvent.disableClickPropagation(button);
  const pressed = (on) => button.setAttribute('aria-pressed', on ? 'true' : 'false');

  async function toggle() {
    if (map.hasLayer(layer)) {
      map.removeLayer(layer);
      pressed(false);
      return;
    }
    pressed(true);
    layer.addTo(map);
    if (answer) return;
    button.classList.add('busy');
    try {
      answer = await load();
      drawCoverage(layer, answer);
      button.title = answer.features.length ? '' : t('coverage.none');
      if (onLoaded) onLoaded(answer);
    } catch {
      map.removeLayer(layer);
      pressed(false);
      button.title = t('coverage.failed');
    } finally {
      button.classList.remove('busy');
    }
  }

  L.DomEvent.on(button, 'click', toggle);
  control.onAdd = () => button;
  control.addTo(map);
  return { layer, toggle, button };
}
