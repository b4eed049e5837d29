"""Full-width ＝ ＋ － ＠ are formulas to Excel and WPS too: refused on import, guarded on export.

A Chinese input method types ``＝HYPERLINK(…)``; before the guard normalised the first
character (NFKC) such a cell was imported as text and exported without its ``'``.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from scoring.cli import main
from scoring.services.context import Context, open_context
from scoring.storage import entries as entry_store
from tests.conftest import make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EVIL = '＝HYPERLINK("http://x","点我")'


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def entry_count(data_dir: Path) -> int:
    ctx = open_context(make_settings(data_dir))
    try:
        return len(ctx.db.read(lambda cur: entry_store.list_entries(cur, 1)))
    finally:
        ctx.db.close()


def test_entries_import_refuses_a_full_width_formula(demo_dir: Path, tmp_path: Path) -> None:
    lines = (FIXTURES / "entries" / "good.csv").read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("一碗面的标准", EVIL.replace('"', '""').join('""'))
    table = tmp_path / "evil.csv"
    table.write_text("\n".join(lines[:2]) + "\n", "utf-8")
    before = entry_count(demo_dir)

    code, out, _ = run(
        ["entries", "import", str(table), "--json", "--lang", "en", "--data-dir", str(demo_dir)]
    )

    problems = json.loads(out)["problems"]
    assert code == 1
    assert [(p["line"], p["column"], p["value"], p["key"]) for p in problems] == [
        (2, "作品名称", EVIL, "table.formula_cell")
    ]
    assert entry_count(demo_dir) == before


def test_views_import_refuses_a_full_width_formula(demo_dir: Path, tmp_path: Path) -> None:
    table = tmp_path / "views.csv"
    table.write_text(
        "作品编号,平台,播放量,采集时间\nGS-2023-001,＠SUM(A1),12,2023/6/8 10:00\n", "utf-8"
    )

    code, out, _ = run(["views", "import", str(table), "--json", "--data-dir", str(demo_dir)])

    document = json.loads(out)
    assert (code, document["written"]) == (1, False)
    assert [(p["line"], p["column"], p["key"]) for p in document["problems"]] == [
        (2, "平台", "table.formula_cell")
    ]


def test_exports_guard_a_full_width_formula(demo_ctx: Context, demo_dir: Path) -> None:
    entry = demo_ctx.db.read(lambda c: entry_store.get_entry(c, 2))
    assert entry is not None
    demo_ctx.db.write(lambda c: entry_store.update_entry(c, replace(entry, title=EVIL)))
    demo_ctx.db.close()
    folder = demo_dir.parent

    csv_code = run(["export", "ranking", str(folder / "r.csv"), "--data-dir", str(demo_dir)])[0]
    xlsx_code = run(["export", "ranking", str(folder / "r.xlsx"), "--data-dir", str(demo_dir)])[0]

    assert (csv_code, xlsx_code) == (0, 0)
    text = (folder / "r.csv").read_text("utf-8-sig")
    assert ',"\'＝HYPERLINK(""http://x"",""点我"")",' in text
    sheet = load_workbook(folder / "r.xlsx").active
    [cell] = [c for row in sheet.iter_rows() for c in row if c.value == EVIL]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
