// The public photos section names each camera as its review card does, so the
// organiser knows which camera a photo shows before she publishes it.
import { afterEach, describe, expect, it } from 'vitest';
import { cameraHeading } from '../../src/ui/organise/publicphotoviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

// Two approved domes of one walk without an operator, as the review queue sends them.
const dome = (id, createdBy, surveyedOn) => ({
  id,
  kind: 'camera',
  camera_type: 'dome',
  operator: null,
  created_by: createdBy,
  surveyed_on: surveyedOn,
  created_at: `${surveyedOn}T09:14:03Z`,
  photos: [{ sha256: 'a'.repeat(64), public: false }],
});

describe('a camera of the public photos section', () => {
  afterEach(() => setLanguage('fr', false));

  it.each([
    ['fr', 'Caméra · Dôme, relevée par \u2068léa\u2069 le 6 déc. 2026'],
    ['en', 'Camera · Dome, logged by \u2068léa\u2069 on Dec 6, 2026'],
  ])('in %s, says its type, walker and day', (lang, words) => {
    setLanguage(lang, false);
    expect(cameraHeading(dome('c1', 'léa', '2026-12-06'))).toBe(words);
  });

  it('tells two cameras without an operator apart', () => {
    setLanguage('fr', false);
    const first = cameraHeading(dome('c1', 'léa', '2026-12-06'));
    const second = cameraHeading(dome('c2', 'mouette', '2026-12-04'));
    expect(first).not.toBe(second);
    expect(first).not.toContain('—');
  });
});
