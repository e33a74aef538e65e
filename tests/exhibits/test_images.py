"""The one image pipeline: exhibits.images, the image services, model helpers and form.

Bad files are crafted here, in memory (no committed fixtures): each is refused with its
message, and leaves no row and no file (conftest gives every test its own MEDIA_ROOT).
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.forms.models import inlineformset_factory
from django.urls import path
from modeltranslation.admin import TranslationStackedInline
from PIL import ExifTags, Image, ImageCms

from exhibits import images
from exhibits.forms import ExhibitImageForm, ExhibitImageInlineFormSet
from exhibits.models import Exhibit, ExhibitImage
from exhibits.services import (
    exhibit_image_add,
    exhibit_image_delete,
    exhibit_image_update,
    exhibit_images_reorder,
)
from tests import factories

# --- Making files ----------------------------------------------------------------------


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def photo(size=(800, 600), color=(30, 120, 200)) -> Image.Image:
    """A smooth picture: small when encoded, unlike noise."""
    gradient = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (gradient, Image.new("L", size, color[1]), gradient.rotate(90)))


def jpeg(size=(800, 600), **options) -> bytes:
    return encode(photo(size), "JPEG", quality=85, **options)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, idat: bytes = b"") -> bytes:
    """A PNG whose header declares a size its (tiny) pixel data does not hold."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat or zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def png_bomb(width: int, height: int) -> bytes:
    """A valid greyscale PNG of zeros: tiny on disk, width x height bytes once decoded."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    idat = b"".join(compressor.compress(row * 500) for _ in range(height // 500))
    idat += compressor.compress(row * (height % 500)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def jpeg_declaring(width: int, height: int) -> bytes:
    data = bytearray(jpeg((64, 48)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_declaring(width: int, height: int, *, extended: bool) -> bytes:
    if extended:  # VP8X: the canvas size, 24 bits each, minus one
        data = bytearray(encode(Image.new("RGBA", (64, 48), (1, 2, 3, 100)), "WEBP"))
        assert data[12:16] == b"VP8X"
        data[24:27] = (width - 1).to_bytes(3, "little")
        data[27:30] = (height - 1).to_bytes(3, "little")
    else:  # simple lossy VP8: 14 bits each
        data = bytearray(encode(photo((64, 48)), "WEBP"))
        assert data[12:16] == b"VP8 "
        data[26:30] = struct.pack("<HH", width, height)
    return bytes(data)


def noise_png(size=(200, 150)) -> bytes:
    return encode(Image.effect_noise(size, 64).convert("RGB"), "PNG")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return buffer.getvalue()


def gif() -> bytes:
    return encode(Image.new("P", (20, 20)), "GIF")


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (40, 30), color) for color in ((255, 0, 0), (0, 0, 255))]
    return encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)


def upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(media_root) -> list[str]:
    return sorted(
        str(p.relative_to(media_root)).replace("\\", "/")
        for p in media_root.rglob("*")
        if p.is_file()
    )


def open_stored(name: str) -> tuple[Image.Image, bytes]:
    with default_storage.open(name) as stored:
        data = stored.read()
    return Image.open(io.BytesIO(data)), data


ALT = {"en": "A robot at the booth", "zh_hant": "展位上的機械人"}

NOT_ACCEPTED = "{} files are not accepted. Upload a JPEG, PNG or WebP image."
NOT_AN_IMAGE = "The file is not an image. Upload a JPEG, PNG or WebP image."
CORRUPT = (
    "The image could not be read: the file is damaged or incomplete. "
    "Save it again and upload the new file."
)
ANIMATED = "Animated images are not accepted. Upload a still JPEG, PNG or WebP image."


def too_many(width: int, height: int, limit: str = "40") -> str:
    return (
        f"The image is {width} × {height} pixels; the limit is {limit} megapixels. "  # noqa: RUF001
        "Resize it and try again."
    )


BAD_FILES = {
    "empty": (lambda: b"", "empty", "The file is empty."),
    "gif_renamed_jpg": (gif, "unsupported_format", NOT_ACCEPTED.format("GIF")),
    "svg_renamed_png": (
        lambda: (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
            b"<script>alert(1)</script></svg>"
        ),
        "unsupported_format",
        NOT_ACCEPTED.format("SVG"),
    ),
    "bmp": (
        lambda: encode(Image.new("RGB", (8, 8)), "BMP"),
        "unsupported_format",
        NOT_ACCEPTED.format("BMP"),
    ),
    "tiff": (
        lambda: encode(Image.new("RGB", (8, 8)), "TIFF"),
        "unsupported_format",
        NOT_ACCEPTED.format("TIFF"),
    ),
    "html": (
        lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "not_an_image",
        NOT_AN_IMAGE,
    ),
    "elf_executable": (
        lambda: b"\x7fELF\x02\x01\x01\x00" + bytes(56) + b"\x90" * 512,
        "not_an_image",
        NOT_AN_IMAGE,
    ),
    "windows_executable": (
        lambda: b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56) + b"This program cannot be run",
        "not_an_image",
        NOT_AN_IMAGE,
    ),
    "random_bytes": (
        lambda: b"\x00" + random.Random(7).randbytes(4096),
        "not_an_image",
        NOT_AN_IMAGE,
    ),
    "pdf": (lambda: b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF", "not_an_image", NOT_AN_IMAGE),
    "truncated_jpeg": (lambda: jpeg()[:3000], "corrupt", CORRUPT),
    "truncated_png": (lambda: noise_png()[:20000], "corrupt", CORRUPT),
    "truncated_webp": (
        lambda: encode(Image.effect_noise((200, 150), 64).convert("RGB"), "WEBP")[:2000],
        "corrupt",
        CORRUPT,
    ),
    # Polyglots that are not one complete image: markup or an archive behind magic bytes.
    "polyglot_jpeg_magic_then_html": (
        lambda: b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>",
        "corrupt",
        CORRUPT,
    ),
    "polyglot_jpeg_header_then_php": (
        lambda: b"\xff\xd8\xff\xfe\x00\x16<?php system($x); ?>\xff\xd9",
        "corrupt",
        CORRUPT,
    ),
    "polyglot_png_signature_then_zip": (
        lambda: b"\x89PNG\r\n\x1a\n" + zip_bytes(),
        "corrupt",
        CORRUPT,
    ),
    "polyglot_gif_and_zip": (
        lambda: gif() + zip_bytes(),
        "unsupported_format",
        NOT_ACCEPTED.format("GIF"),
    ),
    "animated_webp": (lambda: animated("WEBP"), "animated", ANIMATED),
    "animated_png": (lambda: animated("PNG"), "animated", ANIMATED),
    "pixel_flood_png": (
        lambda: png_declaring(100_000, 100_000),
        "too_many_pixels",
        too_many(100_000, 100_000),
    ),
    "pixel_flood_jpeg": (
        lambda: jpeg_declaring(60_000, 60_000),
        "too_many_pixels",
        too_many(60_000, 60_000),
    ),
    "pixel_flood_webp_vp8x": (
        lambda: webp_declaring(16_000, 16_000, extended=True),
        "too_many_pixels",
        too_many(16_000, 16_000),
    ),
    "pixel_flood_webp_vp8": (
        lambda: webp_declaring(16_000, 16_000, extended=False),
        "too_many_pixels",
        too_many(16_000, 16_000),
    ),
    # A real decompression bomb: 48 MB of pixels in a ~50 kB file.
    "decompression_bomb_png": (
        lambda: png_bomb(8000, 6000),
        "too_many_pixels",
        too_many(8000, 6000),
    ),
    "side_too_long": (
        lambda: png_declaring(20_000, 100),
        "side_too_long",
        "The image is 20000 × 100 pixels; each side must be at most 16383 pixels.",  # noqa: RUF001
    ),
}


@pytest.fixture
def exhibit(db):
    return factories.ExhibitFactory()


# --- Refusals --------------------------------------------------------------------------


# Warnings as errors: a refusal must come from our header check, not from Pillow warning.
@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", BAD_FILES.keys())
def test_exhibit_image_add_refuses_bad_file(case, exhibit, media_root):
    make, code, message = BAD_FILES[case]

    with pytest.raises(ValidationError) as caught:
        exhibit_image_add(exhibit=exhibit, upload=upload(make()), alt_text=ALT)

    (error,) = caught.value.error_dict["upload"]
    assert error.code == code
    assert caught.value.message_dict["upload"] == [message]
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


def test_prepare_image_refuses_oversized_file_before_decoding(media_root):
    padded = noise_png((40, 30)) + bytes(images.MAX_BYTES)

    with pytest.raises(ValidationError) as caught:
        images.prepare_image(upload(padded, "big.png", "image/png"))

    assert caught.value.code == "file_too_large"
    assert caught.value.messages == [
        "The file is over the 10.0\xa0MB limit. Save it smaller and try again."
    ]


def test_exhibit_image_add_refuses_oversized_file(exhibit, media_root):
    padded = noise_png((40, 30)) + bytes(images.MAX_BYTES)

    with pytest.raises(ValidationError) as caught:
        exhibit_image_add(exhibit=exhibit, upload=upload(padded, "big.png"), alt_text=ALT)

    assert caught.value.error_dict["upload"][0].code == "file_too_large"
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


def test_prepare_image_refuses_over_40_megapixels_from_the_header_alone():
    # 8000x5001 is just over 40 MP; the pixel data is 64 bytes of nothing, so decoding
    # would report a damaged file: "too many pixels" proves the header check came first.
    with pytest.raises(ValidationError) as caught:
        images.prepare_image(png_declaring(8000, 5001))

    assert caught.value.code == "too_many_pixels"


def test_prepare_image_accepts_exactly_40_megapixels_header_then_reads_the_data():
    with pytest.raises(ValidationError) as caught:
        images.prepare_image(png_declaring(8000, 5000))

    # Within the limit, so it is decoded, and the missing pixel data is found.
    assert caught.value.code == "corrupt"


def test_prepare_image_honours_a_lower_pillow_limit(monkeypatch):
    # Pillow's global can only lower our limit, and its bomb check becomes a refusal,
    # never a warning or a crash.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)

    with pytest.raises(ValidationError) as caught:
        images.prepare_image(encode(photo((40, 30)), "PNG"))

    assert caught.value.code == "too_many_pixels"
    assert caught.value.messages == [too_many(40, 30, limit="0.001")]


def test_exhibit_image_add_refuses_missing_english_alt_text_before_writing(exhibit, media_root):
    with pytest.raises(ValidationError) as caught:
        exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text={"zh_hant": "圖"})

    assert caught.value.message_dict == {"alt_text_en": ["This field is required."]}
    assert stored_files(media_root) == []


def test_exhibit_image_add_refuses_unknown_language_and_long_text(exhibit, media_root):
    with pytest.raises(ValidationError) as caught:
        exhibit_image_add(
            exhibit=exhibit,
            upload=upload(jpeg()),
            alt_text={"en": "x" * 301, "fr": "une photo"},
            credit="y" * 201,
        )

    assert set(caught.value.message_dict) == {"alt_text", "alt_text_en", "credit"}
    assert caught.value.error_dict["alt_text"][0].code == "unknown_language"
    assert caught.value.error_dict["alt_text_en"][0].code == "max_length"
    assert stored_files(media_root) == []
    assert ExhibitImage.objects.count() == 0


# --- What is stored --------------------------------------------------------------------


def photo_with_metadata() -> bytes:
    """A 400x200 JPEG, red on the left and blue on the right, that a camera would show
    rotated 90° clockwise (EXIF orientation 6), with GPS, camera, XMP and a comment."""
    image = Image.new("RGB", (400, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (22.0, 16.0, 48.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (114.0, 10.0, 30.0),
    }
    data = encode(
        image,
        "JPEG",
        quality=95,
        exif=exif,
        comment=b"<script>alert(1)</script>",
        xmp=b"<x:xmpmeta>owner@example.com</x:xmpmeta>",
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    check = Image.open(io.BytesIO(data))
    assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    return data


def test_exhibit_image_add_strips_metadata_and_applies_orientation(exhibit):
    image = exhibit_image_add(exhibit=exhibit, upload=upload(photo_with_metadata()), alt_text=ALT)

    assert (image.width, image.height) == (200, 400)
    for name in image.stored_names:
        stored, data = open_stored(name)
        assert dict(stored.getexif()) == {}
        assert "icc_profile" not in stored.info
        for secret in (b"Exif", b"GPS", b"SecretCam", b"xmpmeta", b"owner@", b"<script"):
            assert secret not in data, (name, secret)
    original, _data = open_stored(image.image.name)
    assert original.format == "JPEG"
    assert original.size == (200, 400)
    # Rotated clockwise: the red left half is now on top, the blue right half below.
    red, _, blue = original.convert("RGB").getpixel((100, 50))
    assert (red > 200, blue < 60) == (True, True)
    red, _, blue = original.convert("RGB").getpixel((100, 350))
    assert (red < 60, blue > 200) == (True, True)


@pytest.mark.parametrize(
    "payload",
    [b"<script>alert(1)</script>", zip_bytes()],
    ids=["script", "zip"],
)
def test_exhibit_image_add_drops_data_appended_after_the_image(payload, exhibit):
    polyglot = jpeg((300, 200)) + payload

    image = exhibit_image_add(exhibit=exhibit, upload=upload(polyglot), alt_text=ALT)

    for name in image.stored_names:
        _stored, data = open_stored(name)
        assert b"<script" not in data
        assert b"PK\x03\x04" not in data
        assert not data.endswith(payload)


@pytest.mark.parametrize(
    ("size", "widths"),
    [
        ((2000, 1000), [320, 640, 1280]),
        ((1280, 720), [320, 640, 1280]),
        ((700, 300), [320, 640, 700]),
        ((640, 480), [320, 640]),
        ((200, 100), [200]),
    ],
)
def test_exhibit_image_add_makes_renditions_never_upscaled(size, widths, exhibit):
    image = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg(size)), alt_text=ALT)

    assert image.rendition_widths == widths
    assert sorted(image.renditions) == sorted(str(w) for w in widths)
    for width in widths:
        assert sorted(image.renditions[str(width)]) == ["jpeg", "webp"]
        for fmt, pillow_format in (("jpeg", "JPEG"), ("webp", "WEBP")):
            stored, _data = open_stored(image.renditions[str(width)][fmt])
            assert stored.format == pillow_format
            assert stored.size == (width, round(size[1] * width / size[0]))


def test_exhibit_image_add_flattens_transparency_onto_white_for_jpeg(exhibit):
    source = Image.new("RGBA", (700, 300), (255, 0, 0, 0))
    source.paste((0, 128, 0, 255), (400, 0, 700, 300))

    image = exhibit_image_add(
        exhibit=exhibit, upload=upload(encode(source, "PNG"), "logo.png"), alt_text=ALT
    )

    original, _data = open_stored(image.image.name)
    assert (original.format, original.mode) == ("PNG", "RGBA")
    assert image.image.name.endswith("/original.png")
    for width in image.rendition_widths:
        flat, _data = open_stored(image.renditions[str(width)]["jpeg"])
        assert flat.mode == "RGB"
        assert flat.getpixel((5, 5)) == (255, 255, 255)
        webp, _data = open_stored(image.renditions[str(width)]["webp"])
        assert webp.mode == "RGBA"
        assert webp.getpixel((5, 5))[3] == 0


@pytest.mark.parametrize(
    ("source", "fmt", "mode", "pixel"),
    [
        (Image.new("CMYK", (60, 40), (0, 255, 255, 0)), "JPEG", "RGB", (254, 0, 0)),
        (Image.new("I;16", (60, 40), 32768), "PNG", "RGB", (128, 128, 128)),
        (Image.new("L", (60, 40), 77), "PNG", "RGB", (77, 77, 77)),
        (Image.new("LA", (60, 40), (200, 0)), "PNG", "RGBA", (200, 200, 200, 0)),
        (Image.new("RGBA", (60, 40), (10, 20, 30, 255)), "PNG", "RGB", (10, 20, 30)),
    ],
    ids=["cmyk", "16-bit-grey", "grey", "grey-alpha", "opaque-rgba"],
)
def test_prepare_image_normalises_modes(source, fmt, mode, pixel):
    prepared = images.prepare_image(encode(source, fmt))

    original = Image.open(io.BytesIO(prepared.original))
    assert original.mode == mode
    assert original.getpixel((10, 10)) == pixel


def test_prepare_image_normalises_palette_with_transparency():
    source = Image.new("P", (60, 40), 1)
    source.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    source.info["transparency"] = 0
    source.paste(0, (0, 0, 30, 40))

    prepared = images.prepare_image(encode(source, "PNG", transparency=0))

    original = Image.open(io.BytesIO(prepared.original))
    assert original.mode == "RGBA"
    assert original.getpixel((5, 5))[3] == 0
    assert original.getpixel((45, 5)) == (255, 0, 0, 255)


@pytest.mark.parametrize(
    "options",
    [
        {"icc_profile": b"not an ICC profile at all"},
        {"exif": b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff\x01"},
    ],
    ids=["broken-icc", "broken-exif"],
)
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_prepare_image_accepts_photo_with_broken_metadata_and_drops_it(options):
    prepared = images.prepare_image(encode(photo((300, 200)), "JPEG", **options))

    original = Image.open(io.BytesIO(prepared.original))
    assert (original.size, dict(original.getexif()), original.info.get("icc_profile")) == (
        (300, 200),
        {},
        None,
    )


def test_prepare_image_accepts_webp_and_keeps_its_format():
    prepared = images.prepare_image(encode(photo((500, 400)), "WEBP", quality=80))

    assert (prepared.format, prepared.extension, prepared.width) == ("webp", "webp", 500)
    assert Image.open(io.BytesIO(prepared.original)).format == "WEBP"


def test_exhibit_image_add_uses_generated_names(exhibit):
    image = exhibit_image_add(
        exhibit=exhibit,
        upload=upload(jpeg(), "secret-plan-of-the-minister.jpg"),
        alt_text=ALT,
    )

    folder = image.image.name.rsplit("/", 1)[0]
    assert re.fullmatch(r"exhibits/[0-9a-f]{32}", folder)
    assert image.image.name == f"{folder}/original.jpg"
    assert sorted(image.stored_names) == sorted(
        [f"{folder}/original.jpg"]
        + [f"{folder}/{w}.{ext}" for w in (320, 640, 800) for ext in ("jpg", "webp")]
    )
    assert all("secret" not in name for name in image.stored_names)


def test_exhibit_image_add_stores_texts_and_puts_new_images_last(exhibit):
    first = exhibit_image_add(
        exhibit=exhibit,
        upload=upload(jpeg()),
        alt_text={"en": "  Robot  ", "zh_hant": "機械人"},
        caption={"en": "At the booth"},
        credit="Digital Policy Office",
    )
    second = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)
    placed = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT, order=7)
    after = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)

    first.refresh_from_db()
    assert (first.alt_text_en, first.alt_text_zh_hant, first.alt_text_zh_hans) == (
        "Robot",
        "機械人",
        None,
    )
    assert (first.caption_en, first.credit, first.width, first.height) == (
        "At the booth",
        "Digital Policy Office",
        800,
        600,
    )
    assert [first.order, second.order, placed.order, after.order] == [0, 1, 7, 8]


def test_exhibit_image_add_4000_by_3000_photo_completes(exhibit):
    image = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg((4000, 3000))), alt_text=ALT)

    assert (image.width, image.height, image.rendition_widths) == (4000, 3000, [320, 640, 1280])


# --- Failures after writing --------------------------------------------------------------


def test_exhibit_image_add_deletes_its_files_when_the_database_fails(exhibit, media_root):
    def refuse_image_insert(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "exhibits_exhibitimage"'):
            raise DatabaseError("simulated database failure")
        return execute(sql, params, many, context)

    with (
        connection.execute_wrapper(refuse_image_insert),
        pytest.raises(DatabaseError, match="simulated"),
    ):
        exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)

    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


class StorageFailingOnThirdWrite(FileSystemStorage):
    """A storage that fails part-way, like a network store dropping a connection."""

    writes = 0

    def _save(self, name, content):
        type(self).writes += 1
        if type(self).writes == 3:
            raise OSError("simulated storage failure")
        return super()._save(name, content)


def test_exhibit_image_add_deletes_written_files_when_storage_fails(exhibit, media_root, settings):
    StorageFailingOnThirdWrite.writes = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.StorageFailingOnThirdWrite"},
    }

    with pytest.raises(OSError, match="simulated storage failure"):
        exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)

    assert StorageFailingOnThirdWrite.writes == 3
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


# --- Update, delete, reorder -------------------------------------------------------------


def test_exhibit_image_update_replaces_files_on_commit(
    exhibit, media_root, django_capture_on_commit_callbacks
):
    image = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)
    old_names = image.stored_names

    with django_capture_on_commit_callbacks(execute=True):
        exhibit_image_update(
            image=image,
            upload=upload(encode(photo((500, 250)), "PNG"), "new.png"),
            alt_text={"zh_hans": "机械人"},
        )
        # Until the commit, the old files are still there for the published page.
        assert set(old_names) <= set(stored_files(media_root))

    image.refresh_from_db()
    assert (image.width, image.height, image.alt_text_en, image.alt_text_zh_hans) == (
        500,
        250,
        "A robot at the booth",
        "机械人",
    )
    assert image.image.name.endswith("/original.png")
    assert stored_files(media_root) == sorted(image.stored_names)
    assert not set(old_names) & set(stored_files(media_root))


def test_exhibit_image_update_refuses_bad_file_and_keeps_the_old_one(exhibit, media_root):
    image = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)
    before = stored_files(media_root)

    with pytest.raises(ValidationError) as caught:
        exhibit_image_update(image=image, upload=upload(gif()))

    assert caught.value.error_dict["upload"][0].code == "unsupported_format"
    assert stored_files(media_root) == before
    image.refresh_from_db()
    assert sorted(image.stored_names) == before


def test_exhibit_image_delete_removes_row_and_files_on_commit(
    exhibit, media_root, django_capture_on_commit_callbacks
):
    kept = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)
    image = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg()), alt_text=ALT)

    with django_capture_on_commit_callbacks(execute=True):
        exhibit_image_delete(image=image)
        assert set(image.stored_names) <= set(stored_files(media_root))

    assert list(ExhibitImage.objects.values_list("pk", flat=True)) == [kept.pk]
    assert stored_files(media_root) == sorted(kept.stored_names)


def test_exhibit_images_reorder_sets_the_given_order(exhibit):
    a, b, c = (
        exhibit_image_add(exhibit=exhibit, upload=upload(jpeg((100, 80))), alt_text=ALT)
        for _ in range(3)
    )

    ordered = exhibit_images_reorder(exhibit=exhibit, ordered_ids=[c.pk, a.pk, b.pk])

    assert [image.pk for image in ordered] == [c.pk, a.pk, b.pk]
    assert list(exhibit.images.values_list("pk", "order")) == [(c.pk, 0), (a.pk, 1), (b.pk, 2)]


@pytest.mark.parametrize(
    ("ids", "code", "message"),
    [
        (lambda a, b, other: [a, b, other], "foreign_image", "do not belong to this exhibit: {o}"),
        (lambda a, b, other: [b], "incomplete", "must be listed; missing: {a}"),
        (lambda a, b, other: [a, b, a], "duplicate", "listed only once; repeated: {a}"),
    ],
    ids=["foreign", "missing", "repeated"],
)
def test_exhibit_images_reorder_refuses_wrong_ids(ids, code, message, exhibit):
    a, b = (
        exhibit_image_add(exhibit=exhibit, upload=upload(jpeg((100, 80))), alt_text=ALT)
        for _ in range(2)
    )
    other = exhibit_image_add(
        exhibit=factories.ExhibitFactory(), upload=upload(jpeg((100, 80))), alt_text=ALT
    )

    with pytest.raises(ValidationError) as caught:
        exhibit_images_reorder(exhibit=exhibit, ordered_ids=ids(a.pk, b.pk, other.pk))

    assert caught.value.code == code
    assert message.format(a=a.pk, o=other.pk) in caught.value.messages[0]
    assert list(ExhibitImage.objects.order_by("pk").values_list("order", flat=True)) == [0, 1, 0]


# --- Model helpers -------------------------------------------------------------------------


def test_exhibit_image_url_helpers_build_urls_without_queries(exhibit, django_assert_num_queries):
    exhibit_image_add(exhibit=exhibit, upload=upload(jpeg((2000, 1000))), alt_text=ALT)
    image = ExhibitImage.objects.get()
    folder = "/media/" + image.image.name.rsplit("/", 1)[0]

    with django_assert_num_queries(0):
        assert image.rendition_url(640, "webp") == f"{folder}/640.webp"
        assert image.srcset("jpeg") == (
            f"{folder}/320.jpg 320w, {folder}/640.jpg 640w, {folder}/1280.jpg 1280w"
        )
        assert image.srcset_webp == image.srcset("webp")
        assert image.thumbnail_url == f"{folder}/640.jpg"
        assert image.largest_url("webp") == f"{folder}/1280.webp"
    with pytest.raises(KeyError):
        image.rendition_url(2000, "jpeg")


def test_exhibit_image_thumbnail_url_is_the_largest_jpeg_up_to_640(exhibit):
    narrow = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg((500, 300))), alt_text=ALT)
    tiny = exhibit_image_add(exhibit=exhibit, upload=upload(jpeg((120, 90))), alt_text=ALT)

    assert narrow.thumbnail_url == narrow.rendition_url(500, "jpeg")
    assert tiny.thumbnail_url == tiny.rendition_url(120, "jpeg")
    assert tiny.srcset("webp") == f"{tiny.rendition_url(120, 'webp')} 120w"


# --- The form --------------------------------------------------------------------------------


def form_data(**overrides) -> dict[str, str]:
    return {
        "alt_text_en": "A robot at the booth",
        "alt_text_zh_hant": "展位上的機械人",
        "alt_text_zh_hans": "",
        "caption_en": "",
        "caption_zh_hant": "",
        "caption_zh_hans": "",
        "credit": "",
        "order": "",
        **overrides,
    }


def test_exhibit_image_form_shows_pipeline_refusal_next_to_the_field(exhibit, media_root):
    form = ExhibitImageForm(
        data=form_data(),
        files={"upload": upload(b"<html>not an image</html>", "photo.jpg")},
        instance=ExhibitImage(exhibit=exhibit),
    )

    assert form.errors == {"upload": [NOT_AN_IMAGE]}
    assert stored_files(media_root) == []


def test_exhibit_image_form_requires_upload_and_english_alt_text_when_adding(exhibit):
    form = ExhibitImageForm(data=form_data(alt_text_en=""), instance=ExhibitImage(exhibit=exhibit))

    assert form.errors == {
        "upload": ["This field is required."],
        "alt_text_en": ["This field is required."],
    }
    assert 'accept="image/jpeg,image/png,image/webp"' in str(form["upload"])


def test_exhibit_image_form_adds_then_changes_texts_without_new_upload(exhibit, media_root):
    form = ExhibitImageForm(
        data=form_data(credit="DPO"),
        files={"upload": upload(jpeg((900, 600)))},
        instance=ExhibitImage(exhibit=exhibit),
    )
    assert form.errors == {}
    image = form.save()
    files = stored_files(media_root)

    change = ExhibitImageForm(
        data=form_data(alt_text_en="A robot waving", order=""), instance=image
    )
    assert change.errors == {}
    changed = change.save()

    changed.refresh_from_db()
    assert (changed.alt_text_en, changed.credit, changed.order, changed.width) == (
        "A robot waving",
        "",
        0,
        900,
    )
    assert stored_files(media_root) == files
    with pytest.raises(ValueError, match="commit=True"):
        change.save(commit=False)


# --- Inside a Django admin inline formset -------------------------------------------------


class ImageInline(TranslationStackedInline):
    model = ExhibitImage
    form = ExhibitImageForm
    formset = ExhibitImageInlineFormSet
    extra = 1


class ExhibitWithImagesAdmin(admin.ModelAdmin):
    fields = ["slug"]
    inlines = [ImageInline]


images_admin_site = admin.AdminSite(name="images_test_admin")
images_admin_site.register(Exhibit, ExhibitWithImagesAdmin)
urlpatterns = [path("admin/", images_admin_site.urls)]


def inline_post(exhibit, images_data: list[dict[str, object]], initial: int = 0) -> dict:
    data: dict[str, object] = {
        "slug": exhibit.slug,
        "images-TOTAL_FORMS": str(len(images_data)),
        "images-INITIAL_FORMS": str(initial),
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for i, fields in enumerate(images_data):
        for name, value in {"exhibit": str(exhibit.pk), **form_data(), **fields}.items():
            data[f"images-{i}-{name}"] = value
    return data


@pytest.fixture
def admin_client_for_images(client, admin_user, settings):
    settings.ROOT_URLCONF = __name__
    client.force_login(admin_user)
    return client


def change_url(exhibit) -> str:
    return f"/admin/exhibits/exhibit/{exhibit.pk}/change/"


def test_admin_inline_shows_refusal_for_bad_file_and_saves_nothing(
    admin_client_for_images, exhibit, media_root
):
    bad = SimpleUploadedFile("photo.png", animated("PNG"), content_type="image/png")

    response = admin_client_for_images.post(
        change_url(exhibit), inline_post(exhibit, [{"upload": bad}])
    )

    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert inline.formset.forms[0].errors == {"upload": [ANIMATED]}
    assert ANIMATED in response.content.decode()
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


def test_admin_inline_adds_replaces_and_deletes_through_the_services(
    admin_client_for_images, exhibit, media_root, django_capture_on_commit_callbacks
):
    good = SimpleUploadedFile("photo.jpg", jpeg((900, 600)), content_type="image/jpeg")
    response = admin_client_for_images.post(
        change_url(exhibit), inline_post(exhibit, [{"upload": good}])
    )
    assert response.status_code == 302
    image = ExhibitImage.objects.get()
    assert (image.exhibit, image.width, image.order) == (exhibit, 900, 0)
    assert stored_files(media_root) == sorted(image.stored_names)

    new = SimpleUploadedFile("new.webp", encode(photo((300, 200)), "WEBP"), "image/webp")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_for_images.post(
            change_url(exhibit),
            inline_post(exhibit, [{"id": str(image.pk), "upload": new}], initial=1),
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.image.name.endswith("/original.webp")) == (300, True)
    assert stored_files(media_root) == sorted(image.stored_names)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_for_images.post(
            change_url(exhibit),
            inline_post(exhibit, [{"id": str(image.pk), "DELETE": "on"}], initial=1),
        )
    assert response.status_code == 302
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


def test_inline_formset_sets_exhibit_and_refuses_bad_file(exhibit, media_root):
    formset_class = inlineformset_factory(
        Exhibit,
        ExhibitImage,
        form=ExhibitImageForm,
        formset=ExhibitImageInlineFormSet,
        fields=ExhibitImageForm._meta.fields,
        extra=1,
    )
    data = {
        key: value for key, value in inline_post(exhibit, [{}]).items() if key.startswith("images-")
    }
    formset = formset_class(
        data=data,
        files={"images-0-upload": upload(b"\x89PNG\r\n\x1a\n" + zip_bytes(), "x.png")},
        instance=exhibit,
    )

    assert not formset.is_valid()
    assert formset.forms[0].errors == {"upload": [CORRUPT]}
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_image_files_removed_when_their_exhibit_is_deleted(
    media_root, django_capture_on_commit_callbacks
):
    image = factories.ExhibitImageFactory()
    assert stored_files(media_root) != []
    with django_capture_on_commit_callbacks(execute=True):
        image.exhibit.delete()
    assert stored_files(media_root) == []
