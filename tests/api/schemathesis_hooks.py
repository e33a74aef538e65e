"""Schemathesis hooks for the API run (loaded through SCHEMATHESIS_HOOKS).

The schema says an image upload is ``image/jpeg``, ``image/png`` or ``image/webp``; a
schema cannot say "a decodable image", so this tells the fuzzer how to make real files
of those media types (small, of varied sizes and colours). Anything else it sends as the
file is then rightly refused with a 400.
"""

from __future__ import annotations

import io

import schemathesis
from hypothesis import strategies as st
from PIL import Image

FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def _encode(fmt: str, width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, fmt)
    return buffer.getvalue()


def _images(fmt: str) -> st.SearchStrategy[bytes]:
    return st.builds(
        lambda width, height, colour: _encode(fmt, width, height, colour),
        st.integers(min_value=1, max_value=64),
        st.integers(min_value=1, max_value=64),
        st.tuples(*[st.integers(min_value=0, max_value=255)] * 3),
    )


for media_type, fmt in FORMATS.items():
    schemathesis.openapi.media_type(media_type, _images(fmt))
