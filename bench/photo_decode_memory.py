"""Photo decoding: peak memory and time of making the served copies, per declared size.

Run: .venv/bin/python bench/photo_decode_memory.py [--max-pixels N] [--max-decoded-pixels N]

Figures only, no asserts. Each case runs in a fresh process (so one case's freed memory does
not hide the next one's peak): it imports the server, notes its resident size, then decodes
the photo and renders both served copies exactly as an upload does
(``derivatives.decode`` then ``render_all``), and prints how far the peak resident size
rose above the size before decoding (Linux: /proc/self/status, the peak reset through
/proc/self/clear_refs) and the wall time. A refused photo prints its error code instead: what a
refusal costs is then the growth shown. The 9.8 KB PNG declaring 8,944 x 8,944 one-bit pixels
is the upload reported in issue 15.
"""

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peak_memory import restart_peak_rss, status_kib

from server.config import DEFAULTS

CASES = {
    "png 1-bit 8944x8944 (issue 15)": ("png", "1", (8944, 8944)),
    "png grey 8944x8944": ("png", "L", (8944, 8944)),
    "png 1-bit 7000x7000 (49 MP)": ("png", "1", (7000, 7000)),
    "png RGBA 7000x7000 (49 MP)": ("png", "RGBA", (7000, 7000)),
    "png RGB 4032x3024 (12 MP)": ("png", "RGB", (4032, 3024)),
    "jpeg 4032x3024 (12 MP phone)": ("jpeg", "RGB", (4032, 3024)),
    "jpeg 8000x6000 (48 MP phone)": ("jpeg", "RGB", (8000, 6000)),
    # A progressive JPEG's decoder holds every coefficient of the whole image, whatever the
    # scale it is decoded at; WebP's keeps more than one full copy (second outside review).
    "jpeg progressive 8000x6000 (48 MP)": ("jpeg", "RGB", (8000, 6000), {"progressive": True}),
    "jpeg progressive 9400x9400": ("jpeg", "RGB", (9400, 9400), {"progressive": True}),
    "jpeg CMYK 9400x9400": ("jpeg", "CMYK", (9400, 9400)),
    "jpeg progressive CMYK 9400x9400": ("jpeg", "CMYK", (9400, 9400), {"progressive": True}),
    "jpeg progressive CMYK 6000x6000": ("jpeg", "CMYK", (6000, 6000), {"progressive": True}),
    "webp RGBA 16383x3050 (50 MP)": ("webp", "RGBA", (16383, 3050)),
    "webp RGB 7071x7071 (50 MP)": ("webp", "RGB", (7071, 7071)),
    "webp RGB 5000x5000 (25 MP)": ("webp", "RGB", (5000, 5000)),
}


def make(kind: str, mode: str, size: tuple[int, int], options: dict | None = None) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, size).save(out, kind.upper(), **(options or {}))
    return out.getvalue()


def child(name: str, path: str, limits: list[int]) -> None:
    from server.errors import ApiError
    from server.photos import derivatives

    kind = CASES[name][0]
    data = Path(path).read_bytes()  # made by the parent: making it here would raise the base
    restart_peak_rss()
    before = status_kib("VmRSS")
    start = time.perf_counter()
    try:
        decoded = derivatives.decode(data, kind, derivatives.PixelLimits(*limits))
        derivatives.render_all(decoded.image)
        outcome = "served copies made"
    except ApiError as exc:
        outcome = f"refused: {exc.code}"
    seconds = time.perf_counter() - start
    peak = status_kib("VmHWM")
    print(
        json.dumps(
            {"bytes": len(data), "mb": (peak - before) / 1024, "s": seconds, "outcome": outcome}
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-pixels", type=int, default=89_478_485, help="Pillow's default")
    parser.add_argument(
        "--max-decoded-pixels", type=int, default=DEFAULTS["MAX_DECODED_PIXELS"], help="camwalk's"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, [args.max_pixels, args.max_decoded_pixels])
        return
    print(f"{'case':34} {'file':>9} {'peak growth':>12} {'time':>7}  outcome")
    for name, (kind, mode, size, *options) in CASES.items():
        with tempfile.NamedTemporaryFile(suffix=f".{kind}") as photo:
            photo.write(make(kind, mode, size, *options))
            photo.flush()
            command = [sys.executable, __file__, "--child", name, photo.name]
            command += ["--max-pixels", str(args.max_pixels)]
            command += ["--max-decoded-pixels", str(args.max_decoded_pixels)]
            run = subprocess.run(command, capture_output=True, check=True, text=True)
        result = json.loads(run.stdout)
        print(
            f"{name:34} {result['bytes']:>8,}B {result['mb']:>9.0f} MB {result['s']:>6.2f}s"
            f"  {result['outcome']}"
        )


if __name__ == "__main__":
    main()
