// The walk summary's coverage card: how much of the walk's streets and public
// space the cameras see at each range, the most watched streets, and the
// cameras that reach windows and doors. It prints with the summary.
import { h } from '../dom.js';
import { t, tp } from '../../i18n/index.js';
import { formatNumber } from '../../shared/format.js';

const RANGES = ['identification', 'recognition', 'observation'];

const percent = (share) =>
  share === null || share === undefined ? '–' : `${formatNumber(share * 100, 1)} %`;

export function coverageCard(answer) {
  const card = h('section', { class: 'org-card coverage-card' }, h('h3', {}, t('coverage.title')));
  const figures = answer && answer.figures;
  if (!figures) {
    card.append(h('p', { class: 'muted' }, t('coverage.noMap')));
    return card;
  }
  const streets = figures.streets.street;
  card.append(
    h(
      'dl',
      { class: 'coverage-ranges' },
      RANGES.flatMap((range) => [
        h('dt', {}, t(`coverage.range.${range}`)),
        h(
          'dd',
          {},
          t('coverage.streets', {
            p: percent(streets[range].share),
            m: formatNumber(streets[range].in_view_m),
            total: formatNumber(streets.length_m),
          }),
          ' · ',
          t('coverage.space', { p: percent(figures.public_space[range].share) }),
        ),
      ]),
    ),
  );
  if (figures.most_watched.length) {
    card.append(
      h('h4', {}, t('coverage.mostWatched')),
      h(
        'ol',
        { class: 'coverage-streets' },
        figures.most_watched.map((s) =>
          h(
            'li',
            {},
            h('strong', {}, s.name),
            ' — ',
            t('coverage.watchedBy', { n: s.cameras, m: formatNumber(s.in_view_m) }),
          ),
        ),
      ),
    );
  }
  card.append(h('p', {}, t('coverage.facades', { n: figures.facade_flags.length })));
  if (figures.cameras.without_direction) {
    card.append(
      h('p', { class: 'muted' }, tp('coverage.skipped', figures.cameras.without_direction)),
    );
  }
  if (figures.cameras.indoor) {
    card.append(h('p', { class: 'muted' }, tp('coverage.indoor', figures.cameras.indoor)));
  }
  card.append(h('p', { class: 'muted' }, t('coverage.assumed')));
  return card;
}
