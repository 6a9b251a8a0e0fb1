// The walk's map: what the walker sees most of the time.
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { nearbyCandidates } from '../../geo/nearby.js';
import { distanceM } from '../../geo/geo.js';
import { observationState } from '../../model/state.js';
import { ICONS } from '../icons.js';
import { createMapView } from './view.js';
import { startPlacing } from './placing.js';
import { watchPosition } from './geolocation.js';
import { createSyncBar } from '../status/syncbar.js';
import { renderLogForm } from '../log/form.js';
import { observationSheet } from '../sheets/observation.js';
import { menuSheet } from '../sheets/menu.js';
import { deleteChange } from '../../sync/changes.js';
import { formatDate } from '../../shared/format.js';

export async function renderMapScreen(ctx, { walk }) {
  const s = { walk, observations: [], osmNodes: [], position: null, pending: new Set(), sync: {} };
  const sync = createSyncBar(ctx);
  const gps = h('p', { class: 'gps-chip', role: 'status' }, t('map.locating'));
  const mapEl = h('div', { id: 'map', role: 'application', 'aria-label': walk.name });
  const sheet = h('div', { class: 'sheet', hidden: true });
  const fab = h(
    'button',
    {
      type: 'button',
      class: 'fab',
      'aria-label': t('map.add'),
      title: t('map.add'),
      onclick: () => openLogForm(),
    },
    h('span', { html: ICONS.plus }),
  );
  const locate = h(
    'button',
    {
      type: 'button',
      class: 'round locate',
      'aria-label': t('map.center'),
      onclick: () => view.centre(),
    },
    h('span', { html: ICONS.locate }),
  );
  const menuBtn = h(
    'button',
    {
      type: 'button',
      class: 'round',
      'aria-label': t('map.menu'),
      onclick: () =>
        openSheet(menuSheet(ctx, { onClose: closeSheet, rerender: () => ctx.go('map', { walk }) })),
    },
    h('span', { html: ICONS.menu }),
  );

  mount(
    ctx.root,
    h(
      'div',
      { class: 'map-screen' },
      h(
        'header',
        { class: 'bar' },
        h(
          'div',
          { class: 'bar-title' },
          h('strong', {}, walk.name),
          h('small', {}, walk.date ? formatDate(walk.date) : ''),
        ),
        sync.button,
        menuBtn,
      ),
      sync.bar,
      sync.detail,
      // GPS chip and legend share one column so large text never stacks them.
      h(
        'div',
        { class: 'map-wrap' },
        mapEl,
        h('div', { class: 'overlay-top' }, gps, legend()),
        locate,
        fab,
      ),
      sheet,
    ),
  );

  const view = createMapView(mapEl, {
    config: ctx.config,
    walk,
    onObservationTap: (r) => openObservation(r),
    onOsmTap: (node) => openLogForm({ near: node }),
  });

  const stopWatch = watchPosition(
    (p) => {
      s.position = p;
      view.setPosition(p);
      gps.textContent = t('map.accuracy', { m: Math.round(p.accuracy_m) });
      gps.classList.toggle('warn', p.accuracy_m > 25);
    },
    () => {
      gps.textContent = t('map.noGps');
      gps.classList.add('warn');
    },
  );

  async function refresh() {
    const [observations, outbox] = await Promise.all([
      store.listObservations(walk.id),
      store.listOutbox(),
    ]);
    s.observations = observations;
    s.pending = new Set(outbox.map((c) => c.observation_id));
    // Cameras, not changes: a camera with two photos is one thing to send.
    sync.setPending(s.pending.size);
    view.showObservations(s.observations, stateOf);
  }
  const stateOf = (rec) =>
    observationState(rec, {
      pending: s.pending,
      sending: s.sync.progress?.sendingObservations || new Set(),
    });

  const off = ctx.onSyncState((state) => {
    s.sync = state;
    sync.onState(state);
    if (!state.running) refresh();
    else view.showObservations(s.observations, stateOf);
  });

  function openSheet(content) {
    mount(sheet, content);
    sheet.hidden = false;
    fab.hidden = true;
    ctx.root.firstChild.classList.add('sheet-open');
    const first = sheet.querySelector('h2');
    if (first) {
      first.tabIndex = -1;
      first.focus();
    }
  }
  function closeSheet() {
    sheet.hidden = true;
    fab.hidden = false;
    ctx.root.firstChild.classList.remove('sheet-open');
    sheet.replaceChildren();
  }

  // record: edit that camera; near: the walker tapped an OSM camera.
  function openLogForm({ record = null, near = null } = {}) {
    const centre = view.map.getCenter();
    const position = s.position || { lat: centre.lat, lon: centre.lng, accuracy_m: null };
    const start = record ? record.fields.position : position;
    const candidates = near
      ? [{ type: 'osm', node: near, distance: distanceM(start, near) }]
      : nearbyCandidates(start, { osmNodes: s.osmNodes, observations: s.observations });
    let api;
    const placing = startPlacing(view.map, {
      position: start,
      direction:
        record && Array.isArray(record.fields.direction) ? record.fields.direction[0] : null,
      onMove: (p) => api.setPin(p),
      onDirection: (d) => api.setDirection(d),
    });
    api = renderLogForm({
      ctx,
      walk,
      record,
      position: start,
      placing,
      candidates: record ? [] : candidates,
      observations: s.observations,
      osmNodes: s.osmNodes,
      onSaved: async () => {
        closeSheet();
        await refresh();
        registerBackgroundSync();
        ctx.scheduler.soon();
      },
      onClose: closeSheet,
      onOpenRecord: (rec) => openObservation(rec),
    });
    openSheet(api.form);
    view.showAbove([start.lat, start.lon], sheet.offsetHeight);
  }

  async function openObservation(record) {
    const photos = await store.listPhotos(record.id);
    openSheet(
      observationSheet(record, {
        state: stateOf(record),
        photos,
        sendingPhotos: s.sync.progress?.sendingPhotos,
        // Offline or refused: the sheet simply shows no picture for it.
        loadThumb: (sha) => ctx.api.photoThumb(sha).catch(() => null),
        onClose: closeSheet,
        onEdit: () => openLogForm({ record }),
        // Her own camera: logged on this phone and not yet sent, or sent under her name.
        mine: !record.server || record.created_by === ctx.session.member.pseudonym,
        onDelete: async (rec) => {
          try {
            await store.recordChanges({
              observation: { ...rec, deleted: true },
              changes: [deleteChange({ record: rec })],
            });
          } catch {
            toast(t('obs.deleteFailed'), { kind: 'error' });
            return;
          }
          closeSheet();
          toast(t('obs.deleted'));
          await refresh();
          registerBackgroundSync();
          ctx.scheduler.soon();
        },
      }),
    );
  }

  ctx.cleanup = () => {
    stopWatch();
    off();
    view.destroy();
  };

  const [osmNodes] = await Promise.all([store.getOsmNodes(walk.id), refresh()]);
  s.osmNodes = osmNodes;
  view.showOsm(s.osmNodes);
  // The map, its cameras and the "+" are usable: bench/pwa_cold_start.py reads this mark.
  performance.mark('camwalk:map-ready');
  refreshOsmNodes(ctx, walk, s, view);
}

async function refreshOsmNodes(ctx, walk, s, view) {
  try {
    const answer = await ctx.api.osmNodes(walk.id);
    s.osmNodes = answer.nodes || [];
    await store.putOsmNodes(walk.id, s.osmNodes);
    view.showOsm(s.osmNodes);
  } catch {
    // Offline or not fetched yet on the server: the stored copy stays.
  }
}

function legend() {
  return h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    h('li', {}, h('span', { class: 'obs-dot state-safe' }), t('map.legend.mine')),
    h('li', {}, h('span', { class: 'obs-dot state-pending' }), t('map.legend.pending')),
    h('li', {}, h('span', { class: 'osm-dot' }), t('map.legend.osm')),
  );
}

function registerBackgroundSync() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready
    .then((reg) => reg.sync && reg.sync.register('camwalk-outbox'))
    .catch(() => {
      // Not supported or refused: the page's own triggers still sync.
    });
}
