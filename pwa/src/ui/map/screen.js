// The walk's map, what the walker sees most of the time: the controller.
// screenview.js builds the DOM, view.js the Leaflet map, logging.js the log
// form over it, camera.js a tapped camera's sheet, sheets.js what back does
// to a sheet; this keeps the state (position, cameras, what waits) and says
// what each of them shows.
import { mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { observationState, queuedStates } from '../../model/state.js';
import { createMapView } from './view.js';
import { buildMapScreen } from './screenview.js';
import { sheetsWithBack } from './sheets.js';
import { openLogForm } from './logging.js';
import { watchPosition } from './geolocation.js';
import { createSyncBar } from '../status/syncbar.js';
import { menuSheet } from '../sheets/menu.js';
import { openCameraSheet } from './camera.js';
import { waitingToSend } from '../../sync/aside.js';
import { OUTBOX_SYNC_TAG } from '../../sync/runner.js';
import { waitingForNetwork } from '../../sync/scheduler.js';
import { addWalkCoverage } from './coverage.js';
import { refreshWalkBasemap } from '../../sync/basemaps.js';
import { readTurns } from '../../util/turns.js';
import { answeredNodes } from '../../geo/nearby.js';
import { camerasHereSheet, recordNote } from './here.js';
import { asStoredNow } from './fresh.js';
import { osmCameraFields, osmMarker } from './names.js';

export async function renderMapScreen(ctx, { walk }) {
  // The cameras are drawn from the latest read that has answered, never from
  // an older one that comes back after it (util/turns.js).
  const cameraTurn = readTurns();
  const firstTurn = cameraTurn();
  // Asked first: IndexedDB answers from another process while this thread
  // builds the map below, rather than after it (bench/pwa_cold_start.py).
  const firstRead = Promise.all([
    readCameras(walk.id),
    store.getOsmNodes(walk.id),
    store.getBasemap(walk.id),
  ]);
  const s = {
    observations: [],
    // The group's cameras of its other walks (store.listOtherWalksObservations).
    others: [],
    osmNodes: [],
    position: null,
    gpsError: null,
    pending: new Set(),
    photoPending: new Set(),
    aside: new Set(),
    held: new Set(),
    sync: {},
  };
  const sync = createSyncBar(ctx);
  const screen = buildMapScreen({
    walk,
    sync,
    on: {
      add: () => logForm(),
      locate: () => {
        if (s.position) view.centre();
        else toast(s.gpsError ? ui.gpsHelpText() : t('map.locating'), { kind: 'warn', ms: 6000 });
      },
      menu: () =>
        ui.openSheet(
          menuSheet(ctx, { onClose: ui.closeSheet, rerender: () => ctx.go('map', { walk }) }),
        ),
    },
  });
  const ui = sheetsWithBack(screen);
  ctx.onBack = ui.back;
  mount(ctx.root, ui.root);

  const view = createMapView(ui.mapEl, {
    config: ctx.config,
    walk,
    onObservationTap: (r) => openObservation(r),
    onOsmTap: (node) => openOsm(node),
    onStackTap: (found) => openHere(found),
    onBasemap: ui.showBasemap,
  });
  addWalkCoverage(view.map, ctx.api, walk);

  const stopWatch = watchPosition(
    (p) => {
      s.position = p;
      s.gpsError = null;
      view.setPosition(p);
      ui.showFix(p);
    },
    (err) => {
      s.gpsError = err;
      ui.showGpsError(err, Boolean(s.position));
    },
  );

  // `others` is left out of the first read, which the map waits for.
  function showCameras([observations, outbox, photos, others = s.others]) {
    s.observations = observations;
    s.others = others;
    // Hers only, as the count line says: her sync never sends what another
    // member left on this phone, and she is asked to fix only what is hers.
    // Another member's cameras are "held": not on the server, not hers.
    const me = ctx.session.member.id;
    Object.assign(s, queuedStates(outbox, photos, me));
    // Cameras, not changes: a camera with two photos is one thing to send; a
    // photo whose camera is on the server is a photo to send.
    sync.setPending(waitingToSend(outbox, me), s.aside.size);
    drawCameras();
  }
  function drawCameras() {
    view.showObservations(s.observations, stateOf);
    view.showEarlier(s.others, stateOf);
  }
  // The other walks' cameras are read again only when the phone's copies of
  // them changed since (store.otherWalksRevision): a group's earlier walks may
  // hold tens of thousands, most of a second to read on a laptop, and this
  // runs after every save and every sync.
  let othersRevision = null;
  const readOthers = async () => {
    const revision = await store.otherWalksRevision(walk.id);
    if (revision === othersRevision) return [s.others, revision];
    return [await store.listOtherWalksObservations(ctx.session.group.id, walk.id), revision];
  };
  const refresh = async () => {
    const use = cameraTurn();
    const [cameras, [others, revision]] = await Promise.all([readCameras(walk.id), readOthers()]);
    use(() => {
      othersRevision = revision;
      showCameras([...cameras, others]);
    });
  };
  // "Sending" only while a run is on (a run that failed leaves its last
  // progress behind) and the server answers (offline, or on a link that carries
  // nothing, a run only waits to retry: sync/scheduler.js waitingForNetwork).
  const sending = (key) =>
    (s.sync.running && !waitingForNetwork(s.sync) && s.sync.progress?.[key]) || new Set();
  const stateOf = (rec) =>
    observationState(rec, {
      pending: s.pending,
      photoPending: s.photoPending,
      aside: s.aside,
      held: s.held,
      sending: sending('sendingObservations'),
    });

  const off = ctx.onSyncState((state) => {
    s.sync = state;
    sync.onState(state);
    if (!state.running) refresh();
    else drawCameras();
  });

  // After anything she stored: redraw, and let the phone sync it soon.
  async function stored() {
    await refresh();
    registerBackgroundSync();
    ctx.scheduler.soon();
  }

  const logForm = (what) =>
    openLogForm(
      {
        ctx,
        walk,
        s,
        view,
        ui,
        onSaved: () => {
          ui.closeSheet();
          return stored();
        },
        onOpenRecord: (rec) => openObservation(rec),
      },
      what,
    );

  // Answered already by the group (a record linked to it): that record is
  // the device's, to open; answering the OSM camera again would make a
  // second record of it (geo/nearby.js says the same of the "+").
  const answered = () => answeredNodes([...s.observations, ...s.others]);
  function openOsm(node) {
    const linked = answered().get(node.id);
    if (linked) openObservation(linked);
    else logForm({ near: node });
  }

  // Several cameras on one spot of the map: she picks one. An OSM camera the
  // group answered is its record, listed once. Her cameras are listed as the
  // phone holds them now, not as the markers were drawn (fresh.js).
  async function openHere(found) {
    const linked = answered();
    const seen = new Set();
    const here = [];
    for (const { type, item } of found) {
      const record = type === 'osm' ? linked.get(item.id) : item;
      const key = record ? `record ${record.id}` : `osm ${item.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      here.push(record ? { type: 'observation', item: record } : { type, item });
    }
    const choices = (await asStoredNow(here, store.getObservation)).map(({ type, item }) =>
      type === 'osm' ? osmChoice(item) : recordChoice(item),
    );
    if (choices.length === 1) choices[0].onPick();
    else if (choices.length) ui.openSheet(camerasHereSheet(choices, { onClose: ui.closeSheet }));
  }
  const recordChoice = (record) => {
    const state = stateOf(record);
    return {
      fields: record.fields,
      badge: { cls: `state-${state}`, text: t(`state.${state}`) },
      note: recordNote(record, { walkId: walk.id, pseudonym: ctx.session.member.pseudonym }),
      onPick: () => openObservation(record),
    };
  };
  const osmChoice = (node) => {
    const { badge, name } = osmMarker(node);
    return { fields: osmCameraFields(node), badge, note: name, onPick: () => openOsm(node) };
  };

  const osmNodeOf = (id) => s.osmNodes.find((node) => node.id === id) || null;
  const openObservation = (record) =>
    openCameraSheet(
      {
        ctx,
        walk,
        ui,
        stateOf,
        sending,
        onEdit: (rec) => logForm({ record: rec }),
        stored,
        osmNodeOf,
      },
      record,
    );

  ctx.cleanup = () => {
    stopWatch();
    sync.stop();
    off();
    view.destroy();
  };

  const [cameras, osmNodes, walkMap] = await firstRead;
  firstTurn(() => showCameras(cameras));
  s.osmNodes = osmNodes;
  view.showOsm(s.osmNodes);
  if (walkMap) view.showWalkMap(walkMap.doc);
  // The map, its cameras and the "+" are usable: bench/pwa_cold_start.py reads this mark.
  performance.mark('camwalk:map-ready');
  refresh();
  refreshOsmNodes(ctx, walk, s, view);
  refreshWalkMap(ctx, walk, view);
}

// What the map shows of the walk's cameras: the records, and which of them wait.
function readCameras(walkId) {
  return Promise.all([
    store.listObservations(walkId),
    store.listOutbox(),
    store.listPhotosNotUploaded(),
  ]);
}

// Online: a map the organiser fetched since the walk list came down.
async function refreshWalkMap(ctx, walk, view) {
  if (await refreshWalkBasemap(ctx.api, store, walk.id)) {
    const held = await store.getBasemap(walk.id);
    view.showWalkMap(held ? held.doc : null);
  }
}

async function refreshOsmNodes(ctx, walk, s, view) {
  try {
    const answer = await ctx.api.osmNodes(walk.id);
    s.osmNodes = answer.nodes || [];
    await store.putOsmNodes(walk.id, s.osmNodes);
    view.showOsm(s.osmNodes);
    // The server's cameras are on the map: tests/e2e/test_walker_osm_refresh.py reads this mark.
    performance.mark('camwalk:osm-refreshed');
  } catch {
    // Offline or not fetched yet on the server: the stored copy stays.
  }
}

function registerBackgroundSync() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready
    .then((reg) => reg.sync && reg.sync.register(OUTBOX_SYNC_TAG))
    .catch(() => {
      // Not supported or refused: the page's own triggers still sync.
    });
}
