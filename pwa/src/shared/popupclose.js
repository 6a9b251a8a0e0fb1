// Leaflet names a popup's close button itself, in English ("Close popup"), and
// draws it as a 24 px "×": a French reader's screen reader said English on the
// public map. Every map that opens popups names the button in her language
// (its size is the stylesheet's: .leaflet-popup-close-button). Apart from
// map.js so that it can be tested without Leaflet, which needs a browser.
import { t } from '../i18n/index.js';

export function nameClosingButtons(map) {
  map.on('popupopen', ({ popup }) => {
    const button = popup.getElement()?.querySelector('.leaflet-popup-close-button');
    if (!button) return;
    button.setAttribute('aria-label', t('map.closePopup'));
    button.setAttribute('title', t('map.closePopup'));
  });
}
