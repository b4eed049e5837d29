"""``python -m scoring scores import``: exit codes, the printed report, the same file
twice, ``--json`` and ``--dry-run``. Tables: tests/fixtures/scores/ (see make_scores.py);
the data folder is a copy of the seeded demo."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.cli.base import shell_actor
from scoring.domain.views import local_time_text
from scoring.services.context import open_context
from scoring.storage.imports import list_imports
from scoring.storage.scorecards import scorecard_for
from scoring.storage.users import get_user_by_name
from tests.conftest import make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scores"


def run(demo_dir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["scores", "import", *args, "--data-dir", str(demo_dir)]
    code = main(argv, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def stored(demo_dir: Path):  # type: ignore[no-untyped-def]
    ctx = open_context(make_settings(demo_dir))
    try:
        return (
            ctx.db.read(lambda c: list_imports(c, 1)),
            ctx.db.read(lambda c: scorecard_for(c, 6, 14)),
        )
    finally:
        ctx.db.close()


def test_good_file_prints_the_counts_and_exits_0(demo_dir: Path) -> None:
    assert run(demo_dir, str(FIXTURES / "good.csv")) == (
        0,
        "读取 3 行：新建 2 份评分，更新 1 份，无变化 0 份，其中标为已提交 1 份；有问题 0 行。\n"
        "已导入纸质评分“good.csv”。\n",
        "",
    )
    [record], card = stored(demo_dir)
    assert (record.kind, record.rows_read, record.rows_imported) == ("scores", 3, 3)
    assert record.username == shell_actor().name
    assert card is not None and card.source.value == "paper" and card.entered_by is None


def test_same_file_again_exits_0_and_says_nothing_changed(demo_dir: Path) -> None:
    run(demo_dir, str(FIXTURES / "good.csv"))
    [record], _ = stored(demo_dir)
    code, out, err = run(demo_dir, str(FIXTURES / "good.csv"))
    when = local_time_text(record.imported_at)
    assert (code, err) == (0, "")
    assert out == (
        f"内容完全相同的文件已于 {when} 由 {record.username} 导入（“good.csv”），"
        "本次未做任何改动。\n"
    )
    assert len(stored(demo_dir)[0]) == 1


def test_bad_file_lists_every_problem_writes_nothing_and_exits_1(demo_dir: Path) -> None:
    code, out, err = run(demo_dir, str(FIXTURES / "errors.csv"))
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert lines[:2] == [
        "读取 12 行，其中有问题 11 行。",  # no counts of done work: nothing was done
        "未写入任何数据：11 行有问题（见下）。请对照纸质评分表改正这些行后重新导入。",
    ]
    assert len(lines) == 13
    assert lines[2] == (
        "第 3 行 · 列「judge」· 值「judge9」：“judge9”不是本系统中的评委。"
        "请填写评委的用户名（如 judge1）或与“用户管理”中一致的姓名。"
    )
    assert stored(demo_dir) == ([], None)


def test_json_prints_one_report_document(demo_dir: Path) -> None:
    data = (FIXTURES / "errors.csv").read_bytes()
    code, out, _ = run(demo_dir, str(FIXTURES / "errors.csv"), "--json", "--lang", "en")
    document = json.loads(out)
    assert code == 1
    assert {k: document[k] for k in ("file", "sha256", "rows_read", "rejected", "written")} == {
        "file": "errors.csv",
        "sha256": hashlib.sha256(data).hexdigest(),
        "rows_read": 12,
        "rejected": 11,
        "written": False,
    }
    assert document["problems"][0] == {
        "line": 3,
        "column": "judge",
        "value": "judge9",
        "key": "paper.unknown_judge",
        "params": {"value": "judge9"},
        "reason": "“judge9” is not a judge of this installation. Enter the judge's user name "
        "(e.g. judge1) or their name exactly as in Users.",
    }
    assert [r["code"] for r in document["rows"]] == ["GS-2023-010"]


def test_dry_run_checks_and_writes_nothing(demo_dir: Path) -> None:
    code, out, _ = run(demo_dir, str(FIXTURES / "good_zh.xlsx"), "--dry-run")
    assert code == 0
    assert out.splitlines()[1] == "仅检查，未写入任何数据。确认无误后再正式导入。"
    assert stored(demo_dir) == ([], None)


def test_a_file_level_problem_exits_1(demo_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "scores.csv"
    bad.write_text("judge,code\njudge4,GS-2023-014\n", encoding="utf-8")
    code, out, err = run(demo_dir, str(bad))
    assert (code, out) == (1, "")
    assert err.startswith("错误：评分表缺少必需的列：生动活泼，观赏性强/lively, ")
    code, _, err = run(demo_dir, str(tmp_path / "missing.csv"))
    assert code == 1 and err.startswith(f"错误：无法读取文件 {tmp_path / 'missing.csv'}：")


def test_usage_errors_exit_2(demo_dir: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["scores", "import"], stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.code == 2


def test_by_keeps_the_coordinator_on_each_card_and_in_the_log(demo_dir: Path) -> None:
    assert run(demo_dir, str(FIXTURES / "good.csv"), "--by", "coord")[0] == 0
    [record], card = stored(demo_dir)
    ctx = open_context(make_settings(demo_dir))
    try:
        coord = ctx.db.read(lambda c: get_user_by_name(c, "coord"))
    finally:
        ctx.db.close()
    assert coord is not None and record.username == "coord"
    assert card is not None and (card.source.value, card.entered_by) == ("paper", coord.id)


@pytest.mark.parametrize("name", ["judge1", "nobody"])
def test_by_must_name_a_staff_account(demo_dir: Path, name: str) -> None:
    assert run(demo_dir, str(FIXTURES / "good.csv"), "--by", name) == (
        1,
        "",
        f"错误：--by {name}：不是已启用的协调员或管理员账号。"
        "请填写录入这些评分表的协调员或管理员的用户名（可用 user list 查看）。\n",
    )
    assert stored(demo_dir)[0] == []
