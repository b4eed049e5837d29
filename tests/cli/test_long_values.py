"""A message that quotes a cell quotes at most 40 characters of it, then its length.

Before, ``entries import`` of a row whose synopsis was 5 000 characters long printed the
whole synopsis inside its problem line.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from scoring.cli import main

ENTRIES = Path(__file__).resolve().parents[1] / "fixtures" / "entries"
SYNOPSIS = "动画讲述" * 1250  # 5 000 characters


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def table_with_a_long_synopsis(folder: Path) -> Path:
    header, row = (ENTRIES / "good.csv").read_text("utf-8").splitlines()[:2]
    cells = row.split(",")
    cells[7] = SYNOPSIS
    path = folder / "long.csv"
    path.write_text(f"{header}\n{','.join(cells)}\n", "utf-8")
    return path


def test_a_5000_character_synopsis_is_quoted_short(demo_dir: Path, tmp_path: Path) -> None:
    table = table_with_a_long_synopsis(tmp_path)

    code, out, _ = run(["entries", "import", str(table), "--data-dir", str(demo_dir)])

    lines = out.splitlines()
    assert code == 1
    assert lines[1] == (
        f"第 2 行 · 列「作品简介」· 值「{SYNOPSIS[:40]}……」（共 5000 字）："
        "内容有 5000 个字，超过了可保存的上限 2000 个字（按去掉空白后的字数计）。"
        "常见原因是粘贴时多带了其他单元格的内容；请删减后再导入。"
    )
    assert max(len(line) for line in lines) < 200


def test_json_keeps_the_whole_value(demo_dir: Path, tmp_path: Path) -> None:
    table = table_with_a_long_synopsis(tmp_path)

    out = run(
        ["entries", "import", str(table), "--json", "--lang", "en", "--data-dir", str(demo_dir)]
    )[1]

    [problem] = json.loads(out)["problems"]
    assert problem["value"] == SYNOPSIS
    assert problem["reason"] == (
        "This cell has 5000 characters, more than the 2000 that can be stored (counted without"
        " spaces). Usually text from other cells was pasted in by mistake; shorten it and import"
        " again."
    )
