// A destructive action asked twice, in place: the first tap turns the button
// into a question with "yes" and "no". A confirm() dialog is blocked in some
// installed PWAs and too easy to tap through with a thumb.
import { h, mount } from './dom.js';

const button = (prefix, kind, text, onclick, extra = '') =>
  h(
    'button',
    { type: 'button', class: `btn btn-small ${extra} ${prefix}-${kind}`.trim(), onclick },
    text,
  );

// The question and its two answers, in host.
function ask(host, { prefix, question, yes, no, onConfirm, onKeep }) {
  return mount(
    host,
    question,
    button(
      prefix,
      'confirm',
      yes,
      (e) => {
        e.currentTarget.disabled = true; // one tap, one action
        onConfirm(e);
      },
      'btn-warn',
    ),
    button(prefix, 'keep', no, onKeep),
  );
}

// prefix names the classes tests and styles use: prefix-ask, prefix-confirm, prefix-keep.
export function confirmInline({ tag = 'span', prefix, label, question, yes, no, onConfirm }) {
  const host = h(tag, { class: `${prefix} confirm-inline` });
  const first = button(prefix, 'ask', label, () =>
    ask(host, { prefix, question, yes, no, onConfirm, onKeep: () => mount(host, first) }),
  );
  return mount(host, first);
}

// The same question with no first tap, when something else asked it (the
// phone's back button over work not saved); "no" takes the question away.
export function confirmNow({ tag = 'div', prefix, question, yes, no, onConfirm, onKeep = null }) {
  const host = h(tag, { class: `${prefix} confirm-inline`, role: 'alert' });
  return ask(host, {
    prefix,
    question,
    yes,
    no,
    onConfirm,
    onKeep: () => {
      host.remove();
      if (onKeep) onKeep();
    },
  });
}
