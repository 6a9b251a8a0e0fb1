// Downloads (osmChange, GeoJSON, CSV) with the export's report and JOSM link,
// and the OSM upload: a dry run first, showing exactly what would be sent,
// then the real upload only after the organiser confirms it.
import { h, mount, toast } from '../dom.js';
import { t } from '../../i18n/index.js';
import { act, failed, loading, saveBlob, show } from './util.js';
import { changeList } from './changelist.js';

const KINDS = ['osc', 'geojson', 'csv'];

function reportView(report) {
  const c = report.counts || {};
  return h(
    'div',
    { class: 'exp-report', dataset: { exportId: String(report.id) } },
    h(
      'p',
      {},
      t('exp.report', {
        created: c.created ?? 0,
        modified: c.modified ?? 0,
        deleted: c.deleted ?? 0,
        skipped: c.skipped ?? 0,
      }),
    ),
    (report.report || []).length
      ? h(
          'ul',
          { class: 'exp-skipped' },
          report.report.map((r) => h('li', {}, t('exp.skipped', { why: show(r.reason || r) }))),
        )
      : null,
    report.josm_url
      ? h(
          'a',
          { class: 'btn', href: report.josm_url, target: '_blank', rel: 'noopener' },
          t('exp.josm'),
        )
      : null,
  );
}

function uploadPlan(plan) {
  const c = plan.counts || {};
  return h(
    'div',
    { class: 'up-plan', role: 'region', 'aria-label': t('up.confirmTitle') },
    h('h4', {}, t('up.confirmTitle')),
    h(
      'p',
      { class: 'up-counts' },
      t('up.counts', {
        created: c.created ?? 0,
        modified: c.modified ?? 0,
        deleted: c.deleted ?? 0,
      }),
    ),
    plan.comment ? h('p', {}, t('up.comment', { c: plan.comment })) : null,
    changeList(plan),
    (plan.skipped || []).length
      ? h(
          'ul',
          {},
          plan.skipped.map((s) => h('li', {}, t('exp.skipped', { why: show(s.reason || s) }))),
        )
      : null,
  );
}

// What OSM's redirect said, in the organiser's words (never OSM's own text).
const RETURN_REASONS = new Set(['state_expired', 'not_configured']);

function osmReturnNotice({ outcome, reason }) {
  const key =
    outcome === 'error'
      ? `up.back.${RETURN_REASONS.has(reason) ? reason : 'error'}`
      : `up.back.${outcome}`;
  const kind = { connected: 'ok', declined: 'muted' }[outcome] || 'warn';
  return h('p', { class: `up-back ${kind}`, role: 'status' }, t(key));
}

export async function render(host, octx) {
  const { api, groupId, walk } = octx;
  if (!walk) {
    mount(host, h('p', { class: 'rev-empty' }, t('sum.pickWalk')));
    return null;
  }
  const back = octx.params && octx.params.osmReturn;
  const report = h('div', { class: 'exp-out', 'aria-live': 'polite' });
  const upload = h('div', { class: 'up-out' }, loading());
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
          'div',
          { class: 'exp-buttons' },
          KINDS.map((kind) =>
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                dataset: { export: kind },
                onclick: (e) =>
                  act(e.currentTarget, async () => {
                    const file = await api.exportWalk(walk.id, kind);
                    saveBlob(file.blob, file.filename);
                    if (file.exportId)
                      mount(report, reportView(await api.exportReport(file.exportId)));
                  }),
              },
              t(`exp.${kind}`),
            ),
          ),
        ),
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

  async function drawUpload() {
    let account;
    try {
      account = await api.osmAccount(groupId);
    } catch (err) {
      failed(err);
      account = { connected: false };
    }
    const plan = h('div', {});
    mount(
      upload,
      h(
        'p',
        { class: 'up-account' },
        account.connected ? t('up.account', { who: account.osm_user || '✓' }) : t('up.noAccount'),
      ),
      account.connected
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small',
              id: 'up-disconnect',
              onclick: (e) =>
                act(e.currentTarget, async () => {
                  const answer = await api.osmDisconnect(groupId);
                  // OSM did not confirm: the token is gone here, but only the OSM user can
                  // withdraw camwalk's access there.
                  toast(t(answer && answer.revoked_at_osm ? 'up.disconnected' : 'up.revokeByHand'));
                  drawUpload();
                }),
            },
            t('up.disconnect'),
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'btn',
              id: 'up-connect',
              onclick: (e) =>
                act(e.currentTarget, async () => {
                  const answer = await api.osmAuthorize(groupId);
                  window.location.assign(answer.authorization_url);
                }),
            },
            t('up.connect'),
          ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-primary',
          id: 'up-prepare',
          onclick: (e) =>
            act(e.currentTarget, async () => {
              const dry = await api.osmUpload(walk.id, true);
              const c = dry.counts || {};
              const total = (c.created || 0) + (c.modified || 0) + (c.deleted || 0);
              mount(
                plan,
                total === 0
                  ? h('p', { class: 'muted' }, t('up.nothing'))
                  : [
                      uploadPlan(dry),
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'btn btn-approve',
                          id: 'up-send',
                          onclick: (ev) =>
                            act(ev.currentTarget, async () => {
                              const done = await api.osmUpload(walk.id, false);
                              const ids = (done.changesets || [])
                                .map((cs) => cs.id || cs)
                                .join(', ');
                              toast(t('up.sent', { ids: ids || '—' }));
                              mount(
                                plan,
                                h('p', { class: 'ok' }, t('up.sent', { ids: ids || '—' })),
                              );
                            }),
                        },
                        t('up.send'),
                      ),
                    ],
              );
            }),
        },
        t('up.prepare'),
      ),
      plan,
    );
  }
  drawUpload();
  return null;
}
