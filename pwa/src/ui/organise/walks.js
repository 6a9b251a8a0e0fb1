// Walks: create one (name, date, and its area drawn by tapping corners on the
// map), then fetch the cameras already in OpenStreetMap around it, so that
// walkers see them before they set off and do not log them again. A walk made
// with an area is loaded at once: the organiser is online then, and a walk
// nobody loaded has no walk map on the phones in a street without signal.
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { areaPolygon, areaProblem, areaSquareMetres } from '../../geo/area.js';
import { act, failed, failureText, loading } from './util.js';
import { farCameraLines, fetchedText } from './osmfetch.js';
import { L, addArea, baseMap } from '../../shared/map.js';
import { formatDate, formatDateTime, formatNumber } from '../../shared/format.js';

const FALLBACK_VIEW = { center: [43.2965, 5.3698], zoom: 15 }; // Marseille

export async function render(host, octx) {
  const { api, groupId, ctx } = octx;
  let walks = octx.walks || [];
  mount(host, loading());
  const listHost = h('div', { class: 'walk-list' });
  const mapEl = h('div', { class: 'walk-draw-map', id: 'walk-draw-map' });
  const drawing = areaDrawing(mapEl, ctx.config, walks, octx.ownTilesOnly);

  function drawList() {
    mount(
      listHost,
      walks.length
        ? h(
            'ul',
            { class: 'plain' },
            walks.map((w) => h('li', {}, walkCard(w))),
          )
        : h('p', { class: 'muted' }, t('walks.none')),
    );
  }

  function walkCard(walk) {
    // When its OSM cameras were last loaded: an upload waits for a load after any
    // osmChange file exported (server/exports/upload.py held_back).
    const out = h(
      'p',
      { class: 'walk-fetched', role: 'status' },
      walk.osm_fetched_at
        ? t('walks.lastFetched', { at: formatDateTime(walk.osm_fetched_at) })
        : t('walks.neverFetched'),
    );
    // The cameras to look at when the fetch is refused for one logged far away.
    const far = h('div', { class: 'walk-far' });
    const fetchButton = h(
      'button',
      {
        type: 'button',
        class: 'btn walk-osm-fetch',
        onclick: (e) =>
          act(e.currentTarget, async () => {
            const before = out.textContent;
            mount(out, t('walks.fetching'));
            mount(far);
            try {
              const result = await api.osmFetch(walk.id);
              mount(out, fetchedText(result));
            } catch (err) {
              mount(out, before); // what was loaded before still holds
              const lines = farCameraLines(err);
              if (lines.length) {
                mount(
                  far,
                  h('p', { class: 'warn' }, t('walks.farHeading')),
                  h(
                    'ul',
                    { class: 'plain' },
                    lines.map((line) => h('li', {}, line)),
                  ),
                );
              }
              throw err;
            }
          }),
      },
      t('walks.fetchOsm'),
    );
    if (ctx.organiseLoadWalk === walk.id) {
      ctx.organiseLoadWalk = null;
      queueMicrotask(() => fetchButton.click());
    }
    return h(
      'article',
      { class: 'org-card walk-card', dataset: { walk: String(walk.id) } },
      h('h3', {}, walk.name),
      h(
        'p',
        { class: 'muted' },
        formatDate(walk.date),
        ' · ',
        walk.area ? t('walks.hasArea') : t('walks.noArea'),
      ),
      h(
        'div',
        { class: 'actions' },
        fetchButton,
        h(
          'button',
          {
            type: 'button',
            class: 'btn walk-review',
            onclick: () => ctx.go('organise', { tab: 'review', walkId: walk.id }),
          },
          t('walks.review'),
        ),
      ),
      out,
      far,
    );
  }

  const form = walkForm(drawing, async (walk, button) =>
    act(button, async () => {
      const made = await api.createWalk(groupId, walk).catch((err) => {
        // Said beside the map too, where she redraws it, not only in a passing toast.
        if (err.code === 'walk_area_too_large') drawing.refused(failureText(err));
        throw err;
      });
      walks = [made, ...walks];
      ctx.organiseWalks = walks;
      toast(t('walks.made', { name: made.name }));
      if (made.area) ctx.organiseLoadWalk = made.id;
      // The shell's walk picker lists the new walk once the screen is drawn again.
      ctx.go('organise', { tab: 'walks', walkId: made.id });
    }),
  );

  mount(
    host,
    h(
      'div',
      { class: 'walks' },
      h('section', { class: 'org-card walk-new' }, h('h2', {}, t('walks.new')), form),
      h('section', {}, h('h2', {}, t('walks.title')), listHost),
    ),
  );
  drawing.start();
  drawList();
  return () => drawing.destroy();
}

