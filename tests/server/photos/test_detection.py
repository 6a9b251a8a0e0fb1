"""The face and plate finder on its own: real photos, hand-drawn boxes (tests/data/blur)."""

from pathlib import Path

import numpy as np
from PIL import Image

from server.photos import detection

DATA = Path(__file__).resolve().parents[2] / "data" / "blur"
# Labelled by hand in px of the 512 x 512 image: forehead to chin, ear to ear.
ASTRONAUT_FACE = (178, 60, 272, 180)


def iou(a, b) -> float:
    left, top = max(a[0], b[0]), max(a[1], b[1])
    right, bottom = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, right - left) * max(0.0, bottom - top)
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area


def as_px(box, size):
    x, y, w, h = box
    return (x * size[0], y * size[1], (x + w) * size[0], (y + h) * size[1])


def test_the_face_of_a_portrait_is_found_where_it_was_labelled():
    image = Image.open(DATA / "astronaut.jpg").convert("RGB")

    faces = detection.find_faces(np.asarray(image))

    assert len(faces) == 1
    assert iou(faces[0], ASTRONAUT_FACE) >= 0.5


def test_a_proposed_box_covers_the_face_with_a_margin_around_it():
    image = Image.open(DATA / "astronaut.jpg").convert("RGB")

    (box,) = detection.propose_boxes(image)

    left, top, right, bottom = as_px(box, image.size)
    face = ASTRONAUT_FACE
    assert left < face[0] and top < face[1] and right > face[2] and bottom > face[3]
    assert all(isinstance(v, float) and 0 <= v <= 1 for v in box)


def test_nothing_is_proposed_on_a_street_without_people_or_cars(shared_photos):
    for name in ("DSCN0010.jpg", "DSCN0012.jpg"):
        image = Image.open(shared_photos / "exif-samples/jpg/gps" / name)
        assert detection.propose_boxes(image) == []


def test_a_tiny_face_gets_a_box_no_smaller_than_the_minimum():
    box = detection._grown((100, 100, 104, 105), detection.FACE_MARGIN, 1600, 1200)

    assert box[2] - box[0] >= detection.MIN_BOX_PX
    assert box[3] - box[1] >= detection.MIN_BOX_PX


def test_a_box_grown_at_the_edge_stays_inside_the_image():
    left, top, right, bottom = detection._grown((0, 0, 40, 40), detection.FACE_MARGIN, 60, 50)

    assert (left, top) == (0.0, 0.0)
    assert 40 < right <= 60 and bottom == 50.0


def test_the_face_is_found_in_a_portrait_and_in_the_same_portrait_of_another_shape():
    # One net per input shape: a net reused on another shape once returned junk boxes.
    square = Image.open(DATA / "astronaut.jpg").convert("RGB")
    wide = Image.new("RGB", (900, 512), "grey")
    wide.paste(square, (200, 0))

    first = detection.find_faces(np.asarray(square))
    second = detection.find_faces(np.asarray(wide))

    assert len(first) == 1 and len(second) == 1
    assert iou(second[0], tuple(np.add(ASTRONAUT_FACE, (200, 0, 200, 0)))) >= 0.5


def test_when_the_detector_fails_there_is_no_proposal_rather_than_an_error(app, monkeypatch):
    monkeypatch.setitem(app.config, "BLUR_PROPOSALS", True)

    def broken(image):
        raise RuntimeError("no model")

    monkeypatch.setattr(detection, "propose_boxes", broken)

    assert detection.proposals(Image.new("RGB", (10, 10))) is None


def test_a_small_photo_is_enlarged_for_the_detector_but_a_thumbnail_only_so_much():
    street = detection.detection_image(Image.new("RGB", (640, 480)))
    thumbnail = detection.detection_image(Image.new("RGB", (48, 32)))

    assert street.size == (1600, 1200)
    assert thumbnail.size == (120, 80)
