// The public map's few words. Its own small dictionary: a visitor's browser
// loads the public page without any of the organisers' words.
import { DICTIONARIES } from '../../i18n/index.js';

export const fr = {
  'pub.heading': 'Caméras de surveillance relevées',
  'pub.count.one': '{n} caméra validée',
  'pub.count.other': '{n} caméras validées',
  'pub.others.one': 'et {n} autre dispositif validé (vigile, détecteur de tirs)',
  'pub.others.other': 'et {n} autres dispositifs validés (vigiles, détecteurs de tirs)',
  'pub.missing': 'Cette carte n’est pas publiée.',
  // A noun, "the survey of": the popup is a camera's, a guard's or a detector's, and a
  // participle would have to agree with each ("relevée" under "Vigile" read wrong).
  'pub.surveyed': 'relevé du {d}',
  'pub.credit': 'Relevés de terrain par des bénévoles, avec camwalk.',
  'pub.photo': 'Photo de la caméra (zones sensibles floutées)',
  'pub.legend': 'Légende de la carte',
  'pub.fieldValue': '{field}\u00a0: {value}',
  'pub.duplicates.one':
    '{n} paire de points voisins pourrait être un seul appareil relevé deux fois\u00a0: pas encore vérifié.',
  'pub.duplicates.other':
    '{n} paires de points voisins pourraient être chacune un seul appareil relevé deux fois\u00a0: pas encore vérifié.',
  'pub.possibleDuplicate':
    'Peut-être le même appareil qu’un point voisin, relevé deux fois\u00a0: pas encore vérifié.',
};

export const en = {
  'pub.heading': 'Surveyed surveillance cameras',
  'pub.count.one': '{n} approved camera',
  'pub.count.other': '{n} approved cameras',
  'pub.others.one': 'and {n} other approved device (guard, gunshot detector)',
  'pub.others.other': 'and {n} other approved devices (guards, gunshot detectors)',
  'pub.missing': 'This map is not published.',
  'pub.surveyed': 'surveyed on {d}',
  'pub.credit': 'Field survey by volunteers, with camwalk.',
  'pub.photo': 'Photo of the camera (sensitive areas blurred)',
  'pub.legend': 'Map key',
  'pub.fieldValue': '{field}: {value}',
  'pub.duplicates.one':
    '{n} pair of points nearby may be one device logged twice: not checked yet.',
  'pub.duplicates.other':
    '{n} pairs of points nearby may each be one device logged twice: not checked yet.',
  'pub.possibleDuplicate':
    'Maybe the same device as a point nearby, logged twice: not checked yet.',
};

Object.assign(DICTIONARIES.fr, fr);
Object.assign(DICTIONARIES.en, en);
