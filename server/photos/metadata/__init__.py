"""The parts of the photo metadata reader; ``server.photos.exif_reader`` is its entry point.

One module per container, one per kind of decoding, so that a fix to how PNG chunks are
walked cannot touch how a latitude's sign is decided:

- ``sniff``: which image format the bytes are, from their first bytes.
- ``jpeg``, ``png``, ``isobmff`` (HEIF, HEIC, AVIF, JPEG XL), ``pillow_open`` (TIFF, WebP and
  anything else Pillow opens whole), ``xmp``: finding the tags in each container.
- ``tiff``: the TIFF-structured EXIF block every container wraps, read into one tag shape.
- ``values``, ``gps``, ``camera``: turning tag values into checked fields and warnings.
- ``records`` and ``notes``: the result and the warnings collected on the way.
"""
