// A walker whose phone could not sync saves her unsent work to a .geojson
// file (menu); an organiser imports it here. The server replays it as hers,
// idempotent by change id, and says what went in and what it left out.
import { h, mount } from '../dom.js';
import { t } from '../../i18n/index.js';
import { failureText } from './util.js';

const FORMAT = 'camwalk_walker_file';

// The server's answer as the counts and the list an organiser reads. `sent`
// is the file as posted: its changes give each left-out one its place in it.
export function importOutcome(sent, answer) {
  const changes = (sent && sent[FORMAT] && sent[FORMAT].changes) || [];
  const place = (changeId, index) => {
    const at = index ?? changes.findIndex((c) => c && c.change_id === changeId);
    return at >= 0 ? at + 1 : null;
  };
  const results = answer.results || [];
  const fresh = results.filter((r) => !r.replayed && r.status !== 'rejected');
  const left = [
    ...(answer.skipped || []).map((s) => ({
      what: t('wf.change', { i: place(s.change_id, s.index) ?? '?' }),
      reason: failureText(s),
    })),
    ...results
      .filter((r) => r.status === 'rejected')
      .map((r) => ({
        what: t('wf.change', { i: place(r.change_id) ?? '?' }),
        reason: failureText(r.error || { code: 'rejected' }),
      })),
    ...((answer.photos && answer.photos.refused) || []).map((p) => ({
      what: t('wf.photo', { sha: String(p.sha256).slice(0, 8) }),
      reason: failureText(p),
    })),
  ];
  return {
    who: (answer.walker && answer.walker.pseudonym) || '—',
    proven: answer.proven !== false,
    applied: fresh.length,
    conflicts: fresh.filter((r) => r.status === 'conflict').length,
    replayed: results.filter((r) => r.replayed).length,
    photos: ((answer.photos && answer.photos.stored) || []).length,
    left,
  };
}

function outcomeView(o) {
  const line = (cls, words) => h('li', { class: cls }, words);
  return h(
    'div',
    { class: 'wf-outcome', role: 'status' },
    h('p', { class: 'ok' }, t('wf.done', { who: o.who })),
    o.proven ? null : h('p', { class: 'warn wf-unproven-done' }, t('wf.unprovenDone')),
    h(
      'ul',
      { class: 'plain wf-counts' },
      line('wf-applied', t('wf.applied', { n: o.applied })),
      o.conflicts ? line('wf-conflicts', t('wf.conflicts', { n: o.conflicts })) : null,
      line('wf-replayed', t('wf.replayed', { n: o.replayed })),
      o.photos ? line('wf-photos', t('wf.photos', { n: o.photos })) : null,
      line('wf-left-count', t('wf.left', { n: o.left.length })),
    ),
    o.left.length
      ? h(
          'ul',
          { class: 'wf-left' },
          o.left.map((l) => h('li', {}, h('strong', {}, l.what), ' : ', l.reason)),
        )
      : null,
  );
}

export function walkerFileCard(api, groupId) {
  const result = h('div', { class: 'wf-result', 'aria-live': 'polite' });
  const input = h('input', {
    id: 'wf-file',
    type: 'file',
    accept: '.geojson,.json,application/geo+json,application/json',
    onchange: () => send(),
  });

  async function send() {
    const file = input.files && input.files[0];
    if (!file) return;
    input.disabled = true;
    mount(result, h('p', { class: 'muted' }, t('wf.sending', { name: file.name })));
    try {
      let body;
      try {
        body = JSON.parse(await file.text());
      } catch {
        mount(result, h('p', { class: 'warn', role: 'alert' }, t('wf.notJson')));
        return;
      }
      await importing(body);
    } finally {
      input.disabled = false;
      input.value = ''; // the same file may be chosen again (a second import replays nothing)
    }
  }

  // A file her phone did not prove (an older app, an edited file, or one naming
  // somebody else) goes in only if the organiser, told so, says it is hers.
  async function importing(body, unproven = false) {
    try {
      const answer = await api.importWalkerFile(groupId, body, { unproven });
      mount(result, outcomeView(importOutcome(body, answer)));
    } catch (err) {
      if (err.code !== 'walker_file_unproven') {
        mount(result, h('p', { class: 'warn', role: 'alert' }, failureText(err)));
        return;
      }
      const who = (body[FORMAT] && body[FORMAT].pseudonym) || '—';
      const anyway = h(
        'button',
        {
          type: 'button',
          class: 'btn wf-anyway',
          onclick: () => {
            anyway.disabled = true;
            mount(result, h('p', { class: 'muted' }, t('wf.sending', { name: who })));
            importing(body, true);
          },
        },
        t('wf.importAnyway', { who }),
      );
      mount(
        result,
        h(
          'div',
          { class: 'wf-unproven', role: 'alert' },
          h('p', { class: 'warn' }, t('wf.unproven', { who })),
          anyway,
        ),
      );
    }
  }

  return h(
    'section',
    { class: 'org-card no-print wf' },
    h('h2', {}, t('wf.title')),
    h('p', { class: 'muted' }, t('wf.what')),
    h('label', { class: 'field', for: 'wf-file' }, h('span', {}, t('wf.choose')), input),
    result,
  );
}
