"""Draws the PNG app icons (192, 512, maskable 512) from the same shapes as
public/icons/icon.svg. Run once with any Python that has Pillow:
    ../.venv/bin/python scripts/make_icons.py
The PNGs are committed; browsers want PNG for install prompts."""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "public" / "icons"
NAVY, WHITE, AMBER, RUST = "#1d3b53", "#ffffff", "#f59e0b", "#c2410c"


def draw(size: int, maskable: bool) -> Image.Image:
    s = size / 512
    img = Image.new("RGB", (size, size), NAVY)
    if not maskable:  # rounded corners; maskable icons are cut by the launcher
        img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(img).rounded_rectangle([0, 0, size - 1, size - 1], 96 * s, fill=NAVY)
    d = ImageDraw.Draw(img)
    k = 0.8 if maskable else 1.0  # keep the drawing inside the safe zone

    def p(x, y):
        return (256 + (x - 256) * k) * s, (256 + (y - 256) * k) * s

    w = max(2, round(28 * s * k))
    d.line([p(96, 190), p(416, 190)], fill=WHITE, width=w)
    d.arc([*p(136, 70), *p(376, 310)], 0, 180, fill=WHITE, width=w)
    d.ellipse([*p(220, 208), *p(292, 280)], fill=AMBER)
    d.ellipse([*p(234, 370), *p(278, 414)], fill=RUST)
    return img


if __name__ == "__main__":
    draw(192, False).save(OUT / "icon-192.png")
    draw(512, False).save(OUT / "icon-512.png")
    draw(512, True).save(OUT / "icon-maskable-512.png")
