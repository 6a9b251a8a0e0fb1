"""Photos and measures the tests of blurring share: a photo with two known faces, and how much
detail a region of a photo holds (high on a face or a street, near nothing once blurred)."""

import io
import statistics
from pathlib import Path

from PIL import Image, ImageFilter

ASTRONAUT = Path(__file__).resolve().parent / "data" / "blur" / "astronaut.jpg"


def two_faces() -> bytes:
    """Two copies of a real portrait side by side: a photo with two known faces."""
    face = Image.open(ASTRONAUT)
    pair = Image.new("RGB", (face.width * 2, face.height))
    pair.paste(face, (0, 0))
    pair.paste(face, (face.width, 0))
    out = io.BytesIO()
    pair.save(out, "JPEG", quality=90)
    return out.getvalue()


def edge_energy(image: Image.Image, box) -> float:
    """Mean strength of edges inside (left, top, right, bottom), fractions of the photo."""
    w, h = image.size
    left, top, right, bottom = box
    region = image.convert("L").crop(
        (int(left * w), int(top * h), int(right * w), int(bottom * h))
    )
    return statistics.fmean(region.filter(ImageFilter.FIND_EDGES).tobytes())


def inner(box, shrink: float = 0.1) -> tuple[float, float, float, float]:
    """An editor box [x, y, w, h] as (left, top, right, bottom), less `shrink` of it each side:
    the blur's blocks may bleed a little across its edge."""
    x, y, bw, bh = box
    return (x + bw * shrink, y + bh * shrink, x + bw * (1 - shrink), y + bh * (1 - shrink))
