"""The warnings one read collects, including those libraries raise through ``warnings``."""

import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image

from server.photos.metadata.records import FieldWarning

MAX_WARNINGS = 20  # a crafted file can make Pillow warn thousands of times

# catch_warnings swaps process-wide state; the lock stops two readers in two threads from
# restoring each other's filters. Reads take a millisecond, so serialising them costs little.
_WARNINGS_LOCK = threading.RLock()


class Notes:
    def __init__(self) -> None:
        self.items: list[FieldWarning] = []

    def warn(self, field: str, message: str) -> None:
        item = FieldWarning(field, message)
        if item not in self.items and len(self.items) < MAX_WARNINGS:
            self.items.append(item)

    def extend(self, other: "Notes", prefix: str = "") -> None:
        for item in other.items:
            self.warn(item.field, prefix + item.message)

    @contextmanager
    def catching(self, field: str) -> Iterator[None]:
        """Turn library warnings (Pillow's on broken files, say) into warnings on ``field``."""
        with _WARNINGS_LOCK, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # We never decode pixels, so a huge image is no bomb for this reader.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # The exif package warns when an ASCII tag's NUL is not where its count says;
            # the text still reads right, exiftool stays silent, and Nikons all do it.
            warnings.filterwarnings("ignore", "ASCII tag contains", RuntimeWarning)
            try:
                yield
            finally:
                for item in caught:
                    self.warn(field, f"{item.category.__name__}: {item.message}")
