// The organisers removed her from the group (401 member_removed). Neither a
// password nor a sign-in link can bring this pseudonym back, so this screen
// does not ask her to log in: it says what happened and lets her save what
// this phone never sent to a file, for an organiser who may still want it.
import { h, mount } from '../dom.js';
import { countedWork, t } from '../../i18n/index.js';
import * as store from '../../db/index.js';
import { langSwitch, page } from './common.js';
import { saveWorkButton } from '../sheets/logout.js';

export async function renderRemoved(ctx) {
  const s = ctx.session;
  const visit = ctx.visit();
  // Counted as everywhere she reads it: cameras, with their photos.
  const { cameras: mine, photos: unsentPhotos } = await store.unsentWorkOf(s.member.id);
  if (!ctx.keep(visit, null)) return;
  const save = saveWorkButton(ctx);
  mount(
    ctx.root,
    page(
      ctx,
      t('removed.title'),
      h(
        'p',
        { class: 'notice removed', role: 'status' },
        t('removed.body', { who: s.member.pseudonym, group: s.group.name }),
      ),
      mine
        ? h(
            'p',
            { class: 'warn removed-unsent' },
            t('removed.unsent', { what: countedWork(mine, unsentPhotos) }),
          )
        : h('p', { class: 'muted' }, t('removed.nothing')),
      mine ? save.button : null,
      save.status,
      h(
        'button',
        { class: 'btn btn-link', type: 'button', onclick: () => ctx.go('welcome') },
        t('removed.invite'),
      ),
      langSwitch(() => renderRemoved(ctx)),
    ),
  );
}
