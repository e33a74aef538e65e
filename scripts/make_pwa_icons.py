"""Draw the installable web app's icons (pavilion/pwa.py) with Pillow.

    .venv/bin/python scripts/make_pwa_icons.py

Writes ``pavilion/static/pavilion/icons/icon-192.png``, ``icon-512.png`` (purpose "any": a
rounded tile on a transparent ground) and ``icon-maskable-512.png`` (purpose "maskable":
full bleed, the mark inside the central safe circle, 40% of the size in radius). The mark
is the site header's: a tile split on the diagonal, white over light blue, on the header's
dark blue. Run again after changing the drawing; the PNGs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

DARK = (8, 59, 106, 255)  # --brand-dark, the manifest's theme colour
LIGHT = (127, 178, 229, 255)  # the header mark's light blue
WHITE = (255, 255, 255, 255)
SUPERSAMPLE = 4
OUT = Path(__file__).resolve().parent.parent / "pavilion" / "static" / "pavilion" / "icons"


def _mark(size: int, box: tuple[int, int, int, int]) -> Image.Image:
    """The split tile, drawn inside ``box`` of a transparent ``size`` square."""
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    left, top, right, _bottom = box
    width = right - left
    # White over light blue, split where the header's 135° gradient turns (45%).
    split = 0.9 * width
    draw = ImageDraw.Draw(layer)
    draw.rectangle(box, fill=LIGHT)
    draw.polygon([(left, top), (left + split, top), (left, top + split)], fill=WHITE)
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle(box, radius=width // 4, fill=255)
    tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    tile.paste(layer, (0, 0), mask)
    return tile


def draw_icon(pixels: int, *, maskable: bool) -> Image.Image:
    size = pixels * SUPERSAMPLE
    image = Image.new("RGBA", (size, size), DARK if maskable else (0, 0, 0, 0))
    if not maskable:
        margin = size // 32
        ImageDraw.Draw(image).rounded_rectangle(
            (margin, margin, size - margin, size - margin), radius=size // 5, fill=DARK
        )
    # The mark fits inside the maskable safe circle (radius 0.4 of the size): its corner
    # is at most 0.4 from the centre when its half-side is 0.4 / sqrt(2) ≈ 0.28.
    half = int(size * (0.26 if maskable else 0.3))
    centre = size // 2
    image.alpha_composite(_mark(size, (centre - half, centre - half, centre + half, centre + half)))
    return image.resize((pixels, pixels), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, pixels, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ]:
        draw_icon(pixels, maskable=maskable).save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
