"""The one image pipeline: every exhibit image passes here before it is stored.

``prepare_image(upload)`` decides whether an upload is an image we accept and turns it into
clean bytes; ``store_image(prepared)`` writes them under generated names; nothing is
written until ``prepare_image`` has accepted the whole file. Callers (services, forms, the
seed, later the API) never hand uploaded bytes to storage themselves.

What is accepted, and how the checks run, cheapest first:

1. Size: an empty file, or one over ``MAX_BYTES`` (10 MB), is refused before decoding.
2. Format, from the bytes (never the file name or the client's content type): JPEG, PNG or
   WebP. GIF, SVG, BMP, TIFF, HEIC/AVIF are named in the refusal; anything else (HTML,
   executables, random bytes) is "not an image".
3. Dimensions, read by our own small header readers *before Pillow sees the file*: at
   most ``MAX_PIXELS`` (40 megapixels) and ``MAX_SIDE`` px a side. Pixel floods and
   decompression bombs are refused here without decoding any pixel data. The limit is
   our own constant; Pillow's global ``Image.MAX_IMAGE_PIXELS`` can only lower it (it is
   read, never changed: changing a process-wide global per call is not thread-safe).
   Pillow's own ``DecompressionBombError``/``DecompressionBombWarning`` (when warnings
   are errors) are still caught and refused, as a second line.
4. Decoding, with Pillow restricted to the detected format: the header Pillow reads must
   agree with ours, animated PNG (APNG) and animated WebP are refused, and the whole
   pixel data is decoded (``ImageFile.LOAD_TRUNCATED_IMAGES`` must stay False, Pillow's
   default), so truncated or damaged files are refused. A "polyglot" that is not one
   complete image (HTML or a ZIP behind image magic bytes) fails here; one that *is* a
   complete image with something hidden in comments, metadata or after the image data
   is accepted and neutralised by step 5, because no uploaded byte is ever stored.
5. Re-encoding: EXIF orientation is applied, the mode is normalised to RGB (or RGBA when
   the image has transparency; CMYK, 16-bit, palette and grey+alpha included), an
   embedded ICC profile is *converted* to sRGB (so wide-gamut phone photos keep their
   colours) and then dropped with every other piece of metadata (EXIF, GPS, XMP,
   comments, text chunks). The original is re-encoded in its own format; renditions are
   made at ``RENDITION_WIDTHS`` in WebP and JPEG (JPEG flattened onto white).

Memory stays bounded: at most 10 MB of upload is read, and pixels are only allocated for
images already known to be within 40 megapixels.
"""

from __future__ import annotations

import contextlib
import io
import struct
import uuid
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# WebP cannot encode a side longer than this; renditions are never larger than the
# original, so this keeps every rendition encodable.
MAX_SIDE = 16_383
RENDITION_WIDTHS = (320, 640, 1280)
RENDITION_FORMATS = ("webp", "jpeg")
ACCEPT = "image/jpeg,image/png,image/webp"

# Originals keep most of their detail; renditions are for screens.
ORIGINAL_QUALITY = 90
RENDITION_QUALITY = {"jpeg": 82, "webp": 80}

EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}
_PILLOW_FORMATS = {"jpeg": ("JPEG",), "png": ("PNG",), "webp": ("WEBP",)}

MESSAGES = {
    "empty": _("The file is empty."),
    "file_too_large": _("The file is over the %(limit)s limit. Save it smaller and try again."),
    "unsupported_format": _("%(format)s files are not accepted. Upload a JPEG, PNG or WebP image."),
    "not_an_image": _("The file is not an image. Upload a JPEG, PNG or WebP image."),
    "too_many_pixels": _(
        "The image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels. "  # noqa: RUF001
        "Resize it and try again."
    ),
    "side_too_long": _(
        "The image is %(width)s × %(height)s pixels; each side must be at most "  # noqa: RUF001
        "%(limit)s pixels."
    ),
    "animated": _("Animated images are not accepted. Upload a still JPEG, PNG or WebP image."),
    "corrupt": _(
        "The image could not be read: the file is damaged or incomplete. "
        "Save it again and upload the new file."
    ),
}


