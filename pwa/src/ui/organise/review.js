// The review queue's controller: one pending camera at a time with its
// photos, a small map, accuracy, duplicate hints and the OSM camera near it.
// Approve, reject with a reason, go next; the keyboard does the same (A, R,
// J, K, E; G keeps the approved version of a camera a walker changed since). What each part looks like is in reviewviews.js.
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act, actOnPair, failed, failureText, loading, oneAtATime } from './util.js';
import { photoBag } from './photos.js';
import { cameraMap } from './reviewmap.js';
import { editForm } from './editform.js';
import { historyPanel } from './history.js';
import { saveEdit } from './edits.js';
import { osmSection } from './osmnode.js';
import { asReviewed, waitingLine } from './waiting.js';
import { MAX_CARDS, cardsToAsk, nextToAsk, withCards } from './reviewreload.js';
import {
  LIST_ROWS,
  actionBar,
  canKeepApproved,
  cardHeader,
  goneBanner,
  goneReport,
  fieldsList,
  hintsList,
  listStart,
  markRow,
  moreRow,
  openConflicts,
  photoStrip,
  queueRow,
  queueRowKey,
  sinceApproval,
} from './reviewviews.js';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export async function render(host, octx) {
  const { api, groupId, walk } = octx;
  mount(host, loading());
  let items = [];
  try {
    items = await api.reviewQueue(groupId, { walkId: walk && walk.id });
  } catch (err) {
    failed(err);
    return null;
  }
  // comparing: the compare screen ("same camera?") is shown in the card's place.
  const state = { index: 0, editing: false, rejecting: false, refreshing: false, comparing: false };
  const photos = photoBag(api);
  let map = null;

  const list = h('ol', { class: 'rev-list', 'aria-label': t('org.tab.review') });
  // No live region: a card drawn anew is announced once, by the keyboard landing
  // on its heading (focusCard), and a decision's outcome by the toast
  // (role=status). Live as well, a screen reader read the whole card, then the
  // heading again.
  const card = h('article', { class: 'rev-card' });
  mount(host, h('section', { class: 'review' }, list, card));

  function current() {
    return items[state.index] || null;
  }

  // The queue's rows, kept by camera from one draw to the next: a decision or a
  // step to another card changes a row or two, not the list. Built again whole,
  // the rows of a walk of 10,000 cameras under review made each step take
  // 0.65-0.9 s in Chromium on a 2-core box (bench/review_queue_bench.py). And
  // the list holds LIST_ROWS of them at most, from `start` in the queue: the
  // earlier and later ones are a button away.
  const rows = new Map(); // camera id → { li, key }
  let marked = null;
  let start = 0;
  const before = moreRow('rev-more-before', 'rev.listBefore', () => moveList(-1));
  const after = moreRow('rev-more-after', 'rev.listAfter', () => moveList(1));
  list.append(before.li, after.li);

  function drawList() {
    const listed = items.slice(start, start + LIST_ROWS);
    const shown = new Set(listed.map((it) => it.id));
    for (const [id, row] of rows) {
      if (shown.has(id)) continue;
      row.li.remove();
      rows.delete(id);
    }
    let next = before.li.nextSibling;
    for (const it of listed) {
      const key = queueRowKey(it);
      let row = rows.get(it.id);
      if (row && row.key !== key) {
        if (row.li === next) next = next.nextSibling;
        row.li.remove();
        row = null;
      }
      if (!row) {
        const { id } = it;
        row = { li: queueRow(it, () => go(items.findIndex((other) => other.id === id))), key };
        rows.set(id, row);
      }
      if (row.li === next) next = next.nextSibling;
      else list.insertBefore(row.li, next);
    }
    before.set(start);
    after.set(items.length - start - listed.length);
    if (rows.has(marked)) markRow(rows.get(marked).li, false);
    marked = current()?.id ?? null;
    if (rows.has(marked)) markRow(rows.get(marked).li, true);
  }

  // Keeps the marked row in the list's view, scrolling the list alone (never
  // the page, which may be showing the card's lower half).
  function showMarked() {
    const row = rows.get(marked);
    if (!row || !list.clientHeight) return; // a phone hides the list
    const top = row.li.getBoundingClientRect().top - list.getBoundingClientRect().top;
    if (top < 0 || top + row.li.offsetHeight > list.clientHeight) {
      list.scrollTop += top - list.clientHeight / 4;
    }
  }

  // The LIST_ROWS rows before (-1) or after (1) those listed, the card shown
  // staying as it is; the list opens on the side they join the others.
  function moveList(way) {
    const to = start + way * LIST_ROWS;
    start = listStart(items.length, to, to);
    drawList();
    list.scrollTop = way > 0 ? 0 : list.scrollHeight;
  }

  function draw() {
    state.comparing = false;
    if (map) map.destroy();
    map = null;
    photos.release();
    start = listStart(items.length, state.index, start);
    drawList();
    showMarked();
    const item = current();
    if (!item) {
      mount(card, h('p', { class: 'rev-empty', tabindex: -1 }, t('rev.empty')));
      return;
    }
    const mapEl = h('div', { class: 'rev-map', role: 'region', 'aria-label': t('rev.map') });
    mount(
      card,
      cardHeader(item, {
        index: state.index,
        count: items.length,
        waiting: waitingLine(items, asReviewed),
        onGo: go,
      }),
      goneBanner(item),
      sinceApproval(item),
      openConflicts(item),
      h('div', { class: 'rev-media' }, photoStrip(item, photos), mapEl),
      state.editing ? editor(item) : fieldsList(item),
      hintsList(item, {
        onCompare: (otherId) => compare(item, otherId),
        onMaybeSame: (otherId, button) => maybeSame(item, otherId, button),
      }),
      osmSection(item, { onChoose: (value, button) => chooseNode(item, value, button) }),
      actionBar(
        {
          rejecting: state.rejecting,
          editing: state.editing,
          hasNext: state.index < items.length - 1,
          canKeep: canKeepApproved(item),
          deletesNode: Boolean(goneReport(item)?.deletes),
        },
        {
          approve: (button) => approve(item, button),
          keep: (button) => keepApproved(item, button),
          reject: (note, button) => reject(item, note, button),
          askReason: () => toggleReject(true),
          cancelReject: () => toggleReject(false),
          edit: toggleEdit,
          next: () => go(state.index + 1),
        },
      ),
      h(
        'p',
        { class: 'rev-keys muted' },
        canKeepApproved(item) ? `${t('rev.keys')} · ${t('rev.keysKeep')}` : t('rev.keys'),
      ),
      historyPanel(api, item.id),
    );
    map = cameraMap(mapEl, octx.ctx.config, item, {
      draggable: state.editing,
      ownTilesOnly: octx.ownTilesOnly,
    });
  }

  function editor(item) {
    return editForm(item, {
      getPin: () => map && map.pin(),
      onCancel: () => toggleEdit(false),
      onSave: (after, button) =>
        cardAction.run(() =>
          act(button, async () => {
            const sent = await saveEdit(octx.ctx, item.id, after);
            if (!sent) return;
            Object.assign(item, after);
            toast(t('rev.savedQueued'));
            toggleEdit(false);
            focusCard();
          }),
        ),
    });
  }

  // To another card (J, K, Next, the list): the keyboard goes to its heading,
  // which names the camera now shown, as after a decision.
  function go(i) {
    if (i < 0 || i >= items.length) return;
    state.index = i;
    state.editing = false;
    state.rejecting = false;
    draw();
    focusCard();
  }

  function toggleReject(on) {
    state.rejecting = on;
    draw();
    if (on) document.getElementById('rev-reason')?.focus();
  }

  function toggleEdit(on) {
    state.editing = on;
    state.rejecting = false;
    draw();
  }

  // One action of a card at a time: a double tap on Approve, or Approve then a
  // choice of node or a merge before the first answer, sent the second on a
  // card the first had already changed. Its buttons and choices (the compare
  // screen's too, drawn in its place), the keys and the list are held until the
  // answer; the card is then drawn anew or they come back.
  const cardAction = oneAtATime(holdCard);
  let heldFocus = null;
  function holdCard(on) {
    list.inert = on;
    if (on) {
      heldFocus = document.activeElement;
      card.setAttribute('aria-busy', 'true');
      for (const control of card.querySelectorAll('button:not(:disabled), input:not(:disabled)')) {
        control.disabled = true;
        control.dataset.held = '';
      }
      return;
    }
    card.removeAttribute('aria-busy');
    for (const control of card.querySelectorAll('[data-held]')) {
      control.disabled = false;
      delete control.dataset.held;
    }
    // Refused, or failed: the card stays as it was, and so does her place on it.
    if (document.activeElement === document.body && heldFocus?.isConnected) heldFocus.focus();
    heldFocus = null;
  }

  // The card is drawn anew after a decision, a choice or a merge: the keyboard
  // (and a screen reader's place) fell to the page's top, a queue of hundreds
  // away. It goes to `target` on the new card, else to its heading, which names
  // the camera now shown (or says the queue is empty).
  function focusCard(target) {
    const el =
      (target && card.querySelector(target)) || card.querySelector('.rev-head h2, .rev-empty');
    el?.focus();
  }

  function decide(item, status, note, button, options) {
    return cardAction.run(() => decideNow(item, status, note, button, options));
  }

  async function decideNow(item, status, note, button, { keepApproved = false } = {}) {
    let changed = false;
    const done = await act(button, () =>
      api.review(item.id, status, note, item.version, { keepApproved }).catch((err) => {
        // A walker's edit came in while the card was shown: nothing was
        // decided; the card is shown again as it is now.
        if (err.code !== 'changed_since_shown') throw err;
        changed = true;
      }),
    );
    if (changed) {
      state.rejecting = false;
      const still = await reload(item, cardsToAsk(items, { refused: item }));
      if (still === undefined) return; // the queue could not be read: failed() said so
      const why = still ? failureText({ code: 'changed_since_shown' }) : t('rev.goneMeanwhile');
      toast(why, { kind: 'warn', ms: 8000 });
      focusCard();
      return;
    }
    if (!done) return;
    toast(t(keepApproved ? 'rev.kept' : status === 'approved' ? 'rev.approved' : 'rev.rejected'));
    items = items.filter((it) => it !== item);
    state.index = Math.min(state.index, Math.max(0, items.length - 1));
    state.rejecting = false;
    state.editing = false;
    draw();
    focusCard(); // the next card to decide
  }

  // The card's OSM part is the server's answer (the export's own rule): after a
  // choice, ask again rather than guess what the export now does, for this
  // card and those whose node the choice may give or take.
  // The card stays: the keyboard goes to the sentence saying what the export
  // now does with it.
  const chooseNode = (item, value, button) =>
    cardAction.run(async () => {
      const choice = value === 'new' ? { new_camera: true } : { osm_node_id: value };
      const done = await act(button, () => api.chooseOsmNode(item.id, choice));
      if (!done) return;
      toast(t('rev.osm.saved'));
      const still = await reload(item, cardsToAsk(items, { choice: item, node: value }));
      if (still !== undefined) focusCard(still ? '.rev-osm-action' : null);
    });

  // Asks for the cards `ids` again, then for those along a row of cameras
  // whose nodes moved on (the whole queue if they are more than the server
  // answers at once), each put back in its place and dropped if no longer in
  // the queue, and shows `item`'s card as the server has it now;
  // whether it is still in the queue (undefined if it could not be read).
  async function reload(item, ids) {
    const walkId = walk && walk.id;
    refreshing(true);
    try {
      // Round by round along a row of close cameras whose nodes move on
      // (nextToAsk); the whole queue once more cards than one answer takes.
      let asked = [];
      while (ids.length) {
        asked = [...asked, ...ids];
        if (asked.length > MAX_CARDS) {
          items = await api.reviewQueue(groupId, { walkId });
          break;
        }
        const fresh = await api.reviewQueue(groupId, { walkId, ids });
        const before = items;
        items = withCards(items, ids, fresh);
        ids = nextToAsk(before, asked, fresh);
      }
    } catch (err) {
      failed(err);
      return undefined;
    } finally {
      refreshing(false);
    }
    const at = items.findIndex((it) => it.id === item.id);
    state.index = at >= 0 ? at : Math.min(state.index, Math.max(0, items.length - 1));
    draw();
    return at >= 0;
  }

  // While cards are asked again (after a choice of node, a merge, or a
  // decision the server refused because the camera changed), they may say what
  // the export no longer does (a second for a walk of 10,000 cameras; the whole
  // queue of 60,000 took some 15 s): the screen says so and takes no step and
  // no decision until they are back.
  const refreshingNote = h('p', { class: 'rev-refreshing', role: 'status' }, t('rev.refreshing'));
  function refreshing(on) {
    state.refreshing = on;
    list.inert = on;
    for (const el of card.children) el.inert = on;
    if (on) card.prepend(refreshingNote);
    else refreshingNote.remove();
  }

  const approve = (item, button) => decide(item, 'approved', undefined, button);
  const reject = (item, note, button) => decide(item, 'rejected', note.trim() || null, button);
  // The walker's edit undone and the approval kept, in one decision on the
  // card's version (server: keep_approved), never an edit then an approval
  // that a walker's change between the two could split.
  const keepApproved = (item, button) =>
    decide(item, 'approved', undefined, button, { keepApproved: true });

  async function compare(item, otherId) {
    if (cardAction.busy()) return; // no compare screen over a card whose action is on its way
    state.comparing = true;
    const { mergeView } = await import('./merge.js');
    mergeView(card, octx, item, otherId, {
      action: cardAction,
      photos,
      // The survivor's card as the server has it now: the values she chose,
      // its version (a decision names it) and its OSM part.
      onDone: async (survivorId, mergedId) => {
        const ids = cardsToAsk(items, { pair: [survivorId, mergedId] });
        if ((await reload({ id: survivorId }, ids)) !== undefined) focusCard();
      },
      // Its card again, without the hint: the server flags the pair no more.
      onDistinct: async () => {
        await reload(item, cardsToAsk(items, { pair: [item.id, otherId] }));
        focusPair(otherId);
      },
      // Merged, deleted or settled by someone else meanwhile: the pair's cards
      // as they are now, the camera that stays shown if this one went.
      onMovedOn: () => pairMovedOn(item, otherId),
      onCancel: () => {
        draw();
        focusPair(otherId);
      },
    });
  }

  async function pairMovedOn(item, otherId) {
    const still = await reload(item, cardsToAsk(items, { pair: [item.id, otherId] }));
    if (still === false) go(items.findIndex((it) => it.id === otherId));
    if (still !== undefined) focusCard();
  }

  // "They may be the same after all": the pair is flagged again, and the card
  // shows the hint (and its "same camera?" comparison) as the server has it now.
  const maybeSame = (item, otherId, button) =>
    cardAction.run(async () => {
      const done = await actOnPair(
        button,
        () => api.maybeDuplicate(item.id, otherId),
        () => pairMovedOn(item, otherId),
      );
      if (!done) return;
      toast(t('rev.maybeDupDone'));
      await reload(item, cardsToAsk(items, { pair: [item.id, otherId] }));
      focusPair(otherId);
    });

  // The card is drawn anew after an answer about a pair: the keyboard goes
  // back to that pair's line, whose button now gives the other answer, rather
  // than to the page's top, a Tab away from the walk's menu.
  function focusPair(otherId) {
    card.querySelector(`.rev-hints li[data-other="${otherId}"] button`)?.focus();
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || TYPING.has(e.target.tagName)) return;
    // The card's keys are not the compare screen's: they would approve the card
    // hidden behind it, or draw the next one over it.
    // Nor, while a card's action is on its way, another step or decision.
    if (state.refreshing || state.comparing || cardAction.busy()) return;
    const item = current();
    const key = e.key.toLowerCase();
    if (key === 'j') go(state.index + 1);
    else if (key === 'k') go(state.index - 1);
    else if (!item || state.editing) return;
    else if (key === 'a') approve(item);
    else if (key === 'r') toggleReject(true);
    else if (key === 'g' && canKeepApproved(item)) keepApproved(item);
    else if (key === 'e') toggleEdit(true);
    else return;
    e.preventDefault();
  }

  document.addEventListener('keydown', onKey);
  draw();
  return () => {
    document.removeEventListener('keydown', onKey);
    if (map) map.destroy();
    photos.release();
  };
}
