// What a public map's popup says of a device, as words: its heading, its
// mount, and the signage answers the organisers published. Apart from the
// popup's DOM so that a test reads it without a page.
import './i18n.js';
import { t, tv } from '../../i18n/index.js';
import { fieldValue } from '../../shared/format.js';
import { cameraFields, signageFields } from '../../model/observation.js';

// Only what the device's kind has (cameraFields, signageFields): a guard
// approved before the phone followed its kind may still hold a camera type or
// a sign checklist, which no visitor should read as a fact about a person.
export function popupWords(p) {
  const has = [...cameraFields(p.kind), ...signageFields(p.kind)];
  const holds = (name) => has.includes(name) && p[name] != null;
  const kind = tv('kind', p.kind);
  return {
    heading: holds('camera_type') ? `${kind} · ${tv('camera_type', p.camera_type)}` : kind,
    mount: holds('mount') ? tv('mount', p.mount) : null,
    // Present only for the fields the organisers published.
    signage: signageFields(p.kind)
      .filter(holds)
      .map((name) =>
        t('pub.fieldValue', { field: t(`field.${name}`), value: fieldValue(name, p[name]) }),
      ),
  };
}