def _refuse(code: str, **params: object) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


@dataclass(frozen=True)
class PreparedImage:
    """An accepted image, re-encoded in memory and ready to store.

    ``format`` is the original's format ("jpeg", "png" or "webp"), kept on re-encoding.
    ``renditions`` maps width → "webp"/"jpeg" → encoded bytes.
    """

    format: str
    width: int
    height: int
    original: bytes
    renditions: dict[int, dict[str, bytes]]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


@dataclass(frozen=True)
class StoredImage:
    """Where ``store_image`` put a prepared image: storage names only."""

    name: str
    width: int
    height: int
    renditions: dict[str, dict[str, str]]

    @property
    def names(self) -> list[str]:
        return [self.name, *(n for fmts in self.renditions.values() for n in fmts.values())]


# --- Reading and recognising the upload -------------------------------------------------


def _read_capped(upload: File | IO[bytes] | bytes) -> bytes:
    if isinstance(upload, bytes | bytearray | memoryview):
        data = bytes(upload)
    else:
        declared = getattr(upload, "size", None)
        if isinstance(declared, int) and declared > MAX_BYTES:
            raise _refuse("file_too_large", limit=filesizeformat(MAX_BYTES))
        if hasattr(upload, "seek"):
            upload.seek(0)
        # One byte more than the limit tells "too large" apart without reading it all.
        data = upload.read(MAX_BYTES + 1)
    if not data:
        raise _refuse("empty")
    if len(data) > MAX_BYTES:
        raise _refuse("file_too_large", limit=filesizeformat(MAX_BYTES))
    return data


def _other_format(data: bytes) -> str | None:
    """Name a well-known format we refuse, so the message can say what was sent."""
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:2] == b"BM":
        return "BMP"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"avif", b"avis"):
            return "AVIF"
        if brand in (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"):
            return "HEIC"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and b"<svg" in head:
        return "SVG"
    return None


def _detect_format(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    other = _other_format(data)
    if other:
        raise _refuse("unsupported_format", format=other)
    raise _refuse("not_an_image")


# JPEG start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share
# the range but are not frames.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_sizes(data: bytes) -> list[tuple[int, int]] | None:
    """Every frame size declared before the first scan, by walking the marker segments."""
    sizes = []
    i, end = 2, len(data)
    while i + 4 <= end:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # segments without a length
            i += 2
            continue
        if marker == 0xD9:  # end of image before any scan
            return None
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if length < 2:
            return None
        if marker in _JPEG_SOF:
            if length < 7 or i + 9 > end:
                return None
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            sizes.append((width, height))
        if marker == 0xDA:  # start of scan: pixel data follows
            return sizes or None
        i += 2 + length
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[8:16] != b"\x00\x00\x00\x0dIHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _webp_size(data: bytes) -> tuple[tuple[int, int], bool] | None:
    """The canvas size and whether the animation flag is set."""
    if len(data) < 30:
        return None
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return (width & 0x3FFF, height & 0x3FFF), False
    if chunk == b"VP8L" and data[20] == 0x2F:
        (bits,) = struct.unpack("<I", data[21:25])
        return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1), False
    if chunk == b"VP8X":
        animated = bool(data[20] & 0x02)
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return (width, height), animated
    return None


def _declared_size(data: bytes, fmt: str) -> tuple[int, int]:
    """The size the header declares, refused if over the limits; no pixel is decoded."""
    if fmt == "jpeg":
        sizes = _jpeg_sizes(data)
    elif fmt == "png":
        size = _png_size(data)
        sizes = [size] if size else None
    else:
        found = _webp_size(data)
        if found and found[1]:
            raise _refuse("animated")
        sizes = [found[0]] if found else None
    if not sizes:
        raise _refuse("corrupt")
    pixel_limit = MAX_PIXELS
    if Image.MAX_IMAGE_PIXELS is not None:
        pixel_limit = min(pixel_limit, Image.MAX_IMAGE_PIXELS)
    for width, height in sizes:
        if width < 1 or height < 1:
            raise _refuse("corrupt")
        if width * height > pixel_limit:
            raise _refuse(
                "too_many_pixels",
                width=width,
                height=height,
                limit=f"{pixel_limit / 1_000_000:g}",
            )
        if width > MAX_SIDE or height > MAX_SIDE:
            raise _refuse("side_too_long", width=width, height=height, limit=MAX_SIDE)
    # Pillow, like the format, takes the last frame header before the scan.
    return sizes[-1]


# --- Decoding and normalising ----------------------------------------------------------

# What a hostile or damaged file can make Pillow's decoders raise.
_DECODE_ERRORS = (
    OSError,  # includes UnidentifiedImageError and "image file is truncated"
    ValueError,  # includes "Decompressed data too large" from PNG text chunks
    SyntaxError,
    EOFError,
    struct.error,
    IndexError,
    KeyError,
    TypeError,
    MemoryError,
)


def _decode(data: bytes, fmt: str, declared: tuple[int, int]) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS[fmt])
        if image.size != declared:
            raise _refuse("corrupt")
        # MPO (JPEG from cameras with a second, preview image) is accepted: the first
        # image is the photo. Only PNG and WebP frames are animation.
        if fmt in ("png", "webp") and getattr(image, "n_frames", 1) > 1:
            raise _refuse("animated")
        image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            "too_many_pixels",
            width=declared[0],
            height=declared[1],
            limit=f"{MAX_PIXELS / 1_000_000:g}",
        ) from None
    except _DECODE_ERRORS:
        raise _refuse("corrupt") from None
    return image


