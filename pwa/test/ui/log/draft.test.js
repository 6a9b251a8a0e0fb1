// The log form's back button asks before it throws away what she typed or
// chose, and only then (ui/log/draft.js, form.js).
import { describe, expect, it } from 'vitest';
import { logDraft } from '../../../src/ui/log/draft.js';
import { newFields } from '../../../src/model/observation.js';
import { updateChange } from '../../../src/sync/changes.js';

const here = { lat: 43.2961, lon: 5.3812, accuracy_m: 6 };
const osmCamera = { type: 'osm', node: { id: 501, lat: 43.29611, lon: 5.3812, tags: {} } };
const noPhotos = { photos: () => [], removed: () => [], busy: () => false };

// A form whose inputs say `inputs.now`, as readForm would read them.
function form() {
  const inputs = { now: newFields({ position: here, surveyedOn: '2026-12-05' }) };
  return { inputs, draft: logDraft(() => ({ ...inputs.now })) };
}

describe('leaving the log form', () => {
  it('asks nothing of a form she has not touched', () => {
    expect(form().draft.touched(noPhotos)).toBe(false);
  });

  it('asks nothing when all she did was answer "it is another one"', () => {
    const { draft } = form();
    draft.answerAnother(osmCamera);
    expect(draft.touched(noPhotos)).toBe(false);
    // Her answer still goes with the camera if she saves it.
    expect(draft.fields().osm_not_node_id).toBe(501);
  });

  it('asks once she chose something, with or without that answer', () => {
    const { inputs, draft } = form();
    draft.answerAnother(osmCamera);
    inputs.now = { ...inputs.now, mount: 'wall' };
    expect(draft.touched(noPhotos)).toBe(true);
  });

  it('asks once she took a photo', () => {
    const { draft } = form();
    expect(draft.touched({ ...noPhotos, photos: () => [{ sha256: 'a' }] })).toBe(true);
    expect(draft.touched({ ...noPhotos, busy: () => true })).toBe(true);
  });
});

describe('editing a camera she logged as "it is another one"', () => {
  const logged = { ...newFields({ position: here }), osm_not_node_id: 501 };
  // readForm keeps what the form does not show from the record's fields.
  const editForm = () => logDraft(() => ({ ...logged }));

  it('keeps her answer when she saves other changes', () => {
    expect(editForm().fields().osm_not_node_id).toBe(501);
  });

  it('lets her take it back, which the edit then sends', () => {
    const draft = editForm();
    draft.takeBackAnother();
    const update = updateChange({
      record: { id: 'obs-1', version: 2, fields: logged },
      after: draft.fields(),
    });
    expect(update.fields).toEqual({ osm_not_node_id: { old: 501, new: null } });
  });

  it('asks before leaving once she took it back: leaving would keep it', () => {
    const draft = editForm();
    expect(draft.touched(noPhotos)).toBe(false);
    draft.takeBackAnother();
    expect(draft.touched(noPhotos)).toBe(true);
  });
});
