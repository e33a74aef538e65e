"""pavilion.floor_layout: where booths are drawn, the same on every plan."""

from __future__ import annotations

from types import SimpleNamespace

from pavilion.floor_layout import (
    BOOTH_HEIGHT,
    BOOTH_WIDTH,
    booth_anchor,
    booth_sort_key,
    floor_layout,
    zone_block,
    zone_layout,
)


def booths(*codes: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(code=code) for code in codes]


def test_booth_codes_sort_naturally_ignoring_case():
    codes = ["E10", "e2", "E1", "D3", "E02a", "A"]

    assert sorted(codes, key=booth_sort_key) == ["A", "D3", "E1", "e2", "E02a", "E10"]


def test_booth_anchor_is_the_code_without_spaces():
    assert (booth_anchor("E01"), booth_anchor(" Hall 1 B2 ")) == ("booth-E01", "booth-Hall-1-B2")


def test_zone_block_puts_booths_in_rows_of_four():
    block = zone_block("zone", booths("A5", "A1", "A3", "A2", "A4"), x=100, y=50)

    assert [(s.code, s.x, s.y) for s in block.spots] == [
        ("A1", 112, 90),
        ("A2", 210, 90),
        ("A3", 308, 90),
        ("A4", 406, 90),
        ("A5", 112, 152),
    ]
    assert (block.width, block.height) == (406, 40 + 2 * BOOTH_HEIGHT + 10 + 12)
    assert block.spots[0].width == BOOTH_WIDTH


def test_zone_block_without_booths_keeps_one_row():
    block = zone_block("zone", [])

    assert (block.spots, block.height) == ([], 40 + BOOTH_HEIGHT + 12)


def test_floor_layout_two_zones_to_a_row_each_row_below_the_tallest():
    layout = floor_layout(
        [("a", booths("A1")), ("b", booths(*[f"B{i}" for i in range(1, 6)])), ("c", [])]
    )

    assert [(b.zone, b.x, b.y) for b in layout.blocks] == [
        ("a", 0, 0),
        ("b", 416, 0),
        ("c", 0, 176),
    ]
    assert (layout.width, layout.height) == (822, 176 + 104)


def test_highlight_marks_one_booth_case_insensitively():
    layout = zone_layout("zone", booths("C1", "C2"), highlight="c2")

    assert [s.highlighted for s in layout.spots] == [False, True]
    assert layout.highlighted.code == "C2"
    assert zone_layout("zone", booths("C1"), highlight="Z9").highlighted is None
