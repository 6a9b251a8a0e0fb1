// The server serves index.html for every non-API path, so an invite link
// /join/<code> lands here and the app reads the code from the address.

const CODE = /^[A-Za-z0-9_-]{4,128}$/;

export function inviteFromLocation(loc) {
  const m = /^\/join\/([^/?#]+)\/?$/.exec(loc.pathname);
  if (m) return decodeURIComponent(m[1]);
  const code = new URLSearchParams(loc.search).get('code');
  return code || null;
}

// /signin/<code>: an organiser's one-use sign-in link for one member.
export function signInFromLocation(loc) {
  const m = /^\/signin\/([^/?#]+)\/?$/.exec(loc.pathname);
  return m ? decodeURIComponent(m[1]) : null;
}

export function signInFromText(text) {
  try {
    return signInFromLocation(new URL(String(text || '').trim()));
  } catch {
    return null;
  }
}

// What a walker pastes: the whole link (from a chat app) or the bare code.
export function inviteFromText(text) {
  const s = String(text || '').trim();
  if (!s) return null;
  try {
    const url = new URL(s);
    return inviteFromLocation(url);
  } catch {
    return CODE.test(s) ? s : null;
  }
}

// Back from OpenStreetMap after connecting the group's account: the server
// sends the browser to /?osm_account=connected|declined|error[&reason=...].
const OSM_OUTCOMES = new Set(['connected', 'declined', 'error']);

export function osmReturnFromLocation(loc) {
  const query = new URLSearchParams(loc.search);
  const outcome = query.get('osm_account');
  if (!OSM_OUTCOMES.has(outcome)) return null;
  return { outcome, reason: outcome === 'error' ? query.get('reason') || 'failed' : null };
}

// The organiser space's own addresses, in the hash so the server needs no new
// route: #/organise/<tab> or #/organise/<tab>/<walk id>. Reload, back and a
// link pasted to a co-organiser all land on the same tab and walk.
const ORGANISE = /^#\/organise(?:\/([a-z]+))?(?:\/(\d+))?\/?$/;

export function organiseHash({ tab, walkId } = {}) {
  if (!tab) return '#/organise';
  return walkId != null ? `#/organise/${tab}/${walkId}` : `#/organise/${tab}`;
}

export function organiseFromLocation(loc) {
  const m = ORGANISE.exec(loc.hash || '');
  if (!m) return null;
  return { tab: m[1] || null, walkId: m[2] ? Number(m[2]) : null };
}
