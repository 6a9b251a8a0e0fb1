"""GPS extraction speed: camwalk's metadata reader against exiftool (figures printed, no asserts).

Run: .venv/bin/python bench/exif_bench.py [--runs N] [--copies K ...]   (default: 5 runs, K 1 10)

Whole-process figures, as a user meets them: each run is one fresh process reading every shared
photo (../shared/data/photos) and printing its position, `python -m server.photos.exif_cli
FILES` against `exiftool -n -json -GPSLatitude ... FILES`, so start-up and imports count. With
K copies the file list is repeated K times in one run, which spreads start-up over more photos.
"start-up" is a run with no photo (importing the command; `exiftool -ver`), and "net" divides
the photos by the time beyond it. Times are CPU seconds (user + system) of the child, median of
N runs: steadier than wall time on a machine shared with other work. The in-process figure
times read_photo_metadata alone on bytes already in memory.
"""

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from server.photos.exif_reader import read_photo_metadata

REPO = Path(__file__).resolve().parent.parent
PHOTOS = REPO.parent / "shared" / "data" / "photos"
EXIFTOOL_TAGS = [
    "-GPSLatitude",
    "-GPSLongitude",
    "-GPSAltitude",
    "-GPSImgDirection",
    "-GPSImgDirectionRef",
    "-DateTimeOriginal",
    "-OffsetTimeOriginal",
]


def photo_files() -> list[str]:
    return sorted(str(p) for p in PHOTOS.rglob("*") if p.is_file() and p.suffix != ".csv")


def median_cpu(command: list[str], runs: int) -> float:
    """Median CPU seconds of `command`; its exit status is ignored (broken files give 1)."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def in_process_rate(files: list[str], runs: int) -> float:
    blobs = [Path(file).read_bytes() for file in files]
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for blob in blobs:
            read_photo_metadata(blob)
        best = min(best, time.process_time() - start)
    return len(blobs) / best


def report(name: str, command: list[str], startup: float, files: list[str], args) -> list[float]:
    """Print one line per batch size; return the CPU seconds of each batch."""
    print(f"{name}: start-up {startup:.3f} s")
    results = []
    for copies in args.copies:
        batch = files * copies
        seconds = median_cpu(command + batch, args.runs)
        extra = seconds - startup
        # Under load a small batch can finish within start-up's own spread: say so.
        net = f"{len(batch) / extra:6.0f}" if extra > 0.05 * seconds else "  (lost in noise)"
        print(
            f"  {len(batch):>6} photos: {seconds:7.3f} s, {len(batch) / seconds:6.0f} photos/s,"
            f" net of start-up {net} photos/s"
        )
        results.append(seconds)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 10])
    args = parser.parse_args()
    files = photo_files()
    if not files:
        sys.exit(f"no photos under {PHOTOS}")
    print(f"{len(files)} photos from {PHOTOS}; CPU seconds, median of {args.runs} runs")
    print(f"in-process read_photo_metadata: {in_process_rate(files, args.runs):,.0f} photos/s")
    python = [sys.executable, "-m", "server.photos.exif_cli"]
    # The command imports its reader when it runs: start-up is both imports.
    startup = median_cpu(
        [sys.executable, "-c", "import server.photos.exif_cli, server.photos.exif_reader"],
        args.runs,
    )
    ours = report("camwalk exif", python, startup, files, args)
    exiftool = shutil.which("exiftool")
    if not exiftool:
        print("exiftool not found (apt-get install libimage-exiftool-perl): no comparison")
        return
    startup = median_cpu([exiftool, "-ver"], args.runs)
    theirs = report(
        "exiftool -n -json", [exiftool, "-n", "-json", *EXIFTOOL_TAGS], startup, files, args
    )
    for copies, mine, other in zip(args.copies, ours, theirs, strict=True):
        print(f"{len(files) * copies:>6} photos per run: camwalk at {other / mine:.2f}x exiftool")


if __name__ == "__main__":
    main()
