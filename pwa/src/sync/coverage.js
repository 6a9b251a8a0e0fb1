// What the cameras see, kept for offline use. The server cuts each view by the
// walk map's buildings, so the phone cannot compute it; it keeps the last
// answer per walk (in the meta store) and shows that when the server cannot be
// reached. The walk list fetches it for every walk that has a walk map, so a
// walker who never toggled the layer online still has it in the street.

const key = (walkId) => `coverage:${walkId}`;

// The server's answer when it can give one (and it is kept), else the copy held.
export async function walkCoverage(api, store, walkId) {
  try {
    const answer = await api.walkCoverage(walkId);
    await store.setMeta(key(walkId), answer);
    return answer;
  } catch (err) {
    // Only a network failure falls back: a refusal (401, 404) is the truth.
    const held = err.status === 0 ? await store.getMeta(key(walkId)) : undefined;
    if (held) return held;
    throw err;
  }
}

// Fetch and keep the views of each walk that has a walk map; failures are
// silent (the copy held stays). Returns how many were refreshed.
export async function refreshCoverages(api, store, walks) {
  let kept = 0;
  for (const walk of walks) {
    if (!(await store.getBasemap(walk.id))) continue;
    try {
      await store.setMeta(key(walk.id), await api.walkCoverage(walk.id));
      kept += 1;
    } catch {
      // offline or refused: what is held stays as it was
    }
  }
  return kept;
}
