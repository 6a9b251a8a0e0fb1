"""What decoding an upload may cost: a pixel limit on what is decoded, and large photos
shrunk before any other full-size copy is made (see bench/photo_decode_memory.py)."""

import hashlib
import io
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from server.extensions import db
from server.photos import derivatives
from server.photos.models import Photo


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put(client, group, data: bytes):
    return client.put(f"/api/v1/photos/{sha(data)}", data=data, headers=group.headers())


def encoded(image: Image.Image, kind: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def display(client, group, data: bytes) -> Image.Image:
    response = put(client, group, data)
    assert response.status_code == 201, response.json
    body = client.get(f"/api/v1/photos/{sha(data)}/display", headers=group.headers()).data
    return Image.open(io.BytesIO(body))


def test_a_10_kb_png_declaring_80_megapixels_is_refused_before_decoding(app, client, group):
    bomb = encoded(Image.new("1", (8944, 8944)), "PNG", optimize=True)  # the report's file
    assert len(bomb) < 10_000

    response = put(client, group, bomb)

    assert response.status_code == 422
    assert response.json["code"] == "decompression_bomb"
    assert "8944 x 8944" in response.json["message"]
    assert db.session.query(Photo).count() == 0
    assert not [p for p in Path(app.config["PHOTO_DIR"]).rglob("*") if p.is_file()]


def test_a_jpeg_over_the_decoded_limit_passes_as_it_is_decoded_reduced(
    app, client, group, monkeypatch
):
    # 3200 x 2400 is 7.7 MP; a JPEG is decoded at half size (1600 x 1200, 1.9 MP), a PNG whole.
    monkeypatch.setitem(app.config, "MAX_DECODED_PIXELS", 2_000_000)
    picture = Image.new("RGB", (3200, 2400), (90, 120, 40))

    assert put(client, group, encoded(picture, "JPEG")).status_code == 201
    refused = put(client, group, encoded(picture, "PNG"))
    assert refused.status_code == 422
    assert refused.json["code"] == "decompression_bomb"


@pytest.mark.parametrize(
    ("mode", "kind", "options", "status"),
    [
        # A progressive CMYK JPEG's decoder keeps the whole image's coefficients, whatever the
        # reduced size it is drawn at: counted whole (696 MB at 9,400 x 9,400 drawn at 1/8).
        ("CMYK", "JPEG", {"progressive": True}, 422),
        ("CMYK", "JPEG", {}, 201),  # baseline: drawn at 1/2, held at 1/2
        ("RGB", "JPEG", {"progressive": True}, 201),  # coefficients subsampled: half as much
        # Pillow's WebP decoder holds two whole copies: a WebP counts twice (766 MB at 50 MP).
        ("RGB", "WEBP", {}, 422),
    ],
)
def test_what_a_decoder_holds_beside_the_pixels_counts_against_the_decoded_limit(
    app, client, group, monkeypatch, mode, kind, options, status
):
    # 3200 x 2400 is 7.7 MP, 1.9 MP once a JPEG is drawn at half size; a WebP of 1,200 x 1,000
    # is 1.2 MP, held twice.
    monkeypatch.setitem(app.config, "MAX_DECODED_PIXELS", 2_000_000)
    size = (1200, 1000) if kind == "WEBP" else (3200, 2400)

    response = put(client, group, encoded(Image.new(mode, size, "teal"), kind, **options))

    assert response.status_code == status, response.json
    if status == 422:
        assert response.json["code"] == "decompression_bomb"


def test_a_webp_held_twice_within_the_limit_passes(app, client, group, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_DECODED_PIXELS", 2_000_000)

    assert put(client, group, encoded(Image.new("RGB", (1000, 1000)), "WEBP")).status_code == 201


def halves(size=(3400, 1700)) -> Image.Image:
    """Red on the left, blue on the right: large enough to be shrunk before it is turned."""
    image = Image.new("RGB", size, "blue")
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("PNG", {}),
        ("TIFF", {}),  # Pillow turns TIFFs while loading them, and drops their tag
        ("TIFF", {"compression": "tiff_deflate"}),
    ],
)
def test_a_large_photo_shrunk_before_turning_is_still_turned_upright(client, group, kind, options):
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter clockwise: the left half goes on top

    picture = encoded(halves((3200, 1600)), kind, exif=exif, **options)  # uncompressed: 15 MB

    with display(client, group, picture) as image:
        assert image.size == (800, 1600)
        red, blue = image.getpixel((400, 200)), image.getpixel((400, 1400))
    assert red[0] > 200 and red[2] < 60
    assert blue[2] > 200 and blue[0] < 60


def test_a_large_palette_png_with_a_transparent_colour_is_served_on_white(client, group):
    image = halves().convert("P", palette=Image.Palette.ADAPTIVE, colors=2)
    red_index = image.getpixel((0, 0))

    with display(client, group, encoded(image, "PNG", transparency=red_index)) as served:
        assert served.getpixel((100, 400)) == pytest.approx((255, 255, 255), abs=3)
        assert served.getpixel((1500, 400))[2] > 200


def test_a_large_one_bit_png_keeps_its_black_and_white(client, group):
    image = Image.new("1", (3400, 1700), 1)
    image.paste(0, (0, 0, 1700, 1700))

    with display(client, group, encoded(image, "PNG")) as served:
        assert served.getpixel((400, 400)) == pytest.approx((0, 0, 0), abs=3)
        assert served.getpixel((1200, 400)) == pytest.approx((255, 255, 255), abs=3)


