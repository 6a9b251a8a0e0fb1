import { describe, expect, it } from 'vitest';
import { approvalChanges } from '../../src/ui/organise/reviewviews.js';
import { countLines, lackingText, numberText } from '../../src/ui/organise/signage.js';
import { fieldLabel } from '../../src/ui/organise/fields.js';
import { fieldValue } from '../../src/shared/format.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

describe('the signage answers on the review card', () => {
  it('come after the other fields, in the walker’s words', () => {
    setLanguage('fr', false);
    const rows = approvalChanges({
      changed_since_approval: {
        sign_cnil: { approved: 'no', now: 'yes' },
        sign: { approved: null, now: 'none' },
        operator: { approved: 'A', now: 'B' },
        filmed_by: { approved: 'unknown', now: 'residence' },
      },
    });
    expect(rows.map((r) => r.field)).toEqual(['operator', 'sign', 'sign_cnil', 'filmed_by']);
    expect(rows[1]).toMatchObject({ label: 'Panneau', approved: '—', now: 'Aucun' });
    expect(rows[2]).toMatchObject({ label: 'Mention de la CNIL', approved: 'Non', now: 'Oui' });
    expect(rows[3]).toMatchObject({ approved: 'Inconnu', now: 'Résidence' });
  });
});

describe('what the commune file says a camera lacks', () => {
  it.each([
    ['fr', { state: 'missing', lacking: ['sign'], unanswered: [] }, 'aucun panneau'],
    ['en', { state: 'missing', lacking: ['sign'], unanswered: [] }, 'no sign'],
    [
      'fr',
      { state: 'incomplete', lacking: ['sign_retention', 'sign_cnil'], unanswered: [] },
      'Durée de conservation, Mention de la CNIL',
    ],
    [
      'en',
      { state: 'incomplete', lacking: ['sign_cnil'], unanswered: ['sign_purpose'] },
      'CNIL mention; not recorded: Purpose',
    ],
  ])('in %s: %j', (lang, line, text) => {
    setLanguage(lang, false);
    expect(lackingText(line)).toBe(text);
    setLanguage('fr', false);
  });
});

describe('a conflict on a signage answer', () => {
  it('is named and valued in the organiser’s words', () => {
    setLanguage('en', false);
    expect(fieldLabel('sign')).toBe('Sign');
    expect(fieldLabel('operator')).toBe('Operator');
    expect([fieldValue('sign', 'not_looked'), fieldValue('aimed_at_road', 'no')]).toEqual([
      'Not looked',
      'No',
    ]);
    setLanguage('fr', false);
  });
});

describe('the commune file’s figures', () => {
  it('show every sign state under the cameras, adding up to them', () => {
    setLanguage('fr', false);
    const counts = {
      cameras: 7,
      no_sign: 2,
      complete_sign: 1,
      incomplete_sign: 1,
      partly_checked_sign: 1,
      sign_not_checked: 2,
      private_aimed_at_road: 1,
    };
    const lines = countLines(counts);
    const parts = lines.filter((l) => l.part);
    expect(parts.reduce((sum, l) => sum + l.n, 0)).toBe(counts.cameras);
    expect(lines.map((l) => l.key)).toEqual(Object.keys(counts));
    expect(parts[0].label).toBe('aucun panneau trouvé');
    expect(parts[1].label).toBe('panneau vu, les six mentions notées présentes');
    expect(lines.every((l) => !l.label.startsWith('sig.'))).toBe(true);
  });
});

describe('a camera that may be another one’s duplicate', () => {
  it('has its number marked', () => {
    expect(numberText({ number: 3, possible_duplicate: true })).toBe('3*');
    expect(numberText({ number: 4, possible_duplicate: false })).toBe('4');
  });
});
