"""Drawing every table of the app: sized to its rows, sentences wrapped, one row picked.

The rows each table shows are built by ``pages.panels.table_rows``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any, Final

import streamlit as st

from pages.frame.runtime import plain, t
from pages.panels.cells import readable

# Streamlit draws a table's header and each row 35 px high, inside a 1 px border (plus the
# 1 px the grid keeps for its focus ring): a table sized for its rows shows no empty space
# and no scroll bar. Beyond MAX_ROWS it scrolls rather than push the page down.
ROW_PX: Final = 35
MAX_ROWS: Final = 20
Rows = Sequence[Mapping[str, object]]


def table_height(rows: int, *, max_rows: int = MAX_ROWS) -> int:
    """Pixels that show the header and every row up to ``max_rows`` (at least one row)."""
    return (min(max(rows, 1), max_rows) + 1) * ROW_PX + 3


def show_table(
    rows: Rows,
    *,
    columns: Mapping[str, Any] | None = None,
    key: str | None = None,
    max_rows: int = MAX_ROWS,
) -> None:
    """A read-only table sized to its rows (up to ``max_rows``), full width, no index;
    ``columns`` maps a header to its ``st.column_config`` (help text, width, format)."""
    rows, columns = readable(rows, columns)  # no English "None" in an empty cell
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        height=table_height(len(rows), max_rows=max_rows),
        column_config=columns,
        key=key,
    )


SENTENCE_ROWS: Final = 30


def sentence_table(rows: Rows, *, limit: int = SENTENCE_ROWS) -> None:
    """A table whose cells hold sentences (problems and what to do): up to ``limit`` rows
    drawn whole with wrapped lines (every text cell escaped: a static table reads Markdown);
    a longer list as a scrolling table, where a click on a cell shows all of it."""
    if len(rows) > limit:
        show_table(rows)
        return
    shown, _ = readable(rows)
    st.table([{k: plain(v) if isinstance(v, str) else v for k, v in row.items()} for row in shown])


def fact_list(facts: Sequence[tuple[str, str]]) -> None:
    """Label-value lines (**label**：value), each value escaped; long values wrap under
    their label instead of squeezing a table's label column to one character."""
    colon = t("common.colon")
    st.markdown("  \n".join(f"**{plain(label)}**{colon}{plain(value)}" for label, value in facts))


def table_key(key: str, ids: Sequence[object]) -> str:
    """The widget key of a selectable table showing the rows ``ids``."""
    return f"{key}-{hashlib.blake2s(repr(tuple(ids)).encode(), digest_size=8).hexdigest()}"


def pick_row(
    rows: Rows,
    *,
    ids: Sequence[object],
    key: str,
    columns: Mapping[str, Any] | None = None,
    max_rows: int = MAX_ROWS,
) -> int | None:
    """A table with one selectable row, sized like ``show_table``; the index of the row
    picked, or None.

    Streamlit keeps a selection as a row position. The key carries which rows are shown,
    so a filter that changes the rows starts with no selection instead of a position that
    points past the end or at another entry.
    """
    rows, columns = readable(rows, columns)
    picked = st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        height=table_height(len(rows), max_rows=max_rows),
        column_config=columns,
        on_select="rerun",
        selection_mode="single-row",
        key=table_key(key, ids),
    )
    chosen = picked.selection.rows
    return chosen[0] if chosen and 0 <= chosen[0] < len(ids) else None
