// Every walk's map comes down with the walk list, once, and again only when
// the organiser fetched it anew (the server answers 304 otherwise): a walker
// who never opened a walk online still has its streets and buildings offline.
//
// A walk that says it has no map (`has_basemap: false`) is not asked for one:
// its 404 was an error in the console at every load of the list (the demo's
// walk, any walk not fetched yet). A walk that does not say (a list kept from
// an older server) is asked, as before the field.

const NONE = 'none';

export async function refreshBasemaps(api, store, walks) {
  let changed = 0;
  for (const walk of walks) {
    const held = await store.getBasemap(walk.id);
    const answer = walk.has_basemap === false ? NONE : await ask(api, walk.id, held);
    if (answer === NONE) {
      // The organiser has not fetched one (yet), or it is gone: nothing to keep.
      if (held) {
        await store.deleteBasemap(walk.id);
        changed += 1;
      }
    } else if (answer && !answer.notModified) {
      await store.putBasemap(walk.id, answer);
      changed += 1;
    }
  }
  return changed;
}

// One walk's, for its map screen. The walk is read again first: the screen
// opens on it as the list last kept it, which may say it has no map from
// before the organiser's first fetch. No walk (offline, no answer): nothing is
// asked, and the copy held stays.
export async function refreshWalkBasemap(api, store, walkId) {
  let walk;
  try {
    walk = await api.walk(walkId);
  } catch {
    return 0;
  }
  return refreshBasemaps(api, store, [walk]);
}

// The server's map; NONE when it has none for the walk; null when it could not
// say (offline, a server error): the copy held stays, it is still the walk's map.
async function ask(api, walkId, held) {
  try {
    return await api.basemap(walkId, held && held.etag);
  } catch (err) {
    return err.code === 'no_basemap' ? NONE : null;
  }
}
