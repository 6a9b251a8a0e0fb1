// A destructive action asked twice, in place: the first tap turns the button
// into a question with "yes" and "no". A confirm() dialog is blocked in some
// installed PWAs and too easy to tap through with a thumb.
import { h, mount } from './dom.js';

// prefix names the classes tests and styles use: prefix-ask, prefix-confirm, prefix-keep.
export function confirmInline({ tag = 'span', prefix, label, question, yes, no, onConfirm }) {
  const host = h(tag, { class: `${prefix} confirm-inline` });
  const button = (kind, text, onclick, extra = '') =>
    h(
      'button',
      { type: 'button', class: `btn btn-small ${extra} ${prefix}-${kind}`.trim(), onclick },
      text,
    );
  const ask = button('ask', label, () =>
    mount(
      host,
      question,
      button(
        'confirm',
        yes,
        (e) => {
          e.currentTarget.disabled = true; // one tap, one action
          onConfirm(e);
        },
        'btn-warn',
      ),
      button('keep', no, () => mount(host, ask)),
    ),
  );
  return mount(host, ask);
}
