// What the Exports tab shows, built from plain data: the export buttons and
// report, the OSM account line, the upload plan. No state and no API calls:
// the controller (exports.js) passes values and callbacks in.
import { h } from '../dom.js';
import { t, tp } from '../../i18n/index.js';
import { show } from './util.js';
import { changeList } from './changelist.js';
import { skipLine } from './skips.js';
import { differences } from './osmnode.js';
import { formatDateTime, formatMetres, formatNumber } from '../../shared/format.js';

export const KINDS = ['osc', 'geojson', 'csv'];

// The download buttons: the CSV twice, for a spreadsheet (a BOM, semicolons,
// formulas kept from running) and for data tools (each value as it is).
export const DOWNLOADS = [
  { name: 'osc', kind: 'osc' },
  { name: 'geojson', kind: 'geojson' },
  { name: 'csv', kind: 'csv', spreadsheet: true },
  { name: 'csvData', kind: 'csv', spreadsheet: false },
];

// What one downloaded file holds, by its format: the osmChange's changes and
// what it left out, or the cameras a GeoJSON or CSV file holds.
export function reportView(report) {
  const body = report.format === 'osc' ? oscReport(report) : tableReport(report);
  return h(
    'div',
    { class: 'exp-report', dataset: { exportId: String(report.id), format: report.format } },
    h('h3', {}, t(`exp.${report.format}`)),
    ...body,
  );
}

function tableReport(report) {
  const [rows, kept] = rowsText(report);
  return [
    h('p', { class: 'exp-rows' }, rows),
    h('p', { class: 'exp-rows-kept' }, kept),
    ...tableNotes(report).map((key) => h('p', {}, t(key))),
  ];
}

// What a GeoJSON or CSV file holds, in words (tested without a DOM): how many
// rows, and which of the walk's records. A row is any device logged, guards and
// gunshot detectors beside the cameras, and the server counts them together
// (`counts.rows`): said as devices, since a count of cameras would be wrong.
export function rowsText(report) {
  const c = report.counts || {};
  const n = c.rows ?? 0;
  return [
    tp(`exp.rows.${report.format}`, n, { n: formatNumber(n) }),
    t(c.approved ? 'exp.rows.approved' : 'exp.rows.all'),
  ];
}

// What else a GeoJSON or CSV report says, as message keys: which form a CSV
// is in (spreadsheet or data), and the options it was made with.
export function tableNotes(report) {
  const c = report.counts || {};
  return [
    report.format === 'csv' ? (c.spreadsheet ? 'exp.rows.spreadsheet' : 'exp.rows.data') : null,
    c.signage ? 'exp.rows.signage' : null,
    c.private ? 'exp.rows.private' : null,
  ].filter(Boolean);
}

function oscReport(report) {
  const c = report.counts || {};
  const items = report.report || [];
  const skipped = items.filter((r) => !r.warning);
  return [
    h(
      'p',
      { class: 'exp-counts' },
      t('exp.report', {
        ...changeCounts(c),
        skipped: tp('exp.skippedCount', c.skipped ?? 0),
      }),
    ),
    items
      .filter((r) => r.warning === 'earlier_file')
      .map((r) =>
        h(
          'p',
          { class: 'exp-earlier warn', role: 'status' },
          heldSentence('exp.earlierFile', c.created ?? 0, r),
        ),
      ),
    skipList(skipped, report.cameras, 'exp-skipped'),
    keptNodes(items.filter((r) => r.warning === 'camera_removed')),
    checkList(items, 'ambiguous_match', 'exp-ambiguous'),
    checkList(items, 'disagreeing_match', 'exp-disagreeing'),
    checkList(items, 'disused_nearby', 'exp-out-of-use'),
    checkList(items, 'disused_node', 'exp-out-of-use'),
    checkList(items, 'taken_nearby', 'exp-taken-nearby'),
    checkList(items, 'contradicted_tag', 'exp-contradicted'),
    report.josm_url
      ? h(
          'a',
          { class: 'btn', href: report.josm_url, target: '_blank', rel: 'noopener' },
          t('exp.josm'),
        )
      : null,
  ];
}

