"""Tables sized to their rows, and one helper that every page's table goes through."""

from __future__ import annotations

from pathlib import Path

from pages.panels.tables import MAX_ROWS, table_height

PAGES = Path(__file__).resolve().parents[2] / "pages"


def test_table_height_shows_every_row_up_to_the_cap() -> None:
    assert table_height(15) == 16 * 35 + 3  # header and 15 rows, no scroll bar
    assert table_height(1) == 2 * 35 + 3
    assert table_height(0) == table_height(1)  # room for the "empty" line
    assert table_height(500) == (MAX_ROWS + 1) * 35 + 3
    assert table_height(500, max_rows=8) == 9 * 35 + 3


def test_every_interactive_table_is_drawn_by_the_tables_panel() -> None:
    drawers = sorted(
        str(p.relative_to(PAGES))
        for p in PAGES.rglob("*.py")
        if "st.dataframe(" in p.read_text(encoding="utf-8")
    )
    assert drawers == ["panels/tables.py"]
