// A surveyed field's name as the organiser reads it, on every screen that
// names one (conflicts, review card, history): the label the walker's form
// shows, else the field.* word the sheets and the public map use. Its values
// are read with shared/format.js fieldValue, the walker's own words.
import { t } from '../../i18n/index.js';

const LABELS = {
  position: 'log.position',
  kind: 'log.kind',
  camera_type: 'log.cameraType',
  mount: 'log.mount',
  surveillance: 'log.surveillance',
  zone: 'log.zone',
  operator: 'log.operator',
  direction: 'log.direction',
  height_m: 'log.height',
  note: 'rev.note',
};

export function fieldLabel(field) {
  if (LABELS[field] && t(LABELS[field]) !== LABELS[field]) return t(LABELS[field]);
  // Fields without a form label of their own (the signage survey) have a field.* one.
  return t(`field.${field}`) !== `field.${field}` ? t(`field.${field}`) : field;
}
