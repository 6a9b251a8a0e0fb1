// A sheet's onClosed runs when she closes it, whichever way: the log form
// gives the map back its view then (logging.js).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sheetsWithBack } from '../../../src/ui/map/sheets.js';

beforeEach(() => {
  const entries = [null];
  globalThis.history = {
    get state() {
      return entries.at(-1);
    },
    pushState: (state) => entries.push(state),
    back: () => entries.pop(),
  };
});
afterEach(() => delete globalThis.history);

const screen = () => ({ openSheet: vi.fn(), closeSheet: vi.fn(), sheet: new EventTarget() });

function press(target, key) {
  const event = new Event('keydown', { cancelable: true });
  Object.defineProperty(event, 'key', { value: key });
  target.dispatchEvent(event);
  return event;
}

describe("a sheet's onClosed", () => {
  it('runs once when one of its buttons closes it', () => {
    const ui = sheetsWithBack(screen());
    const onClosed = vi.fn();
    ui.openSheet('form', { onClosed });
    ui.closeSheet();
    ui.closeSheet();
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('runs when back closes it, not when back is refused', () => {
    const ui = sheetsWithBack(screen());
    const onClosed = vi.fn();
    let leave = false;
    ui.openSheet('form', { onBack: () => leave, onClosed });
    history.back();
    ui.back();
    expect(onClosed).not.toHaveBeenCalled();
    leave = true;
    history.back();
    ui.back();
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('does not run when another sheet takes its place', () => {
    const ui = sheetsWithBack(screen());
    const onClosed = vi.fn();
    ui.openSheet('form', { onClosed });
    ui.openSheet('camera');
    ui.closeSheet();
    expect(onClosed).not.toHaveBeenCalled();
  });
});

describe('Escape over a sheet', () => {
  it('is back: the sheet goes as back takes it, and the map stays', () => {
    const view = screen();
    const ui = sheetsWithBack(view);
    const back = vi.spyOn(history, 'back');
    expect(press(view.sheet, 'Escape').defaultPrevented).toBe(false); // no sheet open
    ui.openSheet('menu');
    expect(press(view.sheet, 'Enter').defaultPrevented).toBe(false);
    expect(back).not.toHaveBeenCalled();
    expect(press(view.sheet, 'Escape').defaultPrevented).toBe(true);
    expect(back).toHaveBeenCalledTimes(1);
    ui.back(); // what the app does on the history step back
    expect(view.closeSheet).toHaveBeenCalledTimes(1);
    expect(history.state).toBe(null); // the map's own entry: still in the app
  });
});
