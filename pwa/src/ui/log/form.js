// The log form, in a bottom sheet over the map: the controller. The quick
// case is "+", a photo, Save: nothing else is preselected (only the kind,
// "camera", which is what "+" logs), so nothing she did not choose reaches
// OpenStreetMap. formview.js builds the DOM; this keeps the pin, the lenses
// and the photos in step and stores what she saves.
import { h, mount, toast } from '../dom.js';
import { confirmNow } from '../confirm.js';
import { t } from '../../i18n/index.js';
import { newFields } from '../../model/observation.js';
import { fieldsFromOsmNode, operatorSuggestions } from '../../geo/nearby.js';
import { editCamera, logNewCamera, markCameraGone } from '../../sync/journal.js';
import { photoSection } from './photos.js';
import { nearbyBanner, notThisOneNote } from './nearby.js';
import { createCompass } from './compass.js';
import { directionBlock } from './direction.js';
import { exifNotes } from './exif.js';
import { buildLogForm, readForm } from './formview.js';
import { logDraft } from './draft.js';
import { storageFull } from '../../db/index.js';
import { holdUnsaved } from '../unsaved.js';

/**
 * opts: { ctx, walk, placing, position, record?, candidates, nearbyAt, observations,
 *         osmNodes, existingPhotos, onSaved, onClose, onOpenRecord, held? }
 * held: ids of the group's cameras holding another member's work (map/screen.js).
 */
export function renderLogForm(opts) {
  const { ctx, walk, record, position, placing } = opts;
  const editing = Boolean(record);
  const base = editing ? record.fields : newFields({ position });
  const state = {
    position: editing ? { ...record.fields.position } : { ...position },
    directions: Array.isArray(base.direction) ? base.direction.slice() : [],
    lens: 0,
  };
  const compass = createCompass();
  const dir = directionBlock(state, compass, placing);
  const exifBox = h('div', { class: 'exif-offers' });
  const photos = photoSection({
    maxBytes: ctx.config?.max_photo_bytes,
    onExif: (exif) =>
      exifBox.append(
        ...exifNotes(exif, {
          pin: state.position,
          hasDirection: state.directions.length > 0,
          apply: {
            position: (p) => {
              state.position = { ...p };
              placing.setPosition(p);
            },
            direction: (deg) => dir.set(deg),
          },
        }),
      ),
    existing: opts.existingPhotos || [],
    loadThumb: ctx.api.photoThumb,
  });
  const saveButton = h(
    'button',
    { type: 'submit', class: 'btn btn-primary btn-save' },
    t('log.save'),
  );
  // Set once the form is built (below): the banner and Save only act on taps.
  let draft = null;
  const fields = () => draft.fields();

  // Stores what `write` makes of her answer, says so and closes the form; a
  // failure leaves the form open, to try again. One at a time: a second tap
  // (on Save, or on the banner's answers) while one is stored does nothing.
  let storing = false;
  async function keep(write, savedKey = 'log.saved') {
    if (storing) return;
    storing = true;
    saveButton.disabled = true;
    saveButton.textContent = t('log.saving');
    try {
      const saved = await write();
      toast(t(savedKey), { kind: 'ok' });
      close();
      opts.onSaved(saved);
    } catch (err) {
      console.error(err);
      toast(t(storageFull(err) ? 'log.storageFull' : 'log.notSaved'), { kind: 'error', ms: 6000 });
      saveButton.disabled = false;
      saveButton.textContent = t('log.save');
      storing = false;
    }
  }

  // A photo still being prepared is waited for, not left behind: on a slow
  // phone she taps Save as soon as the first thumbnail shows.
  const save = (after) =>
    keep(async () => {
      await photos.ready();
      return editing
        ? editCamera({ record, after, photos: photos.photos(), removePhotos: photos.removed() })
        : logNewCamera({
            walkId: walk.id,
            createdBy: ctx.session.member.pseudonym,
            fields: after,
            photos: photos.photos(),
          });
    });

  // The group's record of a camera no longer there: an edit of that record,
  // not a new camera.
  const markGone = (observation) =>
    keep(() => markCameraGone({ record: observation }), 'obs.markedGone');

  function close() {
    releaseUnsaved();
    compass.stop();
    photos.dispose();
    placing.stop();
  }

  // The nearby warning follows the pin: dragged 30 m away from the camera it
  // named, the pin is no longer "a camera 1 m away".
  const bannerHost = h('div', { class: 'nearby-host' });
  let dismissed = false;
  function showNearby(candidates) {
    // An edit is of a camera already answered for (her answer, below).
    if (editing) return;
    const top = !dismissed && candidates && candidates.length ? candidates[0] : null;
    // Another member's work waits on it: not to be marked gone under this name
    // (db/index.js recordChanges); "open" shows whose it is.
    const held = top && top.type !== 'osm' && (opts.held || new Set()).has(top.observation.id);
    bannerHost.replaceChildren(
      top
        ? nearbyBanner(top, {
            onStill: () => save(fieldsFromOsmNode(top.node, fields(), 'present')),
            onGone: held
              ? null
              : () =>
                  top.type === 'osm'
                    ? save(fieldsFromOsmNode(top.node, fields(), 'gone'))
                    : markGone(top.observation),
            onOpen: () => {
              close();
              opts.onOpenRecord(top.observation);
            },
            onDismiss: () => {
              dismissed = true;
              draft.answerAnother(top);
            },
          })
        : '',
    );
  }
  showNearby(opts.candidates);
  if (editing && base.osm_not_node_id != null) {
    bannerHost.append(notThisOneNote(base.osm_not_node_id, () => draft.takeBackAnother()));
  }

  // The phone's back button over her answers asks before it throws them away;
  // on a form she has not touched it just closes (map/sheets.js).
  const leaveHost = h('div', { class: 'leave-host' });
  // Not while her Save is being stored: it may wait seconds for a photo, and
  // her Save stands (the form closes by itself once the camera is stored).
  const cancel = () => {
    if (storing) return;
    close();
    opts.onClose();
  };
  function askToLeave() {
    const asking = confirmNow({
      prefix: 'log-leave',
      question: h('p', { class: 'warn' }, t(editing ? 'log.leaveEditAsk' : 'log.leaveAsk')),
      yes: t('log.leaveConfirm'),
      no: t('log.leaveKeep'),
      onConfirm: cancel,
    });
    mount(leaveHost, asking);
    asking.querySelector('.log-leave-keep').focus();
  }

  const form = buildLogForm({
    editing,
    base,
    suggestions: operatorSuggestions(opts.observations, opts.osmNodes, state.position),
    accuracy: state.position.accuracy_m,
    parts: {
      banner: bannerHost,
      direction: dir.element,
      photos: photos.element,
      exif: exifBox,
      save: saveButton,
      leave: leaveHost,
    },
    on: {
      submit: () => save(fields()),
      cancel,
    },
  });
  draft = logDraft(() => readForm(form, base, state));
  const touched = () => draft.touched(photos);
  // An update's reload would lose her answers, or a Save being stored.
  const releaseUnsaved = holdUnsaved(() => form.isConnected && (storing || touched()));
  return {
    form,
    // Back pressed: true when the form may close now, false when it asks her first.
    onBack: () => {
      if (storing) return false;
      if (touched()) {
        askToLeave();
        return false;
      }
      close();
      return true;
    },
    setPin: (p) => {
      state.position = { ...state.position, lat: p.lat, lon: p.lon };
      if (opts.nearbyAt) showNearby(opts.nearbyAt(state.position));
    },
    setDirection: (d) => dir.set(d),
    close,
  };
}
