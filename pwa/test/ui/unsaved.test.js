// What an update's reload would throw away, asked of the screens open now.
import { describe, expect, it } from 'vitest';
import { holdUnsaved, unsavedWork } from '../../src/ui/unsaved.js';

describe('unsaved work on screen', () => {
  it('is there while one open screen says so, and gone once it is released', () => {
    let touched = false;
    const release = holdUnsaved(() => touched);
    const untouched = holdUnsaved(() => false);
    expect(unsavedWork()).toBe(false);
    touched = true;
    expect(unsavedWork()).toBe(true);
    release();
    expect(unsavedWork()).toBe(false);
    untouched();
  });
});
