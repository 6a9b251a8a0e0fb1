// The basemap note could not be put away: it covered the top left of the map
// all walk long. Hidden, it stays hidden for the session, note by note.
import { describe, expect, it } from 'vitest';
import { sessionNotes } from '../../../src/ui/map/hidden.js';

function memoryStorage() {
  const kept = new Map();
  return { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => kept.set(k, String(v)) };
}

describe('a note she hides', () => {
  it('stays hidden when the map is drawn again in the same session', () => {
    const storage = memoryStorage();
    sessionNotes(storage).hide('map.noBasemapOnline');
    expect(sessionNotes(storage).hidden('map.noBasemapOnline')).toBe(true);
  });

  it('hides only itself: "offline here" still comes the first time it matters', () => {
    const storage = memoryStorage();
    sessionNotes(storage).hide('map.noBasemapOnline');
    expect(sessionNotes(storage).hidden('map.noBasemap')).toBe(false);
  });

  it('is hidden for the page when the browser keeps no storage (private mode)', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const notes = sessionNotes(refusing);
    notes.hide('map.noBasemap');
    expect(notes.hidden('map.noBasemap')).toBe(true);
  });
});