// What every check begins with: the camera, the node the export modifies and
// how far apart they are.
const matchWords = (r) => ({
  camera: String(r.observation).slice(0, 8),
  node: r.osm_node_id,
  m: formatMetres(r.distance_m),
});

// Each match an organiser should check, in words: the export report's items
// and the upload's (`ambiguous`, `disagreeing`) are the same records. Said of
// a file or a dry run (`exp.*`: "will modify", fixed on the review card), or,
// of an item `sent(item)` says went (`up.done.*`: "modified", fixed on OSM).
const CHECK_WORDS = {
  ambiguous_match: (r, say) =>
    t(`${say}.ambiguous`, {
      ...matchWords(r),
      other: r.other_osm_node_id,
      otherM: formatMetres(r.other_distance_m),
    }),
  disagreeing_match: (r, say) =>
    t(`${say}.disagreeing`, {
      ...matchWords(r),
      keys: differences(
        (r.keys || []).map((key) => ({ key, surveyed: r.surveyed[key], osm: r.osm[key] })),
      ),
    }),
  // A camera a mapper marked as no longer in use: beside a new one, or under a survey.
  disused_nearby: (r, say) => t(`${say}.disusedNearby`, matchWords(r)),
  disused_node: (r, say) =>
    t(`${say}.disusedNode`, { ...matchWords(r), keys: (r.keys || []).join(', ') }),
  // A new camera right beside one another survey has, and a mapper's tag the survey denies.
  taken_nearby: (r, say) =>
    r.other_observation
      ? t(`${say}.takenNearby`, {
          ...matchWords(r),
          other: String(r.other_observation).slice(0, 8),
        })
      : t(`${say}.takenNearbyElsewhere`, matchWords(r)),
  contradicted_tag: (r, say) =>
    t(`${say}.contradictedTag`, {
      ...matchWords(r),
      kept: tagList(r.kept),
      surveyed: tagList(r.surveyed),
    }),
};

