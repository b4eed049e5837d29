"""``entries import`` of a known code with another category: refused while the entry has
scorecards (before: exit 0, "更新：1 件", and the judges' cards sat on another work), and
written and logged with ``--allow-changing-scored``."""

from __future__ import annotations

import io
from pathlib import Path

from scoring.cli import main
from scoring.services.context import open_context
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import make_settings
from tests.services.entries.test_records import table, texts_of

REFUSED = (
    "第 2 行 · 列「作品类别」· 值「微动漫」：作品 GS-2023-002 已有 4 份评分表（评委：judge1,"
    " judge2, judge3, judge5；其中已提交 4 份），不能再改动它的作品类别或视频：评委的评分针对的是"
    "原来的作品。如确属登记错误、评分应保留在此作品上，请勾选“允许修改已评分作品的类别或视频”"
    "（命令行加 --allow-changing-scored）后重新导入，此修改会记入审计日志；"
    "否则请保留原来的类别和视频。"
)


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def changed_table(demo_dir: Path, folder: Path) -> Path:
    ctx = open_context(make_settings(demo_dir))
    try:
        data = table(texts_of(ctx, "GS-2023-002", category="微动漫"))
    finally:
        ctx.db.close()
    path = folder / "changed.csv"
    path.write_bytes(data)
    return path


def scored_changes(demo_dir: Path) -> list[str]:
    ctx = open_context(make_settings(demo_dir))
    try:
        found = ctx.db.read(lambda c: list_events(c, AuditFilter(action="entry.scored_change")))
        return [e.target for e in found]
    finally:
        ctx.db.close()


def test_a_category_change_of_a_scored_entry_exits_1(demo_dir: Path, tmp_path: Path) -> None:
    path = changed_table(demo_dir, tmp_path)

    code, out, _ = run(["entries", "import", str(path), "--data-dir", str(demo_dir)])

    assert code == 1
    assert out.splitlines() == [
        "读取：1 行",
        REFUSED,
        "发现 1 处问题，本次没有写入任何内容。请按上面的说明改正后重新导入。",
    ]
    assert scored_changes(demo_dir) == []


def test_allowed_it_is_written_and_logged(demo_dir: Path, tmp_path: Path) -> None:
    path = changed_table(demo_dir, tmp_path)
    args = ["entries", "import", str(path), "--allow-changing-scored", "--data-dir", str(demo_dir)]

    code, out, _ = run(args)

    assert code == 0
    assert "更新：1 件（GS-2023-002）" in out.splitlines()
    assert (
        "注意：以下作品已有评分表，其类别或视频将被改动，写入时记入审计日志：GS-2023-002"
        in out.splitlines()
    )
    assert scored_changes(demo_dir) == ["GS-2023-002"]
