"""A table with every row wrong lists the first 20 problems of each kind and counts the rest.

Before, a 200 000-row views table with every row wrong printed all 400 000 problems (67 MB).
``--json`` still lists every one.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from scoring.cli import main

ROWS = 60


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def every_row_wrong(folder: Path) -> Path:
    lines = ["作品编号,平台,播放量,采集时间"]
    lines += [f"XX-{n:03d},抖音,abc{n},2023/6/8 10:00" for n in range(ROWS)]
    path = folder / "wrong.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_views_import_lists_twenty_of_each_kind(demo_dir: Path, tmp_path: Path) -> None:
    path = every_row_wrong(tmp_path)

    code, out, _ = run(["views", "import", str(path), "--lang", "en", "--data-dir", str(demo_dir)])

    lines = out.splitlines()
    problems = [line for line in lines if line.startswith("Row ")]
    assert code == 1
    assert len(problems) == 40
    assert problems[-1] == (
        "Row 21 · column “播放量” · value “abc19”: “abc19” is not a number."
        " Write it like 12345, 12,345, 1.2万 or 3亿."
    )
    assert lines[-2:] == [
        "... and 40 more of the same kind as row 21 · column “作品编号”, not listed"
        " (--json lists every problem).",
        "... and 40 more of the same kind as row 21 · column “播放量”, not listed"
        " (--json lists every problem).",
    ]


def test_views_import_json_keeps_every_problem(demo_dir: Path, tmp_path: Path) -> None:
    path = every_row_wrong(tmp_path)

    out = run(["views", "import", str(path), "--json", "--data-dir", str(demo_dir)])[1]

    problems = json.loads(out)["problems"]
    assert len(problems) == 2 * ROWS
    assert (problems[-1]["line"], problems[-1]["value"]) == (ROWS + 1, f"abc{ROWS - 1}")


def test_entries_import_lists_twenty_of_each_kind(demo_dir: Path, tmp_path: Path) -> None:
    header = (Path(__file__).parents[1] / "fixtures/entries/good.csv").read_text("utf-8")
    header = header.splitlines()[0]
    path = tmp_path / "entries.csv"
    rows = [f"GS-X-{n:03d},,微视频" + "," * (header.count(",") - 2) for n in range(30)]
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")

    code, out, _ = run(["entries", "import", str(path), "--data-dir", str(demo_dir)])

    lines = out.splitlines()
    assert code == 1
    assert len([line for line in lines if line.startswith("第 ")]) == 40
    assert lines[-3:-1] == [
        "……另有 10 处与第 21 行「作品名称」同类的问题未列出（加 --json 可列出全部问题）。",
        "……另有 10 处与第 21 行「拍摄单位」同类的问题未列出（加 --json 可列出全部问题）。",
    ]
    assert lines[-1] == "发现 60 处问题，本次没有写入任何内容。请按上面的说明改正后重新导入。"