// {key: value} as a mapper reads tags: "revolving=yes, camera:mount=wall".
const tagList = (tags) =>
  Object.entries(tags || {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');

// The lines of one kind of check, as plain data (tested without a DOM).
export function matchChecks(items, warning, { sent = () => false } = {}) {
  return (items || [])
    .filter((r) => r.warning === warning)
    .map((r) => ({
      observation: r.observation,
      text: CHECK_WORDS[warning](r, sent(r) ? 'up.done' : 'exp'),
    }));
}

// Which of an upload's items went to OSM: none when no changeset was made (the
// whole upload failed), and not one whose change failed. Those are said as
// the plan said them, not "modified".
export function sentItems(done) {
  if (!(done.changesets || []).length) return () => false;
  const failed = new Set((done.failed || []).map((f) => f.observation).filter(Boolean));
  return (r) => !failed.has(r.observation);
}

function checkList(items, warning, className, options) {
  return checkItems(matchChecks(items, warning, options), className);
}

function checkItems(lines, className) {
  if (!lines.length) return null;
  return h(
    'ul',
    { class: className },
    lines.map((line) => h('li', { dataset: { observation: line.observation } }, line.text)),
  );
}

// Gone cameras whose node stays in OSM (a street lamp, a sign...), less the
// camera's keys: the organiser sees which went.
function keptNodes(kept) {
  if (!kept.length) return null;
  return h(
    'ul',
    { class: 'exp-kept' },
    kept.map((r) =>
      h(
        'li',
        { dataset: { observation: r.observation } },
        t('exp.cameraRemoved', { node: r.osm_node_id, tags: (r.removed || []).join(', ') }),
      ),
    ),
  );
}

// The cameras left out, one line each naming the camera and saying why.
function skipList(skipped, cameras, className) {
  if (!skipped.length) return null;
  return h(
    'ul',
    { class: className },
    skipped.map((s) =>
      h(
        'li',
        { dataset: { observation: s.observation ?? '', code: s.code ?? '' } },
        skipLine(s, cameras),
      ),
    ),
  );
}

// Each count of an osmChange in its own form: "1 création · 3 modifications".
export function changeCounts(c) {
  return {
    created: tp('up.created', c.created ?? 0),
    modified: tp('up.modified', c.modified ?? 0),
    deleted: tp('up.deleted', c.deleted ?? 0),
  };
}

// What an upload sent: "changeset 123", or "changesets 123, 124".
export function sentText(done) {
  const ids = done.changesets || [];
  return tp('up.sent', ids.length, { ids: ids.join(', ') || '—' });
}

export function uploadPlan(plan) {
  const c = plan.counts || {};
  return h(
    'div',
    { class: 'up-plan', role: 'region', 'aria-label': t('up.confirmTitle') },
    h('h4', {}, t('up.confirmTitle')),
    h('p', { class: 'up-counts' }, t('up.counts', changeCounts(c))),
    plan.comment ? h('p', {}, t('up.comment', { c: plan.comment })) : null,
    // Before the list and the button: what to check before sending.
    uploadChecks(plan),
    changeList(plan, changeMarks(plan)),
    skipList(plan.skipped || [], plan.cameras, 'up-skipped'),
  );
}

// What an upload names to check, its dry run and itself alike: each list of
// the server's answer, the warning its items carry, and the class of its lines.
const UPLOAD_CHECKS = [
  ['ambiguous', 'ambiguous_match', 'up-ambiguous'],
  ['disagreeing', 'disagreeing_match', 'up-disagreeing'],
  ['out_of_use', 'disused_nearby', 'up-out-of-use'],
  ['out_of_use', 'disused_node', 'up-out-of-use'],
  ['taken_nearby', 'taken_nearby', 'up-taken-nearby'],
  ['contradicted_tag', 'contradicted_tag', 'up-contradicted'],
];

// The lines of each kind of check an upload names, as plain data (tested
// without a DOM), in the past once sent (`sent`, from sentItems).
export function uploadCheckLines(result, options) {
  return UPLOAD_CHECKS.map(([list, warning, className]) => ({
    warning,
    className,
    lines: matchChecks(result[list], warning, options),
  }));
}

// Each change's checks, by its observation: the dry run lists them apart from
// its changes, by the same lists as the lines above the changes, so that a
// change read in the list carries its own marks (a few words; the whole check
// as its title).
export function changeMarks(plan) {
  const marks = new Map();
  for (const { warning, lines } of uploadCheckLines(plan)) {
    for (const { observation, text } of lines) {
      if (!marks.has(observation)) marks.set(observation, []);
      marks.get(observation).push({ warning, label: t(`up.mark.${warning}`), title: text });
    }
  }
  return marks;
}

function uploadChecks(result, options) {
  return uploadCheckLines(result, options).map(({ lines, className }) =>
    checkItems(lines, `${className} warn`),
  );
}

// The upload's counts of what to check (PlanChecks.COUNTED, server/exports/osc.py),
// in words, those above zero: "1 ambiguous match · 2 cameras out of use nearby".
const CHECK_COUNTS = [
  'ambiguous',
  'disagreeing',
  'disused_nearby',
  'disused_node',
  'taken_nearby',
  'contradicted_tag',
];

export function checkCounts(c) {
  return CHECK_COUNTS.filter((key) => c?.[key] > 0).map((key) => tp(`up.check.${key}`, c[key]));
}

// What an upload did: its changesets and counts, what it sent that is still to
// check, what it read back of an earlier upload left unfinished, and each
// element it could not send (with OSM's reason), so that nothing failed is
// taken for sent.
export function sentView(done) {
  const failures = done.failed || [];
  const checks = checkCounts(done.counts);
  return h(
    'div',
    { class: 'up-sent' },
    // Announced as it appears: what was sent and how much is to check. The lists
    // below are there to read, not to be read out all at once.
    h(
      'div',
      { role: 'status' },
      h('p', { class: failures.length ? 'warn' : 'ok' }, sentText(done)),
      h('p', { class: 'up-counts' }, t('up.counts', changeCounts(done.counts || {}))),
      checks.length
        ? h('p', { class: 'up-to-check warn' }, t('up.toCheck', { checks: checks.join(' · ') }))
        : null,
    ),
    uploadChecks(done, { sent: sentItems(done) }),
    heldBackNotes(done),
    (done.recovered || []).map((r) =>
      h('p', { class: 'up-recovered' }, t('up.recovered', { id: r.changeset, ...changeCounts(r) })),
    ),
    failures.length
      ? h(
          'div',
          { class: 'up-failed' },
          h('p', {}, t('up.failed', { n: failures.length })),
          h(
            'ul',
            {},
            failures.map((f) => h('li', {}, show(f.reason))),
          ),
        )
      : null,
  );
}

// What OSM's redirect said, in the organiser's words (never OSM's own text).
const RETURN_REASONS = new Set(['state_expired', 'other_browser', 'not_configured']);

export function returnNoticeKey({ outcome, reason }) {
  return outcome === 'error'
    ? `up.back.${RETURN_REASONS.has(reason) ? reason : 'error'}`
    : `up.back.${outcome}`;
}

export function osmReturnNotice({ outcome, reason }) {
  const key = returnNoticeKey({ outcome, reason });
  const kind = { connected: 'ok', declined: 'muted' }[outcome] || 'warn';
  return h('p', { class: `up-back ${kind}`, role: 'status' }, t(key));
}

export function exportButtons(onExport) {
  return h(
    'div',
    { class: 'exp-buttons' },
    DOWNLOADS.map(({ name, kind, spreadsheet }) =>
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          dataset: { export: name },
          onclick: (e) => onExport(kind, e.currentTarget, { spreadsheet }),
        },
        t(`exp.${name}`),
      ),
    ),
  );
}

