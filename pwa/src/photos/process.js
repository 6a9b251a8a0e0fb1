import { NotAPhotoError, sniffPhotoKind } from './kind.js';
import { sha256HexOfBlob } from '../util/digest.js';

// A photo from the phone camera: read its EXIF first (re-encoding drops it),
// then shrink it to something a weak link can carry, then name it by the
// SHA-256 of the bytes that will be uploaded.

export const MAX_EDGE_PX = 1600;
export const TARGET_BYTES = 300_000;
const QUALITIES = [0.82, 0.72, 0.62, 0.52, 0.42];

export function targetSize(width, height, maxEdge = MAX_EDGE_PX) {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

// GPS and direction when the file still has them (browsers often strip
// them); null otherwise. exifr loads only when a photo is picked.
export async function readExif(file) {
  try {
    const { default: exifr } = await import('exifr/dist/lite.esm.mjs');
    // Only the GPS block: it holds position, its error and the direction.
    const tags = await exifr.parse(await file.arrayBuffer(), {
      tiff: true,
      gps: true,
      ifd0: false,
      exif: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
    });
    if (!tags) return null;
    const out = {};
    if (Number.isFinite(tags.latitude) && Number.isFinite(tags.longitude)) {
      out.position = {
        lat: tags.latitude,
        lon: tags.longitude,
        // Without a stated error, assume a phone GPS in a street.
        accuracy_m: Number.isFinite(tags.GPSHPositioningError) ? tags.GPSHPositioningError : null,
      };
    }
    if (Number.isFinite(tags.GPSImgDirection))
      out.direction = Math.round(tags.GPSImgDirection) % 360;
    return Object.keys(out).length ? out : null;
  } catch {
    // Broken or exotic files are common; the device fix is the fallback.
    return null;
  }
}

function canvasFor(width, height) {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

function encode(canvas, quality) {
  if (canvas.convertToBlob) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

// Decode (honouring EXIF orientation), scale to ≤ 1600 px and lower the JPEG
// quality until it fits 300 KB. A file the browser cannot decode (HEIC on
// most Android browsers) is kept as it is if it is small enough.
export async function shrinkPhoto(file, { maxBytes = 10_000_000 } = {}) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    if (file.size <= maxBytes) return { blob: file, width: null, height: null };
    if (!(await sniffPhotoKind(file))) throw new NotAPhotoError();
    throw new Error('photo_undecodable');
  }
  const { width, height } = targetSize(bitmap.width, bitmap.height);
  const canvas = canvasFor(width, height);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, width, height);
  bitmap.close?.();
  let blob = null;
  for (const q of QUALITIES) {
    blob = await encode(canvas, q);
    if (blob.size <= TARGET_BYTES) break;
  }
  return { blob, width, height };
}

// The small copy a photo keeps on the phone once the server holds it
// (photos/freeing.js): enough for her sheet's thumbnails offline, a tenth of
// the bytes.
export const SMALL_EDGE_PX = 480;
const SMALL_QUALITY = 0.7;

export async function smallCopy(blob) {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const { width, height } = targetSize(bitmap.width, bitmap.height, SMALL_EDGE_PX);
  const canvas = canvasFor(width, height);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, width, height);
  bitmap.close?.();
  return encode(canvas, SMALL_QUALITY);
}

// Everything the log form needs from one picked file.
export async function preparePhoto(file, role, maxBytes) {
  const exif = await readExif(file);
  const { blob, width, height } = await shrinkPhoto(file, { maxBytes });
  // What the browser re-encoded is a JPEG; a file it could not decode goes
  // as it is, and only if the server can decode it.
  if (!(await sniffPhotoKind(blob))) throw new NotAPhotoError();
  const sha256 = await sha256HexOfBlob(blob);
  return { role, blob, sha256, width, height, exif, size: blob.size, type: blob.type };
}
