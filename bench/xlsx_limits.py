"""A wide workbook refused at once (Trust issue, item 10): ``python bench/xlsx_limits.py``.

The workbook of the report: a header row and one cell in column XFD on each of N rows
(3 000 by default: ~20 KB). Each in a fresh child process, best of ``--repeat``:

- ``refuse``: ``read_table`` as the importers call it, which refuses the file at the first
  cell beyond column AX;
- ``old``: the step of the reader before that cost the most, kept here to compare with:
  openpyxl read-only rows (each widened to its last cell) turned into text and all kept,
  before any check (the whole old reader also scanned the rows twice more: a lower bound);
- ``normal``: ``read_table`` of an ordinary views workbook of the same number of rows
  (7 columns), i.e. what reading a good file of that length costs.

Printed: seconds and peak RSS growth of each (VmHWM minus the child's RSS after its imports),
the ratios refuse/old and refuse/normal. Targets: the refusal costs no more than reading the
normal file (ratio ≤ 1) and grows RSS by ≤ 50 MB. Files are made in a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import warnings
from pathlib import Path
from typing import Any

from _common import (
    best,
    machine_note,
    peak_rss_mb,
    rss_mb,
    run_child,
    say,
    serve_child,
    timed,
    verdict,
)
from openpyxl import Workbook, load_workbook

from scoring.errors import InvalidInput
from scoring.tables.reading import read_table
from scoring.tables.xlsx_reading import _cell_text  # the old reader's own cell text

TARGET_RATIO = 1.0
TARGET_RSS_MB = 50.0


def wide_workbook(path: Path, rows: int) -> None:
    """A header row and one value in column XFD on each of ``rows`` rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["作品编号", "平台", "播放量", "采集时间"])
    for line in range(2, rows + 2):
        sheet.cell(row=line, column=16384, value="x")
    book.save(path)


def normal_workbook(path: Path, rows: int) -> None:
    """A good views table of ``rows`` rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["作品编号", "平台", "播放量", "点赞数", "评论数", "转发数", "采集时间"])
    for n in range(rows):
        sheet.append([f"GS-2023-{n % 100:03d}", "抖音", n * 7, n, n % 9, n % 5, "2023/6/8 10:00"])
    book.save(path)


def old_reader(data: bytes) -> int:
    """The reader before the limits: every widened row kept as text (the grid it built)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return sum(len(row) for row in grid)


def child(kind: str, path: str) -> dict[str, Any]:
    """Run one reader on ``path``; seconds, peak RSS growth and what happened."""
    data = Path(path).read_bytes()
    base = rss_mb()

    def work() -> str:
        if kind == "old":
            return f"{old_reader(data):,} cells kept"
        try:
            table = read_table(data, file_name=Path(path).name)
        except InvalidInput as refused:
            return f"refused: {refused.key} {refused.params.get('cell', '')}"
        return f"{len(table.rows):,} rows read"

    seconds, outcome = timed(work)
    return {"seconds": seconds, "rss_mb": peak_rss_mb() - base, "outcome": outcome}


def measure(script: str, kind: str, path: Path, repeat: int) -> dict[str, Any]:
    return best([run_child(script, kind, path) for _ in range(repeat)])


def main() -> None:
    """Build the workbooks, measure each reader, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1 000 rows, one run each")
    args = parser.parse_args()
    rows, repeat = (1_000, 1) if args.quick else (args.rows, args.repeat)
    script = str(Path(__file__).resolve())
    print(machine_note())
    with tempfile.TemporaryDirectory(prefix="bench-xlsx-") as tmp:
        wide, normal = Path(tmp) / "wide.xlsx", Path(tmp) / "normal.xlsx"
        wide_workbook(wide, rows)
        normal_workbook(normal, rows)
        print(
            f"{rows:,} rows: wide.xlsx {wide.stat().st_size:,} B, normal.xlsx"
            f" {normal.stat().st_size:,} B"
        )
        found = {
            "refuse": measure(script, "refuse", wide, repeat),
            "old": measure(script, "old", wide, repeat),
            "normal": measure(script, "normal", normal, repeat),
        }
    for kind, result in found.items():
        say(
            f"{kind} ({'normal' if kind == 'normal' else 'wide'}.xlsx)",
            f"{result['seconds']:.3f} s  peak RSS +{result['rss_mb']:.0f} MB  {result['outcome']}",
        )
    refuse = found["refuse"]
    to_old = refuse["seconds"] / found["old"]["seconds"]
    to_normal = refuse["seconds"] / found["normal"]["seconds"]
    say("refuse / old", f"time {to_old:.4f}")
    say(
        "refuse / normal",
        f"time {to_normal:.3f} (target ≤ {TARGET_RATIO:g}) {verdict(to_normal, TARGET_RATIO)}",
    )
    say(
        "refuse RSS growth",
        f"{refuse['rss_mb']:.0f} MB (target ≤ {TARGET_RSS_MB:g}) "
        f"{verdict(refuse['rss_mb'], TARGET_RSS_MB)}",
    )


if __name__ == "__main__":
    kinds = ("refuse", "old", "normal")
    if not serve_child({k: lambda path, k=k: child(k, path) for k in kinds}):
        main()
