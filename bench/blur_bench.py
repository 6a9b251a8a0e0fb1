"""Faces and number plates proposed for blurring: recall, precision, time and memory.

The issue's targets: faces recall >= 0.9 at IoU >= 0.3 on real street photos, plates reported;
at most 1 s per 1600 px photo on one core; memory reported.

Data: tests/data/blur/labels.json (hand-drawn boxes; sources in tests/data/blur/README.md):
real photos of the shared photo set (/work/shared/data/photos: streets, a church, a car
dealer's lot) and one of scikit-image's sample photos. Each photo is turned upright and shrunk
to 1600 px at most, as the worker does, then server/photos/detection.py runs as the server
runs it (no copy of its logic here).

- recall: labelled boxes matched by a detection with IoU >= 0.3 (raw detector box, before the
  margin), one detection per label;
- covered: labelled boxes lying at least 90 % inside a proposed box (after the margin): what
  the blur actually hides;
- precision: detections that match a label, over all detections, on every photo (including the
  photos with nobody and no car in them).

Time is CPU time of the process (one OpenCV thread), so a loaded machine does not inflate it;
memory is the process's peak RSS after the face net and the plate cascade are loaded.

    PYTHONPATH=. python bench/blur_bench.py [--scores 0.2,0.3,0.4] [--photos DIR]
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np
from peak_memory import status_kib
from PIL import Image, ImageOps

from server.photos import detection
from server.photos.metadata import pillow_open  # noqa: F401 - registers the HEIF opener

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "blur" / "labels.json"
SHARED = ROOT.parent / "shared" / "data" / "photos"
IOU = 0.3


def iou(a, b) -> float:
    left, top = max(a[0], b[0]), max(a[1], b[1])
    right, bottom = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, right - left) * max(0.0, bottom - top)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def covered(label, box) -> bool:
    left, top = max(label[0], box[0]), max(label[1], box[1])
    right, bottom = min(label[2], box[2]), min(label[3], box[3])
    inter = max(0.0, right - left) * max(0.0, bottom - top)
    return inter >= 0.9 * (label[2] - label[0]) * (label[3] - label[1])


def matched(labels, found) -> int:
    """Labels matched one-to-one by detections at IoU >= 0.3, greedily by best IoU."""
    pairs = sorted(
        ((iou(lab, det), i, j) for i, lab in enumerate(labels) for j, det in enumerate(found)),
        reverse=True,
    )
    used_l, used_d = set(), set()
    for value, i, j in pairs:
        if value >= IOU and i not in used_l and j not in used_d:
            used_l.add(i)
            used_d.add(j)
    return len(used_l)


def load(name: str, shared: Path) -> tuple[np.ndarray, float]:
    """The photo as the detector sees it, and the factor from label px to its px."""
    path = shared / name.removeprefix("shared:") if name.startswith("shared:") else ROOT / name
    image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
    labelled = image.copy()
    labelled.thumbnail((detection.DETECT_SIZE, detection.DETECT_SIZE))
    seen = detection.detection_image(image)
    return np.asarray(seen), seen.width / labelled.width


def grown_all(boxes, margin, pixels):
    height, width = pixels.shape[:2]
    return [detection._grown(box, margin, width, height) for box in boxes]


def score_set(photos, shared: Path) -> dict:
    totals = {k: 0 for k in ("faces", "faces_hit", "faces_cov", "face_dets", "face_dets_ok")}
    totals |= {k: 0 for k in ("plates", "plates_hit", "plates_cov", "plate_dets", "plate_dets_ok")}
    misses = []
    for name, labels in photos.items():
        pixels, factor = load(name, shared)
        for kind, find, margin in (
            ("face", detection.find_faces, detection.FACE_MARGIN),
            ("plate", detection.find_plates, detection.PLATE_MARGIN),
        ):
            truth = [[v * factor for v in box] for box in labels[kind + "s"]]
            found = find(pixels)
            proposed = grown_all(found, margin, pixels)
            hits = matched(truth, found)
            totals[kind + "s"] += len(truth)
            totals[kind + "s_hit"] += hits
            totals[kind + "s_cov"] += sum(any(covered(t, p) for p in proposed) for t in truth)
            totals[kind + "_dets"] += len(found)
            totals[kind + "_dets_ok"] += hits
            if hits < len(truth) or len(found) > hits:
                misses.append(f"{name}: {kind}s {hits}/{len(truth)} found, {len(found)} boxes")
    return totals | {"misses": misses}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def timing(shared: Path, runs: int = 3) -> tuple[float, float, float]:
    """CPU seconds per 1600 x 1200 photo (faces, plates) and peak RSS in MB."""
    image = Image.open(shared / "exifr" / "heic-iphone.heic").convert("RGB")
    image.thumbnail((1600, 1600))
    pixels = np.asarray(image)
    detection.find_faces(pixels)  # load the net for this shape, as a worker has after photo 1
    detection.find_plates(pixels)
    costs = []
    for find in (detection.find_faces, detection.find_plates):
        start = time.process_time()
        for _ in range(runs):
            find(pixels)
        costs.append((time.process_time() - start) / runs)
    peak_mb = status_kib("VmHWM") / 1024  # this process's own, not ru_maxrss (kept across exec)
    return costs[0], costs[1], peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scores", default=str(detection.FACE_SCORE))
    parser.add_argument("--photos", type=Path, default=SHARED)
    args = parser.parse_args()
    photos = json.loads(LABELS.read_text())["photos"]
    print(f"{len(photos)} photos, model file {detection.model_path().stat().st_size} bytes")
    for score in [float(s) for s in args.scores.split(",")]:
        detection.FACE_SCORE = score
        t = score_set(photos, args.photos)
        print(f"\nface score {score}:")
        print(f"  faces  recall@IoU{IOU} {ratio(t['faces_hit'], t['faces'])}")
        print(f"         covered by a proposed box {ratio(t['faces_cov'], t['faces'])}")
        print(f"         precision {ratio(t['face_dets_ok'], t['face_dets'])}")
        print(f"  plates recall@IoU{IOU} {ratio(t['plates_hit'], t['plates'])}")
        print(f"         covered by a proposed box {ratio(t['plates_cov'], t['plates'])}")
        print(f"         precision {ratio(t['plate_dets_ok'], t['plate_dets'])}")
        for line in t["misses"]:
            print("   ", line)
    faces_s, plates_s, peak = timing(args.photos)
    print(
        f"\nCPU per 1600x1200 photo, one thread: faces {faces_s:.2f} s, plates {plates_s:.2f} s,"
    )
    print(f"total {faces_s + plates_s:.2f} s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
