import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { preparePhoto, readExif, targetSize } from '../../src/photos/process.js';
import { sniffPhotoKind } from '../../src/photos/kind.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const photos = path.resolve(here, '../../../../shared/data/photos');

describe('photo processing', () => {
  it.each([
    [4000, 3000, 1600, 1200],
    [3000, 4000, 1200, 1600],
    [800, 600, 800, 600],
  ])('scales %ix%i to %ix%i', (w, h, ew, eh) => {
    expect(targetSize(w, h)).toEqual({ width: ew, height: eh });
  });

  it('reads GPS from a JPEG that has it and nothing from one that has not', async () => {
    const withGps = new Blob([await readFile(path.join(photos, 'exifr/IMG_20180725_163423.jpg'))]);
    const exif = await readExif(withGps);
    expect(exif.position.lat).toBeCloseTo(50.2996, 3);
    expect(exif.position.lon).toBeCloseTo(14.82, 1);
    const without = new Blob([await readFile(path.join(photos, 'exifr/noexif.jpg'))]);
    expect(await readExif(without)).toBeNull();
  });

  it('survives a broken file', async () => {
    expect(await readExif(new Blob([new Uint8Array([0xff, 0xd8, 1, 2, 3])]))).toBeNull();
  });
});

describe('EXIF of an iPhone HEIC', () => {
  it('gives position, its error and the direction', async () => {
    const heic = new Blob([await readFile(path.join(photos, 'exif-samples/heic/IMG_5195.HEIC'))]);
    const exif = await readExif(heic);
    expect(exif.position.lat).toBeCloseTo(39.05134, 4);
    expect(exif.position.accuracy_m).toBeCloseTo(38.8, 1);
    expect(exif.direction).toBe(348);
  });
});

describe('which files count as photos', () => {
  it.each([
    ['exifr/IMG_20180725_163423.jpg', 'jpeg'],
    ['exif-samples/heic/IMG_5195.HEIC', 'heic'],
  ])('%s is a %s', async (file, kind) => {
    expect(await sniffPhotoKind(new Blob([await readFile(path.join(photos, file))]))).toBe(kind);
  });

  it.each([
    ['a PDF named .jpg', '%PDF-1.7\n%âãÏÓ\n1 0 obj'],
    ['a text file', 'camera list: dome, pole, wall'],
    ['an MP4 video', '\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00'],
    ['almost nothing', '\xff\xd8'],
  ])('%s is not', async (what, text) => {
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(await sniffPhotoKind(new Blob([bytes]))).toBeNull();
  });

  it('refuses a file that is not a photo when it is picked', async () => {
    const pdf = new File(['%PDF-1.7 not a photo at all'], 'camera.jpg', { type: 'image/jpeg' });
    await expect(preparePhoto(pdf, 'close_up', 10_000_000)).rejects.toMatchObject({
      code: 'not_a_photo',
    });
  });
});
