// A popup's close button speaks the reader's language: Leaflet names it
// "Close popup" itself, which a French screen reader read out on the public map.
import { afterEach, describe, expect, it } from 'vitest';
import { nameClosingButtons } from '../../src/shared/popupclose.js';
import { setLanguage } from '../../src/i18n/index.js';

// A map that keeps its listeners, and a popup whose element holds Leaflet's button.
function mapWithPopup() {
  const listeners = {};
  const button = { attributes: { 'aria-label': 'Close popup' } };
  button.setAttribute = (name, value) => (button.attributes[name] = value);
  const element = {
    querySelector: (selector) => (selector === '.leaflet-popup-close-button' ? button : null),
  };
  const map = { on: (event, listener) => (listeners[event] = listener) };
  const open = () => listeners.popupopen({ popup: { getElement: () => element } });
  return { map, open, button };
}

describe("a map popup's close button", () => {
  afterEach(() => setLanguage('fr', false));

  it.each([
    ['fr', 'Fermer'],
    ['en', 'Close'],
  ])('is named in %s once the popup opens', (lang, words) => {
    setLanguage(lang, false);
    const { map, open, button } = mapWithPopup();
    nameClosingButtons(map);
    open();
    expect(button.attributes['aria-label']).toBe(words);
    expect(button.attributes.title).toBe(words);
  });
});
