// Which picture formats the server decodes (server/photos/derivatives.py:
// JPEG, PNG, WebP, TIFF, HEIC/HEIF), told from a file's first bytes. The
// file name and the browser's MIME type are not trusted: a PDF renamed .jpg,
// or a phone that reports HEIC as '', must be judged by what it holds. A
// file refused here is refused when picked, not on every later sync.

const ascii = (bytes, from, to) => String.fromCharCode(...bytes.slice(from, to));

// HEIF brands seen in phone photos (ISO/IEC 23008-12).
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

export function photoKindOf(bytes) {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  const head = ascii(bytes, 0, 4);
  if (head === 'II*\x00' || head === 'MM\x00*') return 'tiff';
  if (ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) return 'heic';
  return null;
}

export async function sniffPhotoKind(file) {
  return photoKindOf(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
}

export class NotAPhotoError extends Error {
  constructor() {
    super('not_a_photo');
    this.code = 'not_a_photo';
  }
}
