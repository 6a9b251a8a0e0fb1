"""GPS from XMP packets, used only when the EXIF holds no position."""

import struct

import pytest

from server.photos.exif_reader import read_photo_metadata
from server.photos.metadata import xmp

EXIF_NS = "http://ns.adobe.com/exif/1.0/"


def packet(properties: dict[str, str], as_elements: bool = False) -> bytes:
    """An XMP packet with exif: properties as attributes (the common form) or elements."""
    if as_elements:
        body = "".join(f"<exif:{name}>{value}</exif:{name}>" for name, value in properties.items())
        description = f'<rdf:Description rdf:about="">{body}</rdf:Description>'
    else:
        attributes = " ".join(f'exif:{name}="{value}"' for name, value in properties.items())
        description = f'<rdf:Description rdf:about="" {attributes}/>'
    return (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        f' xmlns:exif="{EXIF_NS}">{description}</rdf:RDF></x:xmpmeta>'
        "<?xpacket end='w'?>"
    ).encode()


def with_xmp(jpeg: bytes, xmp_packet: bytes) -> bytes:
    """The JPEG with an APP1 XMP segment right after its SOI marker, as cameras write it."""
    body = b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


# (case, GPSLatitude text, expected EXIF-style tags)
COORDINATES = [
    (
        "degrees and decimal minutes",
        "43,17.5N",
        {"gps_latitude": (43.0, 17.5), "gps_latitude_ref": "N"},
    ),
    (
        "degrees minutes seconds",
        "43,17,30S",
        {"gps_latitude": (43.0, 17.0, 30.0), "gps_latitude_ref": "S"},
    ),
    (
        "decimal degrees with a letter",
        "43.291667N",
        {"gps_latitude": (43.291667,), "gps_latitude_ref": "N"},
    ),
    (
        "a minus sign means south",
        "-0.0702668",
        {"gps_latitude": (0.0702668,), "gps_latitude_ref": "S"},
    ),
    ("a plus sign means north", "+12.5", {"gps_latitude": (12.5,), "gps_latitude_ref": "N"}),
    ("no sign and no letter leaves no reference", "43.29", {"gps_latitude": (43.29,)}),
]


@pytest.mark.parametrize(
    ("text", "tags"), [pytest.param(*row[1:], id=row[0]) for row in COORDINATES]
)
def test_xmp_coordinates_become_exif_style_tags(text, tags):
    found, problems = xmp.gps_tags(packet({"GPSLatitude": text}))
    assert (found, problems) == (tags, [])


@pytest.mark.parametrize("text", ["north", "-43.5S", "43;17N", "1/0"])
def test_malformed_xmp_coordinates_are_reported_not_raised(text):
    found, problems = xmp.gps_tags(packet({"GPSLatitude": text}))
    assert found == {}
    assert len(problems) == 1 and "GPSLatitude" in problems[0]


@pytest.mark.parametrize("as_elements", [False, True], ids=["attributes", "elements"])
def test_an_xmp_only_position_is_used_with_its_altitude_and_direction(make_photo, as_elements):
    properties = {
        "GPSLatitude": "0,4.21601S",
        "GPSLongitude": "34,22.91611E",
        "GPSAltitude": "136169/100",
        "GPSAltitudeRef": "0",
        "GPSImgDirection": "1763/10",
        "GPSImgDirectionRef": "T",
        "GPSTimeStamp": "2009-06-24T15:40:26.5+02:00",
    }
    photo = with_xmp(make_photo("jpeg"), packet(properties, as_elements))
    metadata = read_photo_metadata(photo)
    assert metadata.gps_source == "xmp"
    assert metadata.lat == pytest.approx(-4.21601 / 60)
    assert metadata.lon == pytest.approx(34 + 22.91611 / 60)
    assert metadata.altitude_m == pytest.approx(1361.69)
    assert (metadata.direction_deg, metadata.direction_ref) == (pytest.approx(176.3), "T")
    assert metadata.gps_datetime.isoformat() == "2009-06-24T13:40:26.500000+00:00"
    assert metadata.warnings == ()


def test_exif_position_wins_over_xmp(make_photo):
    gps = {
        "GPSLatitudeRef": "N",
        "GPSLatitude": [(10, 1), (0, 1), (0, 1)],
        "GPSLongitudeRef": "E",
        "GPSLongitude": [(20, 1), (0, 1), (0, 1)],
    }
    photo = with_xmp(
        make_photo("jpeg", gps=gps), packet({"GPSLatitude": "50N", "GPSLongitude": "5E"})
    )
    metadata = read_photo_metadata(photo)
    assert (metadata.lat, metadata.lon, metadata.gps_source) == (10.0, 20.0, "exif")


def test_xmp_without_a_hemisphere_gives_no_position_and_says_so(make_photo):
    photo = with_xmp(make_photo("jpeg"), packet({"GPSLatitude": "43.29", "GPSLongitude": "5.37E"}))
    metadata = read_photo_metadata(photo)
    assert metadata.lat is None
    assert [w.field for w in metadata.warnings] == ["position"]
    assert "XMP" in metadata.warnings[0].message


def test_xmp_is_found_in_a_png_text_chunk_too(make_photo):
    png = make_photo("png")
    chunk_data = b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + packet(
        {"GPSLatitude": "45,30.5N", "GPSLongitude": "122,34.25W"}
    )
    chunk = struct.pack(">I", len(chunk_data)) + b"iTXt" + chunk_data + b"\x00" * 4
    metadata = read_photo_metadata(png[:33] + chunk + png[33:])  # after IHDR
    assert (metadata.lat, metadata.lon) == (pytest.approx(45.508333), pytest.approx(-122.570833))


@pytest.mark.parametrize(
    "bad_packet",
    [
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><unclosed></x:xmpmeta>',
        b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x:xmpmeta>&a;</x:xmpmeta>",
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">\x00\x00\x00</x:xmpmeta>',
    ],
    ids=["not well-formed", "entities cannot be declared", "NUL bytes"],
)
def test_a_broken_xmp_packet_is_a_warning(make_photo, bad_packet):
    metadata = read_photo_metadata(with_xmp(make_photo("jpeg"), bad_packet))
    assert metadata.error is None
    assert [w.field for w in metadata.warnings] == ["xmp"]


def test_the_shared_xmp_only_photo_gives_its_xmp_values(shared_photos):
    # Its packet holds exif:GPSLatitude="0,4.21601S", GPSAltitude="136169/100", etc.
    data = (shared_photos / "mapillary_tools/adobe_coords/adobe_coords.jpg").read_bytes()
    metadata = read_photo_metadata(data)
    assert metadata.gps_source == "xmp"
    assert metadata.altitude_m == pytest.approx(1361.69)
    assert (metadata.direction_deg, metadata.direction_ref) == (pytest.approx(176.3), "T")
