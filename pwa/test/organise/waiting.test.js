// The summary and the review queue say what waits for review in the same
// sentence: the demo's summary read "18 to review" (its cameras) while the
// queue read "1 / 19 to review" (every device, its guard too).
import { afterEach, describe, expect, it } from 'vitest';
import { asReviewed, waitingCounts, waitingLine } from '../../src/ui/organise/waiting.js';
import { cardHeader } from '../../src/ui/organise/reviewviews.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const device = (kind, review_status = 'pending', presence = 'present') => ({
  kind,
  review_status,
  presence,
});

// The summary's devices (each as the review has left it), the demo's way: 18
// cameras and a plate reader waiting, a guard waiting, others decided.
const summaryDevices = [
  ...Array.from({ length: 17 }, () => device('camera')),
  device('ALPR'),
  device('guard'),
  device('camera', 'approved'),
  device('camera', 'rejected'),
];

// The same walk's review queue: only what waits, each as it is now. The
// approved camera a walker changed to a guard since is still a camera here.
const queueCards = [
  ...Array.from({ length: 16 }, () => device('camera')),
  {
    ...device('guard'),
    changed_since_approval: { kind: { approved: 'camera', now: 'guard' } },
  },
  device('ALPR'),
  device('guard'),
];

describe('what waits for review', () => {
  afterEach(() => setLanguage('fr', false));

  it.each([
    ['fr', 'À valider\u00a0: 18 caméras et 1 vigile.'],
    ['en', 'To review: 18 cameras and 1 guard.'],
  ])('in %s, says the cameras and the guard apart, on both screens alike', (lang, words) => {
    setLanguage(lang, false);
    expect(waitingLine(summaryDevices)).toBe(words);
    expect(waitingLine(queueCards, asReviewed)).toBe(words);
  });

  it('counts every card of the queue once', () => {
    const counts = waitingCounts(queueCards, asReviewed);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(queueCards.length);
  });

  it('says a device reported gone apart, as the summary leaves it out of its cameras', () => {
    setLanguage('en', false);
    const devices = [device('camera'), device('camera'), device('camera', 'pending', 'gone')];
    expect(waitingLine(devices)).toBe('To review: 2 cameras and 1 device reported gone.');
  });

  it('adds nothing when only cameras still there wait: both screens already agree', () => {
    expect(waitingLine([device('camera'), device('ALPR'), device('guard', 'approved')])).toBe(null);
  });
});

// The few DOM calls h() makes, as plain objects (the tests run in Node).
class FakeNode {
  constructor(tag, text = '') {
    Object.assign(this, { tag, text, children: [], dataset: {} });
  }
  setAttribute() {}
  addEventListener() {}
  append(...nodes) {
    this.children.push(...nodes);
  }
  get textContent() {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
}

describe('the review queue’s card', () => {
  afterEach(() => {
    delete globalThis.document;
    delete globalThis.Node;
  });

  it('says under its count what the queue holds, in the summary’s sentence', () => {
    globalThis.Node = FakeNode;
    globalThis.document = {
      createElement: (tag) => new FakeNode(tag),
      createTextNode: (text) => new FakeNode('#text', text),
    };
    const waiting = waitingLine(queueCards, asReviewed);
    const header = cardHeader(queueCards[0], { index: 0, count: 19, waiting, onGo() {} });
    expect(header.textContent).toContain('1 / 19 à valider');
    expect(header.textContent).toContain('À valider\u00a0: 18 caméras et 1 vigile.');
  });
});