// The group's OSM account and the button that connects or disconnects it.
export function accountLine(account, { onConnect, onDisconnect }) {
  return [
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
            onclick: (e) => onDisconnect(e.currentTarget),
          },
          t('up.disconnect'),
        )
      : h(
          'button',
          {
            type: 'button',
            class: 'btn',
            id: 'up-connect',
            onclick: (e) => onConnect(e.currentTarget),
          },
          t('up.connect'),
        ),
  ];
}

export function prepareButton(onPrepare) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      id: 'up-prepare',
      onclick: (e) => onPrepare(e.currentTarget),
    },
    t('up.prepare'),
  );
}

// Why new cameras wait (`key`, 'up.heldBack' or 'exp.earlierFile', for `n`
// of them): when the file that may have gone through JOSM was exported, and
// since when the OSM cameras were last loaded, or that they never were.
export function heldSentence(key, n, held) {
  const since = held.fetched_at
    ? t(`${key}.since`, { fetched: formatDateTime(held.fetched_at) })
    : t(`${key}.never`);
  return tp(key, n, { place: held.place, exported: formatDateTime(held.exported_at), since });
}

// New cameras an upload did not send, or would not: an osmChange file holding
// them may have gone to OSM through JOSM since the walk was last loaded.
function heldBackNotes(result) {
  return (result.held_back || []).map((held) =>
    h(
      'p',
      { class: 'up-held warn', role: 'status' },
      heldSentence('up.heldBack', held.creates, held),
    ),
  );
}

// The dry run's answer: nothing to send, or the plan and the button that sends it.
export function dryRunView(dry, onSend) {
  const c = dry.counts || {};
  const total = (c.created || 0) + (c.modified || 0) + (c.deleted || 0);
  const held = heldBackNotes(dry);
  if (total === 0) return held.length ? held : h('p', { class: 'muted' }, t('up.nothing'));
  return [
    ...held,
    uploadPlan(dry),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-approve',
        id: 'up-send',
        onclick: (e) => onSend(e.currentTarget),
      },
      t('up.send'),
    ),
  ];
}
