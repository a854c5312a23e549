"""A child's photo: a JPEG or PNG judged by its content, at most 5 MB, re-encoded as JPEG.

Re-encoding drops whatever else the file carried (metadata, trailing bytes, a script).
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # beyond this a small file may be a decompression bomb
LONGEST_SIDE = 1200


class PhotoRefused(ValueError):
    """`key` is the catalogue key of the reason shown to the family."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def reencode_photo(data: bytes) -> bytes:
    """The photo as a JPEG of at most LONGEST_SIDE pixels, or PhotoRefused."""
    if not data:
        raise PhotoRefused("requests.photo.empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused("requests.photo.too_large")
    if not (data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")):
        raise PhotoRefused("requests.photo.not_image")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("JPEG", "PNG"):
                raise PhotoRefused("requests.photo.not_image")
            if probe.width * probe.height > MAX_PHOTO_PIXELS:
                raise PhotoRefused("requests.photo.too_large")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGB")
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as error:
        if isinstance(error, PhotoRefused):
            raise
        raise PhotoRefused("requests.photo.not_image") from None
    picture.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
