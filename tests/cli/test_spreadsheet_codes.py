"""``entries import`` names the codes a spreadsheet would turn into numbers (issue 18 item 3):
007 shows as 7, 0012 as 12 and 1E3 as 1000 when Excel or WPS opens a CSV."""

from __future__ import annotations

import io
import json
from pathlib import Path

from scoring.cli import main

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "entries" / "good.csv"


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def table_with_codes(folder: Path, *codes: str) -> Path:
    header, *rows = GOOD.read_text("utf-8").splitlines()
    lines = [header] + [f"{code},{rows[0].split(',', 1)[1]}" for code in codes]
    path = folder / "codes.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_codes_a_spreadsheet_changes_are_named(demo_dir: Path, tmp_path: Path) -> None:
    path = table_with_codes(tmp_path, "007", "0012", "1E3", "GS-2023-101")

    code, out, _ = run(["entries", "import", str(path), "--dry-run", "--data-dir", str(demo_dir)])

    assert code == 0
    assert (
        "注意：作品编号 007, 0012, 1E3 在 Excel、WPS 等表格软件打开 CSV 时会被当成数字或日期"
        "（如 007 显示为 7，1E3 显示为 1000）。导入不受影响；"
        "导出时请选 XLSX 格式（编号保持为文本），或改用 GS-2023-001 这样的编号。"
    ) in out.splitlines()


def test_json_lists_them_too(demo_dir: Path, tmp_path: Path) -> None:
    path = table_with_codes(tmp_path, "007", "0012", "1E3", "GS-2023-101")
    args = ["entries", "import", str(path), "--dry-run", "--json", "--data-dir", str(demo_dir)]

    out = run(args)[1]

    assert json.loads(out)["spreadsheet_codes"] == ["007", "0012", "1E3"]


def test_the_readme_says_to_use_xlsx_or_codes_like_gs_2023_001() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    words = " ".join(readme.split())
    assert "use XLSX for such codes, or give entries codes like `GS-2023-001`" in words
