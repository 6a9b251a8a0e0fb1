// The Exports tab's controller: downloads (osmChange, GeoJSON, CSV) with the
// export's report and JOSM link, and the OSM upload: a dry run first, showing
// exactly what would be sent, then the real upload only after the organiser
// confirms it. What each part looks like is in exportsviews.js.
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act, failed, loading, saveBlob } from './util.js';
import {
  KINDS,
  accountLine,
  dryRunView,
  exportButtons,
  osmReturnNotice,
  prepareButton,
  reportView,
  sentText,
  sentView,
} from './exportsviews.js';

export async function render(host, octx) {
  const { api, groupId, walk } = octx;
  if (!walk) {
    mount(host, h('p', { class: 'rev-empty' }, t('sum.pickWalk')));
    return null;
  }
  const back = octx.params && octx.params.osmReturn;
  // One report per format, each kept until its own next download: the
  // osmChange's figures must not give way to those of a CSV made after it.
  const reports = Object.fromEntries(KINDS.map((kind) => [kind, h('div', { dataset: { kind } })]));
  const report = h('div', { class: 'exp-out', 'aria-live': 'polite' }, Object.values(reports));
  const upload = h('div', { class: 'up-out' }, loading());
  const plan = h('div', {});

  // Private by default: the signage answers go into GeoJSON and CSV only when ticked.
  const signage = h('input', { type: 'checkbox', id: 'exp-signage' });
  // A file to publish by default (a uMap, a spreadsheet shared): approved
  // cameras only, as approved. Unticked: every camera as it is now, to review.
  const approved = h('input', { type: 'checkbox', id: 'exp-approved', checked: true });
  const exportFile = (kind, button, { spreadsheet = false } = {}) =>
    act(button, async () => {
      const file = await api.exportWalk(walk.id, kind, {
        signage: signage.checked,
        approved: approved.checked,
        spreadsheet,
      });
      saveBlob(file.blob, file.filename);
      if (file.exportId) mount(reports[kind], reportView(await api.exportReport(file.exportId)));
    });

  const connect = (button) =>
    act(button, async () => {
      const answer = await api.osmAuthorize(groupId);
      window.location.assign(answer.authorization_url);
    });

  const disconnect = (button) =>
    act(button, async () => {
      const answer = await api.osmDisconnect(groupId);
      // OSM did not confirm: the token is gone here, but only the OSM user can
      // withdraw camwalk's access there.
      toast(t(answer && answer.revoked_at_osm ? 'up.disconnected' : 'up.revokeByHand'));
      drawUpload();
    });

  const send = (button) =>
    act(button, async () => {
      const done = await api.osmUpload(walk.id, false);
      toast(sentText(done));
      mount(plan, sentView(done));
    });

  const prepare = (button) =>
    act(button, async () => {
      mount(plan, dryRunView(await api.osmUpload(walk.id, true), send));
    });

  async function drawUpload() {
    mount(plan); // a new account line starts without the last dry run
    let account;
    try {
      account = await api.osmAccount(groupId);
    } catch (err) {
      failed(err);
      account = { connected: false };
    }
    mount(
      upload,
      ...accountLine(account, { onConnect: connect, onDisconnect: disconnect }),
      prepareButton(prepare),
      plan,
    );
  }

  mount(
    host,
    h(
      'div',
      { class: 'exports' },
      h(
        'section',
        { class: 'org-card' },
        h('h2', {}, t('exp.title')),
        h(
          'label',
          { class: 'grp-check', for: 'exp-signage' },
          signage,
          h('span', {}, t('exp.signage')),
        ),
        h(
          'label',
          { class: 'grp-check', for: 'exp-approved' },
          approved,
          h('span', {}, t('exp.approved')),
        ),
        exportButtons(exportFile),
        report,
      ),
      h(
        'section',
        { class: 'org-card' },
        h('h2', {}, t('up.title')),
        back ? osmReturnNotice(back) : null,
        upload,
      ),
    ),
  );
  drawUpload();
  return null;
}