def test_a_large_photos_colour_profile_is_still_applied_after_shrinking(
    client, group, monkeypatch
):
    converted = []
    original = ImageCms.profileToProfile

    def spy(image, *args, **kwargs):
        converted.append(image.size)
        return original(image, *args, **kwargs)

    monkeypatch.setattr(derivatives.ImageCms, "profileToProfile", spy)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

    display(client, group, encoded(halves(), "PNG", icc_profile=profile)).close()

    assert converted == [(1700, 850)]  # once, on the shrunk pixels


def scan_bomb(scans: int, width: int, height: int) -> bytes:
    """A progressive grey JPEG whose every scan after the first is a few bytes of "end of
    block" runs, each of which still makes a decoder walk all of the image's 8x8 blocks."""

    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload

    def entropy(bits: str) -> bytes:
        bits += "1" * (-len(bits) % 8)
        raw = int(bits, 2).to_bytes(len(bits) // 8, "big")
        return raw.replace(b"\xff", b"\xff\x00")  # byte stuffing

    def huffman(table: int, symbol: int) -> bytes:  # one code, "0", for one symbol
        return segment(0xC4, bytes([table, 1] + [0] * 15 + [symbol]))

    def scan(first: int, last: int) -> bytes:
        return segment(0xDA, bytes([1, 1, 0x00, first, last, 0]))

    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    frame = (
        bytes([8]) + height.to_bytes(2, "big") + width.to_bytes(2, "big") + bytes([1, 1, 0x11, 0])
    )
    out = b"\xff\xd8" + segment(0xDB, bytes([0] + [1] * 64)) + segment(0xC2, frame)
    out += huffman(0x00, 0x00) + huffman(0x10, 0xE0)  # DC: no change; AC: a run of EOBs
    out += scan(0, 0) + entropy("0" * blocks)
    runs = -(-blocks // 32767)  # one EOB14 code and 14 bits cover up to 32,767 blocks
    for _ in range(scans):
        out += scan(1, 63) + entropy(("0" + "1" * 14) * runs)
    return out + b"\xff\xd9"


def test_a_jpeg_of_thousands_of_scans_is_refused_before_decoding(app, client, group):
    """Each scan makes the decoder walk every block again: 5,000 of them in 459 KB of an
    8000 x 6000 JPEG kept a worker 19 s, and a 15 MB one would keep it some ten minutes."""
    bomb = scan_bomb(2000, 800, 600)
    assert len(bomb) < 100_000

    response = put(client, group, bomb)

    assert (response.status_code, response.json["code"]) == (422, "decompression_bomb")
    assert "scans" in response.json["message"]
    assert db.session.query(Photo).count() == 0
    assert not [p for p in Path(app.config["PHOTO_DIR"]).rglob("*") if p.is_file()]


def test_progressive_photos_of_ordinary_scans_pass(client, group):
    picture = Image.new("RGB", (640, 480), (90, 120, 40))
    progressive = encoded(picture, "JPEG", progressive=True, quality=90)

    assert put(client, group, progressive).status_code == 201
    assert put(client, group, scan_bomb(20, 640, 480)).status_code == 201


def test_a_jpeg_of_thousands_of_segments_is_refused_before_its_header_is_read(app, client, group):
    """Pillow reads a JPEG's markers one by one, in Python: 15 MB of 4-byte comment segments
    in front of a small image kept an upload and its preparation 9 to 11 s."""
    small = encoded(Image.new("RGB", (64, 48), (10, 200, 30)), "JPEG")
    flood = b"\xff\xd8" + b"\xff\xfe\x00\x02" * 20_000 + small[2:]

    response = put(client, group, flood)

    assert (response.status_code, response.json["code"]) == (422, "decompression_bomb")
    assert "segments" in response.json["message"]
    assert db.session.query(Photo).count() == 0


def test_a_png_of_many_thousand_chunks_is_refused_before_its_header_is_read(client, group):
    """Pillow reads a PNG's chunks one by one, in Python: 14 MB of empty private chunks took
    the upload's header check 2.7 s and the worker's decoding 2 s more."""
    plain = encoded(Image.new("RGB", (64, 48), (1, 2, 3)), "PNG")
    empty = b"\x00\x00\x00\x00prVt" + zlib.crc32(b"prVt").to_bytes(4, "big")
    flood = plain[:33] + empty * 30_000 + plain[33:]  # after the signature and IHDR

    response = put(client, group, flood)

    assert (response.status_code, response.json["code"]) == (422, "decompression_bomb")
    assert "chunks" in response.json["message"]
    assert db.session.query(Photo).count() == 0


def test_a_png_written_one_row_a_chunk_passes(client, group):
    """Some encoders flush a chunk of image data per row: thousands of chunks, each paid for
    by its bytes."""
    width, height = 64, 4000
    rows = [b"\x00" + bytes([row % 256, 40, 90]) * width for row in range(height)]

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload).to_bytes(4, "big")
        return len(payload).to_bytes(4, "big") + kind + payload + crc

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    stream = zlib.compressobj()
    parts = [stream.compress(row) + stream.flush(zlib.Z_FULL_FLUSH) for row in rows]
    parts[-1] += stream.flush()
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += b"".join(chunk(b"IDAT", part) for part in parts) + chunk(b"IEND", b"")

    assert put(client, group, png).status_code == 201
