"""What the reader returns, and the one shape every container's tags are put into."""

from dataclasses import dataclass
from datetime import date, datetime, time


class _Undefined:
    """A rational written as 0/0 or n/0: EXIF's way of saying "unknown"."""

    def __repr__(self) -> str:
        return "UNDEFINED"


UNDEFINED = _Undefined()


@dataclass(frozen=True)
class FieldWarning:
    """Something wrong with one field; the rest of the result still stands."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class PhotoMetadata:
    """What a photo says about itself. ``None`` means absent or not trustworthy."""

    image_type: str | None = None  # a key of IMAGE_MIME_TYPES, sniffed from the bytes
    lat: float | None = None  # WGS84 degrees, south negative
    lon: float | None = None  # WGS84 degrees, west negative
    gps_source: str | None = None  # "exif" or "xmp": where the position came from
    altitude_m: float | None = None  # metres, below sea level negative
    direction_deg: float | None = None  # GPSImgDirection, clockwise from north
    direction_ref: str | None = None  # "T" true north, "M" magnetic north
    taken_at: datetime | None = None  # DateTimeOriginal; aware when OffsetTimeOriginal is known
    gps_date: date | None = None  # GPSDateStamp (UTC)
    gps_time: time | None = None  # GPSTimeStamp, tzinfo=UTC
    make: str | None = None
    model: str | None = None
    width: int | None = None
    height: int | None = None
    orientation: int | None = None  # EXIF 1-8
    warnings: tuple[FieldWarning, ...] = ()
    error: str | None = None  # set when the file could not be read at all

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def gps_datetime(self) -> datetime | None:
        """The GPS fix time in UTC, when both its date and its time were recorded."""
        if self.gps_date is None or self.gps_time is None:
            return None
        return datetime.combine(self.gps_date, self.gps_time)


@dataclass
class Found:
    """A container's EXIF tags, by ``exif`` package name, with plain numbers and
    :data:`UNDEFINED` for 0/0, so that one set of rules decodes them whatever the container."""

    tags: dict[str, object]
    width: int | None = None
    height: int | None = None
