"""``python -m scoring views import``: exit codes, the printed report, --json, --skip-bad.

The tables are tests/fixtures/views/ (see make_views.py); the data folder is a copy of the
seeded demo, whose stored snapshots are on douyin and samr only.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scoring.cli import main
from scoring.cli.base import shell_actor
from scoring.domain.views import local_time_text
from scoring.services.context import open_context
from scoring.storage.imports import list_imports
from tests.conftest import make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "views"
ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """A private copy of the fixture tables (the CLI writes beside its input)."""
    folder = tmp_path / "tables"
    shutil.copytree(FIXTURES, folder)
    return folder


def views_import(demo_dir: Path, path: Path, *flags: str) -> tuple[int, str, str]:
    return run(["views", "import", str(path), *flags, "--data-dir", str(demo_dir)])


def stored_imports(demo_dir: Path) -> int:
    ctx = open_context(make_settings(demo_dir))
    try:
        return len(ctx.db.read(lambda c: list_imports(c, 1)))
    finally:
        ctx.db.close()


def test_good_file_prints_the_counts_and_exits_0(demo_dir: Path, tables: Path) -> None:
    assert views_import(demo_dir, tables / "good.csv") == (
        0,
        "读取：3 行\n"
        "导入：3 行\n"
        "完全重复（已跳过）：0 行\n"
        "替换已有数据：0 行\n"
        "有问题：0 行\n"
        "本届首次出现的平台：kuaishou。请确认平台名称没有写错。\n"
        "已导入“good.csv”。\n",
        "",
    )
    assert stored_imports(demo_dir) == 1


def test_rejected_file_prints_every_problem_and_exits_1(demo_dir: Path, tables: Path) -> None:
    code, out, err = views_import(demo_dir, tables / "errors.csv")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "读取：5 行",
        "有问题：4 行",  # a refused run shows no counts of done work
        "未写入任何数据：4 行有问题（见下）。请改正后重新导入，"
        "或选择“跳过有问题的行”（命令行加 --skip-bad）只导入没有问题的行。",
        "第 3 行 · 列「作品编号」· 值「GS-2023-999」："
        "作品编号“GS-2023-999”不是本届活动的作品。请核对编号（如 GS-2023-001），或先导入该作品。",
        "第 4 行 · 列「播放量」· 值「-5」：“-5”是负数，次数不能小于 0。请填写平台显示的数值。",
        "第 5 行 · 列「播放量」· 值「abc」："
        "“abc”不是数字。请填写如 12345、12,345、1.2万 或 3亿 这样的数。",
        '第 6 行 · 列「作品编号」· 值「=HYPERLINK("http://x")」：'
        '“=HYPERLINK("http://x")”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。'
        "请填写公式的计算结果，而不是公式本身。",
    ]
    assert stored_imports(demo_dir) == 0
    assert not (tables / "errors.rejected.csv").exists()


def test_json_is_printed_for_a_rejected_file_too(demo_dir: Path, tables: Path) -> None:
    code, out, _ = views_import(demo_dir, tables / "errors.csv", "--json", "--lang", "en")
    document = json.loads(out)
    assert code == 1
    assert {k: document[k] for k in ("rows_read", "imported", "rejected", "written")} == {
        "rows_read": 5,
        "imported": 1,
        "rejected": 4,
        "written": False,
    }
    assert document["rejected_file"] is None
    assert [(p["line"], p["column"], p["value"], p["key"]) for p in document["problems"]] == [
        (3, "作品编号", "GS-2023-999", "views.unknown_code"),
        (4, "播放量", "-5", "count.negative"),
        (5, "播放量", "abc", "count.not_a_number"),
        (6, "作品编号", '=HYPERLINK("http://x")', "table.formula_cell"),
    ]
    assert document["problems"][1]["reason"] == (
        "“-5” is negative; a count cannot be below 0. Enter the figure the platform shows."
    )


def test_skip_bad_saves_the_rejected_rows_beside_the_input(demo_dir: Path, tables: Path) -> None:
    code, out, _ = views_import(demo_dir, tables / "errors.csv", "--skip-bad")
    saved = tables / "errors.rejected.csv"
    assert code == 0
    assert out.splitlines()[5:7] == [
        "已导入“errors.csv”。",
        f"有问题的 4 行已保存到 {saved}：改正其中的数据后可直接导入该文件。",
    ]
    text = saved.read_bytes().decode("utf-8")
    assert text.splitlines()[:3] == [
        "\ufeff作品编号,平台,播放量,点赞数,评论数,转发数·分享数,采集时间,"
        "原行号/line,问题列/column,问题值/value,问题/problem",
        "GS-2023-999,抖音,100,1,1,1,2023/6/8 10:00,3,作品编号,GS-2023-999,"
        "作品编号“GS-2023-999”不是本届活动的作品。请核对编号（如 GS-2023-001），或先导入该作品。",
        "GS-2023-005,抖音,'-5,1,1,1,2023/6/8 10:00,4,播放量,'-5,"
        "“-5”是负数，次数不能小于 0。请填写平台显示的数值。",
    ]
    assert len(text.splitlines()) == 5
    assert stored_imports(demo_dir) == 1


def test_skip_bad_json_names_the_saved_file(demo_dir: Path, tables: Path) -> None:
    code, out, _ = views_import(demo_dir, tables / "errors.csv", "--skip-bad", "--json")
    assert (code, json.loads(out)["rejected_file"]) == (0, str(tables / "errors.rejected.csv"))


def test_same_file_again_says_so_and_exits_0(demo_dir: Path, tables: Path) -> None:
    views_import(demo_dir, tables / "good.csv")
    ctx = open_context(make_settings(demo_dir))
    first = ctx.db.read(lambda c: list_imports(c, 1))[0]
    ctx.db.close()
    shutil.copy(tables / "good.csv", tables / "again.csv")
    code, out, _ = views_import(demo_dir, tables / "again.csv", "--replace")
    when = local_time_text(first.imported_at)
    assert (code, out) == (
        0,
        f"内容完全相同的文件已于 {when} 由 {shell_actor().name} 导入"
        "（“good.csv”，导入 3 行），本次未做任何改动。\n",
    )
    assert stored_imports(demo_dir) == 1


def test_dry_run_writes_nothing(demo_dir: Path, tables: Path) -> None:
    code, out, _ = views_import(demo_dir, tables / "good.xlsx", "--dry-run", "--lang", "en")
    assert code == 0
    assert (
        out.splitlines()[-1]
        == "Checked only; nothing was written. Import for real once this looks right."
    )
    assert stored_imports(demo_dir) == 0


def test_replace_prints_the_replaced_count(demo_dir: Path, tables: Path) -> None:
    path = tables / "fix.csv"
    path.write_text(
        "作品编号,平台,播放量,采集时间\nGS-2023-001,抖音,3200,2023/6/7 10:00\n", "utf-8"
    )
    assert views_import(demo_dir, path)[0] == 1
    code, out, _ = views_import(demo_dir, path, "--replace", "--lang", "en")
    assert (code, out.splitlines()[1:4]) == (
        0,
        ["Imported: 1", "Exact duplicates (skipped): 0", "Replaced stored figures: 1"],
    )


def test_missing_file_exit_1(demo_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    assert views_import(demo_dir, missing, "--lang", "en") == (
        1,
        "",
        f"Error: Cannot read the file {missing}: No such file or directory."
        " Check the path and the permissions.\n",
    )


def test_file_level_problem_exit_1(demo_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert views_import(demo_dir, path, "--lang", "en") == (
        1,
        "",
        "Error: The file “empty.csv” is empty (0 bytes). Export the table again and upload it.\n",
    )


def test_usage_errors_exit_2(demo_dir: Path) -> None:
    for args in (["views", "import"], ["views", "import", "x.csv", "--frobnicate"], ["views"]):
        with pytest.raises(SystemExit) as caught:
            run(args)
        assert caught.value.code == 2


def test_import_while_the_app_holds_the_database_exit_1(demo_dir: Path) -> None:
    holder = duckdb.connect(str(demo_dir / "jurydesk.duckdb"))  # stands in for the running app
    try:
        args = ["views", "import", str(FIXTURES / "good.csv"), "--data-dir", str(demo_dir)]
        result = subprocess.run(
            [sys.executable, "-m", "scoring", *args, "--lang", "en"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
    finally:
        holder.close()
    assert (result.returncode, result.stdout) == (1, "")
    assert f"is held by another process (PID {os.getpid()}:" in result.stderr
    assert stored_imports(demo_dir) == 0
