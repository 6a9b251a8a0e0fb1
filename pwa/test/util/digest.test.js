// One home for SHA-256 in hex (util/digest.js), named by what it hashes: a
// token's text (the proof of her walker files) or a photo's bytes (its name).
import { describe, expect, it } from 'vitest';
import { sha256HexOfBlob, sha256HexOfText } from '../../src/util/digest.js';

const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('SHA-256 in hex', () => {
  it('of a text, as the server digests a token', async () => {
    expect(await sha256HexOfText('abc')).toBe(ABC);
  });

  it('of a text that is not there is none (a session whose token is gone)', async () => {
    expect(await sha256HexOfText(null)).toBeNull();
  });

  it('of a blob, as a photo is named by the bytes that will be uploaded', async () => {
    expect(await sha256HexOfBlob(new Blob(['abc']))).toBe(ABC);
  });
});
