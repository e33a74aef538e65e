# Full-width and typographic punctuation on purpose.
# ruff: noqa: RUF001
"""Regenerate the font subset the seed's cover images are drawn with.

A one-off tool, not part of the app: it needs fontTools, which is not a project
dependency. Run it whenever a cover text (curation/seed/data.py) gains a character:

    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools
    /tmp/ft/bin/python curation/seed/fonts/make_subset.py

It reads Noto Sans CJK TC Bold from Debian's fonts-noto-cjk package (SIL Open Font
License 1.1) and keeps exactly the glyphs the cover texts need, plus printable ASCII and
common CJK punctuation, so the committed file stays small.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FACE = "Noto Sans CJK TC Bold"
OUTPUT = HERE / "NotoSansCJKtc-Bold-subset.otf"

ASCII = {chr(code) for code in range(0x20, 0x7F)}
# Punctuation a title or label may reasonably carry, Western and CJK.
PUNCTUATION = (
    set("·•–—‘’“”…") | set("、。〈〉《》「」『』【】〔〕・") | set("，：；！？（）％＋－／")
)


def wanted_characters() -> set[str]:
    sys.path.insert(0, str(REPO))
    from curation.seed.data import all_cover_texts  # plain Python: no Django needed

    characters = ASCII | PUNCTUATION | {"\u3000"}
    for cover in all_cover_texts():
        for text in cover.strings():
            characters.update(text)
    return characters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the .ttc to read")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    collection = TTCollection(str(args.source))
    faces = {face["name"].getDebugName(4): face for face in collection.fonts}
    if FACE not in faces:
        raise SystemExit(f"{args.source} has no face named {FACE!r}; it has {sorted(faces)}")
    font = faces[FACE]

    characters = wanted_characters()
    missing = sorted(c for c in characters if ord(c) not in font.getBestCmap())
    if missing:
        raise SystemExit(f"The source font lacks {missing!r}: choose another font.")

    options = subset.Options()
    options.hinting = False  # Pillow draws large titles: hints add size, not legibility
    options.layout_features = ["kern", "liga", "palt", "vert"]
    options.name_IDs = ["*"]  # keep the copyright and licence records (OFL condition 2)
    options.notdef_outline = True
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    font.recalcTimestamp = False  # the same input gives the same bytes
    font.save(str(args.output))
    print(f"{args.output}: {len(characters)} characters, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