// The map the organiser taps to draw the area, with undo and clear.
function areaDrawing(el, config, walks, ownTilesOnly) {
  let map = null;
  let layer = null;
  const corners = [];
  const status = h('p', { class: 'walk-draw-status', role: 'status' });
  const listeners = [];

  function redraw() {
    layer.clearLayers();
    const latlngs = corners.map((p) => [p.lat, p.lon]);
    if (corners.length >= 3) {
      L.polygon(latlngs, { className: 'walk-area walk-area-new', interactive: false }).addTo(layer);
    } else if (corners.length === 2) {
      L.polyline(latlngs, { className: 'walk-area walk-area-new', interactive: false }).addTo(
        layer,
      );
    }
    corners.forEach((p, i) =>
      L.circleMarker([p.lat, p.lon], {
        radius: 6,
        className: 'walk-corner',
        interactive: false,
      })
        .bindTooltip(String(i + 1))
        .addTo(layer),
    );
    const problem = areaProblem(corners);
    let text = t('walks.tapToDraw');
    if (problem) text = t(problem);
    else if (corners.length >= 3)
      text = t('walks.areaSize', {
        n: corners.length,
        ha: formatNumber(areaSquareMetres(corners) / 1e4, 1),
      });
    mount(status, text);
    status.classList.toggle('warn', Boolean(problem));
    for (const fn of listeners) fn();
  }

  return {
    el,
    corners,
    status,
    onChange: (fn) => listeners.push(fn),
    start() {
      map = baseMap(el, config, { doubleClickZoom: false }, { ownTilesOnly });
      layer = L.layerGroup().addTo(map);
      const bounds = L.latLngBounds([]);
      for (const w of walks) {
        if (w.bbox)
          bounds.extend([
            [w.bbox[1], w.bbox[0]],
            [w.bbox[3], w.bbox[2]],
          ]);
        if (w.area) addArea(map, w.area);
      }
      if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 17 });
      else map.setView(FALLBACK_VIEW.center, FALLBACK_VIEW.zoom);
      map.on('click', (e) => {
        corners.push({ lat: e.latlng.lat, lon: e.latlng.lng });
        redraw();
      });
      redraw();
    },
    // The server refused the area drawn (too wide to load): its sentence stays
    // in the status line until the next corner changes.
    refused(text) {
      mount(status, text);
      status.classList.add('warn');
    },
    undo() {
      corners.pop();
      redraw();
    },
    clear() {
      corners.length = 0;
      redraw();
    },
    locate() {
      if (!navigator.geolocation) return;
      navigator.geolocation.getCurrentPosition(
        (pos) => map.setView([pos.coords.latitude, pos.coords.longitude], 17),
        () => toast(t('walks.noFix'), { kind: 'error' }),
        { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
      );
    },
    destroy() {
      if (map) map.remove();
      map = null;
    },
  };
}

function walkForm(drawing, onCreate) {
  const name = h('input', {
    id: 'walk-name',
    required: true,
    maxlength: '120',
    autocomplete: 'off',
  });
  const date = h('input', {
    id: 'walk-date',
    type: 'date',
    value: localDay(new Date()),
  });
  const save = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', id: 'walk-create' },
    t('walks.create'),
  );
  drawing.onChange(() => {
    save.disabled = Boolean(areaProblem(drawing.corners));
  });
  const small = (label, id, onclick) =>
    h('button', { type: 'button', class: 'btn btn-small', id, onclick }, label);
  return h(
    'form',
    {
      class: 'walk-form',
      onsubmit: (e) => {
        e.preventDefault();
        const problem = areaProblem(drawing.corners);
        if (problem) {
          failed({ message: t(problem) });
          return;
        }
        onCreate(
          {
            name: name.value.trim(),
            date: date.value || null,
            area: drawing.corners.length ? areaPolygon(drawing.corners) : null,
          },
          save,
        );
      },
    },
    h(
      'div',
      { class: 'walk-fields' },
      h('label', { class: 'field', for: 'walk-name' }, h('span', {}, t('walks.name')), name),
      h('label', { class: 'field', for: 'walk-date' }, h('span', {}, t('walks.date')), date),
    ),
    h('p', { class: 'muted' }, t('walks.drawHelp')),
    drawing.status,
    drawing.el,
    h(
      'div',
      { class: 'actions' },
      small(t('walks.undo'), 'walk-undo', () => drawing.undo()),
      small(t('walks.clear'), 'walk-clear', () => drawing.clear()),
      small(t('walks.locate'), 'walk-locate', () => drawing.locate()),
      save,
    ),
  );
}

// Today as YYYY-MM-DD in the organiser's time zone (toISOString would give UTC's day).
function localDay(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