def _apply_orientation(image: Image.Image) -> None:
    # EXIF is untrusted and optional: a malformed block must not refuse an otherwise valid
    # photo. The image then keeps its stored orientation.
    with contextlib.suppress(Exception):
        ImageOps.exif_transpose(image, in_place=True)


def _to_srgb(image: Image.Image, icc_profile: bytes, mode: str) -> Image.Image | None:
    """Convert from the embedded profile to sRGB, or None if the profile is unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(image, source, srgb, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def _normalise(image: Image.Image) -> Image.Image:
    """Upright, RGB or RGBA, sRGB, with no metadata left in ``info``."""
    _apply_orientation(image)
    icc_profile = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit grey: scale to 8 bits (a plain convert would clip everything above 255).
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
        icc_profile = None
    elif image.mode == "F":
        image = image.convert("L")
        icc_profile = None
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or ("transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    if has_alpha and image.mode != "RGBA":
        image = image.convert("RGBA")
    converted = _to_srgb(image, icc_profile, mode) if icc_profile else None
    if converted is not None:
        image = converted
    elif image.mode != mode:
        image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        # Fully opaque: the alpha channel only costs space.
        image = image.convert("RGB")
    # Encoders fall back to ``info`` for some metadata (JPEG comments, PNG ICC): empty it.
    image.info = {}
    return image


# --- Encoding -----------------------------------------------------------------------------


def _encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpeg":
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "png":
        image.save(buffer, "PNG", compress_level=6)
    else:
        image.save(buffer, "WEBP", quality=quality, method=4)
    return buffer.getvalue()


def rendition_widths(width: int) -> list[int]:
    """The rendition widths for an original this wide: never upscaled, the original
    width itself standing in for the missing larger ones."""
    widths = [w for w in RENDITION_WIDTHS if w <= width]
    if width < RENDITION_WIDTHS[-1] and width not in widths:
        widths.append(width)
    return widths


def _renditions(image: Image.Image) -> dict[int, dict[str, bytes]]:
    width, height = image.size
    result = {}
    for target in rendition_widths(width):
        if target == width:
            resized = image
        else:
            size = (target, max(1, round(height * target / width)))
            resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        result[target] = {
            fmt: _encode(resized, fmt, RENDITION_QUALITY[fmt]) for fmt in RENDITION_FORMATS
        }
    return result


# --- Public interface ----------------------------------------------------------------------


def prepare_image(upload: File | IO[bytes] | bytes) -> PreparedImage:
    """Validate an upload by decoding it and return it re-encoded, with its renditions.

    Raises ``ValidationError`` (with a ``code`` from ``MESSAGES``) for anything that is
    not one still JPEG, PNG or WebP image within the limits. Writes nothing.
    """
    data = _read_capped(upload)
    fmt = _detect_format(data)
    declared = _declared_size(data, fmt)
    image = _decode(data, fmt, declared)
    del data
    image = _normalise(image)
    return PreparedImage(
        format=fmt,
        width=image.width,
        height=image.height,
        original=_encode(image, fmt, ORIGINAL_QUALITY),
        renditions=_renditions(image),
    )


def new_folder() -> str:
    """A fresh storage folder; names never carry anything from the upload."""
    return f"exhibits/{uuid.uuid4().hex}"


def store_image(prepared: PreparedImage, *, storage: Storage | None = None) -> StoredImage:
    """Write a prepared image and its renditions under one generated folder.

    If any write fails, the files already written are deleted before the error is
    raised again: the caller gets all the files or none.
    """
    storage = storage or default_storage
    folder = new_folder()
    written: list[str] = []
    try:
        name = storage.save(
            f"{folder}/original.{prepared.extension}", ContentFile(prepared.original)
        )
        written.append(name)
        renditions: dict[str, dict[str, str]] = {}
        for width, encoded in prepared.renditions.items():
            renditions[str(width)] = {}
            for fmt, content in encoded.items():
                stored = storage.save(f"{folder}/{width}.{EXTENSIONS[fmt]}", ContentFile(content))
                written.append(stored)
                renditions[str(width)][fmt] = stored
    except BaseException:
        delete_files(written, storage=storage)
        raise
    return StoredImage(
        name=name, width=prepared.width, height=prepared.height, renditions=renditions
    )


def delete_files(names: list[str], *, storage: Storage | None = None) -> None:
    """Delete stored files; a name already gone is not an error."""
    storage = storage or default_storage
    for name in names:
        if name:
            storage.delete(name)


def delete_files_on_commit(
    names: list[str], *, storage: Storage | None = None, using: str | None = None
) -> None:
    """Delete stored files once the current transaction commits (never if it rolls back)."""
    names = list(names)
    transaction.on_commit(lambda: delete_files(names, storage=storage), using=using)


def copy_stored(
    name: str, renditions: dict[str, dict[str, str]], *, storage: Storage | None = None
) -> tuple[str, dict[str, dict[str, str]]]:
    """Copy an image already stored (original and renditions) into a new generated folder.

    The bytes were made by this pipeline, so they are copied as they are, not decoded and
    re-encoded again. Returns the new original's name and renditions map. If any copy
    fails, the copies already written are deleted before the error is raised again.
    """
    storage = storage or default_storage
    folder = new_folder()
    written: list[str] = []

    def copy(source: str) -> str:
        with storage.open(source, "rb") as handle:
            content = handle.read()
        stored = storage.save(f"{folder}/{source.rsplit('/', 1)[-1]}", ContentFile(content))
        written.append(stored)
        return stored

    try:
        new_name = copy(name)
        new_renditions = {
            width: {fmt: copy(source) for fmt, source in formats.items()}
            for width, formats in renditions.items()
        }
    except BaseException:
        delete_files(written, storage=storage)
        raise
    return new_name, new_renditions
