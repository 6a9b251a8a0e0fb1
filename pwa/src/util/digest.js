// Bytes as lowercase hex, two digits each: how the server writes a digest.
export const hex = (buffer) =>
  [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

// SHA-256 of a text, in hex, as server/auth/tokens.py token_digest gives it.
// Null where the browser has no WebCrypto (a page not served over https).
export async function sha256Hex(text) {
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!subtle || typeof text !== 'string') return null;
  return hex(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
