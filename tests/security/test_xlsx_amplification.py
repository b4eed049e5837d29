"""A small workbook must not cost gigabytes: a 17 KB XLSX with one cell in column XFD on
3 000 rows took 20 s and 430 MB to read (it grew linearly: ~150 KB → ~4 GB), because every
row was widened to column XFD and kept. Now it is refused at its first such cell, with the
sheet, the cell and what to do, and nothing is written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from scoring.cli import main
from scoring.services.context import open_context
from scoring.storage import entries as entry_store
from scoring.storage.imports import list_imports
from tests.conftest import make_settings

MESSAGE = (
    "错误：“wide.xlsx”的工作表「Sheet」在单元格 XFD2 有内容，超出了 AX 列（第 50 列）。"
    "导入的表格最多读到 AX 列：请删除 AX 列右边的内容（或移到另一个文件），再重新导入。\n"
)


def wide_workbook(folder: Path, header: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for line in range(2, 3002):
        sheet.cell(row=line, column=16384, value="x")
    path = folder / "wide.xlsx"
    book.save(path)
    return path


def stored(data_dir: Path) -> tuple[int, int]:
    """(imports logged, entries) of the demo campaign."""
    ctx = open_context(make_settings(data_dir))
    try:
        return ctx.db.read(
            lambda cur: (len(list_imports(cur, 1)), len(entry_store.list_entries(cur, 1)))
        )
    finally:
        ctx.db.close()


@pytest.mark.parametrize(
    ("command", "header"),
    [
        (["views", "import"], ["作品编号", "平台", "播放量", "采集时间"]),
        (["entries", "import"], ["作品编号", "作品名称", "作品类别", "拍摄单位"]),
        (["scores", "import"], ["评委", "作品编号"]),
    ],
)
def test_a_cell_in_column_xfd_refuses_the_file_and_writes_nothing(
    demo_dir: Path, tmp_path: Path, command: list[str], header: list[str]
) -> None:
    path = wide_workbook(tmp_path, header)
    before = stored(demo_dir)
    out, err = io.StringIO(), io.StringIO()

    code = main([*command, str(path), "--data-dir", str(demo_dir)], stdout=out, stderr=err)

    assert (code, out.getvalue(), err.getvalue()) == (1, "", MESSAGE)
    assert stored(demo_dir) == before
