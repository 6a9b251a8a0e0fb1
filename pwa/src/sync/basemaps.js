// Every walk's map comes down with the walk list, once, and again only when
// the organiser fetched it anew (the server answers 304 otherwise): a walker
// who never opened a walk online still has its streets and buildings offline.

export async function refreshBasemaps(api, store, walks) {
  let changed = 0;
  for (const walk of walks) {
    const held = await store.getBasemap(walk.id);
    try {
      const answer = await api.basemap(walk.id, held && held.etag);
      if (answer.notModified) continue;
      await store.putBasemap(walk.id, answer);
      changed += 1;
    } catch (err) {
      // The organiser has not fetched one (yet): nothing to keep. Offline or
      // a server error: the copy held stays, it is still the walk's map.
      if (err.code === 'no_basemap' && held) {
        await store.deleteBasemap(walk.id);
        changed += 1;
      }
    }
  }
  return changed;
}
