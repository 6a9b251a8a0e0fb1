"""Which kinds get the camera's own keys (`camera:type`, `camera:mount`): those that film.

Found by an OSM mapper: a guard or a gunshot detector whose record held a camera type or a
mount (the phone's form offers them whatever the kind, and a kind changed later leaves them)
was exported with `camera:type=…` / `camera:mount=…`, which describe a camera.
"""

import pytest

from sync.osm.matching import SurveyPoint, disagreements, match_observations
from sync.osm.plan import plan_action
from sync.osm.records import OsmNode
from sync.osm.tags import camera_fields, modified_tags, survey_tags

DESCRIBED = {"camera_type": "dome", "mount": "pole"}
CAMERA_KEYS = {"camera:type": "dome", "camera:mount": "pole"}
MARSEILLE = (43.2961234, 5.3812345)


@pytest.mark.parametrize(
    ("kind", "written"),
    [
        ("camera", CAMERA_KEYS),
        ("ALPR", CAMERA_KEYS),  # a plate reader is a camera reading plates
        (None, CAMERA_KEYS),  # no kind given: a camera, the contract's default
        ("guard", {}),
        ("gunshot_detector", {}),
        (" guard ", {}),  # read as the kind is written: stripped
    ],
)
def test_only_a_kind_that_films_gets_the_cameras_own_keys(kind, written):
    tags = survey_tags({"kind": kind, **DESCRIBED, "operator": "Police municipale"})

    assert {key: tags[key] for key in tags if key.startswith("camera:")} == written
    assert tags["operator"] == "Police municipale"  # the rest of the survey is written


@pytest.mark.parametrize("kind", ["guard", "gunshot_detector"])
def test_a_create_for_a_device_that_does_not_film_carries_no_camera_key(kind):
    observation = {
        "id": "a", "review_status": "approved", "kind": kind, **DESCRIBED, "direction": [90],
        "position": {"lat": MARSEILLE[0], "lon": MARSEILLE[1]}, "surveyed_on": "2026-11-21",
    }  # fmt: skip

    create = plan_action(observation, None)

    assert create.tags == {
        "man_made": "surveillance", "surveillance:type": kind, "direction": "90",
        "check_date": "2026-11-21",
    }  # fmt: skip


def test_a_modify_of_a_guard_keeps_the_mappers_camera_keys_and_adds_none():
    # camwalk never deletes a tag of a device it surveys, right or wrong: a mapper's
    # camera:mount on a guard post stays for a mapper to judge, and the survey's is not added.
    node = {"man_made": "surveillance", "surveillance:type": "guard", "camera:mount": "wall"}

    tags = modified_tags(node, {"kind": "guard", **DESCRIBED, "operator": "Vigiles SA"})

    assert tags == {**node, "operator": "Vigiles SA"}


def test_a_survey_of_a_guard_says_nothing_against_a_nodes_camera_keys():
    # The disagreements a match by distance names are about the keys the modify writes.
    node = {"surveillance:type": "guard", "camera:type": "fixed", "camera:mount": "wall"}
    for kind, expected in [
        ("guard", ()),
        ("camera", (("camera:type", "dome", "fixed"), ("camera:mount", "pole", "wall"))),
    ]:
        point = SurveyPoint(*MARSEILLE, kind=kind, camera_type="dome", mount="pole")
        assert disagreements(point, node) == expected, kind


def test_a_guard_matched_by_distance_is_no_disagreeing_match():
    node = OsmNode(7, 1, MARSEILLE[0] + 3e-5, MARSEILLE[1], {
        "man_made": "surveillance", "surveillance:type": "guard", "camera:mount": "wall",
    })  # fmt: skip
    point = SurveyPoint(*MARSEILLE, kind="guard", mount="pole")

    (match,) = match_observations([point], [node]).matches

    assert match.node == 0 and match.disagreeing == ()


def test_the_rule_names_the_keys_the_writer_uses():
    # One rule for the writer and the matcher: what camera_fields names is what survey_tags
    # writes for a camera, under those keys.
    fields = dict(camera_fields("camera"))
    written = survey_tags({"kind": "camera", **DESCRIBED})
    assert {fields[field]: value for field, value in DESCRIBED.items()} == CAMERA_KEYS
    assert {key: written[key] for key in CAMERA_KEYS} == CAMERA_KEYS
    assert camera_fields("guard") == camera_fields("gunshot_detector") == ()
