// Bytes as lowercase hex, two digits each: how the server writes a digest.
export const hex = (buffer) =>
  [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

const sha256 = async (bytes) => hex(await crypto.subtle.digest('SHA-256', bytes));

// SHA-256 of a text, in hex, as server/auth/tokens.py token_digest gives it.
// Null where the browser has no WebCrypto (a page not served over https).
export async function sha256HexOfText(text) {
  if (!(globalThis.crypto && globalThis.crypto.subtle) || typeof text !== 'string') return null;
  return sha256(new TextEncoder().encode(text));
}

// SHA-256 of a blob's bytes, in hex: the name a photo is uploaded under.
export async function sha256HexOfBlob(blob) {
  return sha256(await blob.arrayBuffer());
}
