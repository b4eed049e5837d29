"""Importing tables of paper score sheets through the service: all or nothing, every
problem with its message, the same file twice, history and audit, and the ranking. The
tables are tests/fixtures/scores/ (see make_scores.py)."""

from __future__ import annotations

import hashlib

import pytest

from scoring.enums import RankStatus, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput
from scoring.services.context import Context
from scoring.services.judging.paper_import import import_scores
from scoring.services.ranking.results import compute_ranking
from scoring.storage.scorecards import list_scorecard_changes
from tests.services.judging.test_paper import (
    ALL_SEVEN,
    COORD,
    FIXTURES,
    JUDGE4,
    JUDGE5,
    card,
    checksums,
    events,
    load,
    zh,
)

# good.csv: three sheets, two new cards and one changed draft, one of them submitted.
GOOD_COUNTS = {
    "rows_read": 3,
    "new": 2,
    "updated": 1,
    "unchanged": 0,
    "submitted": 1,
    "rejected": 0,
}


def test_import_stores_paper_cards_with_who_entered_them(demo_ctx: Context) -> None:
    report = load(demo_ctx, "good.csv")
    assert report.counts() == GOOD_COUNTS
    assert (report.accepted, report.written) == (True, True)
    stored = card(demo_ctx, JUDGE4, 14)
    assert stored.source is ScorecardSource.PAPER
    assert stored.status is ScorecardStatus.SUBMITTED
    assert (stored.entered_by, stored.watch_share, stored.watch_ranges) == (2, None, None)
    assert stored.marks == {
        "lively": 8.0,
        "inspiring": 7.5,
        "not_advert": 7.0,
        "theme": 9.0,
        "clarity": 8.5,
        "original": 6.0,
    }
    assert stored.comment == "节奏明快，故事完整。"
    draft = card(demo_ctx, JUDGE4, 12)
    assert (draft.status, draft.marks) == (
        ScorecardStatus.DRAFT,
        {"lively": 6.5, "inspiring": 7.0},
    )


def test_import_keeps_a_history_line_for_every_field(demo_ctx: Context) -> None:
    load(demo_ctx, "good.csv")
    stored = card(demo_ctx, JUDGE4, 14)
    changes = demo_ctx.db.read(lambda c: list_scorecard_changes(c, stored.id))
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("source", None, "paper"),
        ("lively", None, "8.0"),
        ("inspiring", None, "7.5"),
        ("not_advert", None, "7.0"),
        ("theme", None, "9.0"),
        ("clarity", None, "8.5"),
        ("original", None, "6.0"),
        ("comment", "", "节奏明快，故事完整。"),
        ("status", "draft", "submitted"),
    ]
    assert {c.changed_by for c in changes} == {"coord"}


def test_import_takes_over_an_app_draft_without_its_watch_coverage(demo_ctx: Context) -> None:
    before = card(demo_ctx, JUDGE5, 4)
    assert (before.source, before.watch_share) == (ScorecardSource.APP, 0.4)
    load(demo_ctx, "good.csv")
    after = card(demo_ctx, JUDGE5, 4)
    assert (after.source, after.entered_by, after.watch_share) == (ScorecardSource.PAPER, 2, None)
    assert (after.status, after.marks, after.comment) == (
        ScorecardStatus.DRAFT,
        ALL_SEVEN,
        "纸质稿",
    )
    changes = demo_ctx.db.read(lambda c: list_scorecard_changes(c, after.id))
    expected = [("source", "app", "paper"), ("watch_share", "0.4", None)]
    expected += [
        (k, None if before.marks.get(k) is None else str(before.marks[k]), "7.0")
        for k in ALL_SEVEN
        if before.marks.get(k) != 7.0
    ]
    expected.append(("comment", "", "纸质稿"))
    assert [(c.field, c.old_value, c.new_value) for c in changes] == expected


def test_import_writes_one_audit_line_per_card_and_one_for_the_file(demo_ctx: Context) -> None:
    data = (FIXTURES / "good.csv").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    load(demo_ctx, "good.csv")
    [line] = events(demo_ctx, "scores.import")
    assert (line.actor, line.target) == ("coord", "good.csv")
    assert {k: v for k, v in line.details.items() if k != "import_id"} == {
        "sha256": digest,
        **GOOD_COUNTS,
    }
    cards = sorted(events(demo_ctx, "score.paper"), key=lambda e: e.target)
    assert [(e.target, e.details["judge"], e.details["submitted"]) for e in cards] == [
        ("GS-2023-004", "judge5", False),
        ("GS-2023-012", "judge4", False),
        ("GS-2023-014", "judge4", True),
    ]
    assert {(e.details["via"], e.details["sha256"]) for e in cards} == {("import", digest)}


def test_same_file_again_changes_nothing_and_says_so(demo_ctx: Context) -> None:
    load(demo_ctx, "good.csv")
    before = checksums(demo_ctx)
    again = load(demo_ctx, "good.csv")
    assert again.already_imported is not None
    assert (again.already_imported.file_name, again.already_imported.username) == (
        "good.csv",
        "coord",
    )
    assert (again.accepted, again.written) == (False, False)
    assert checksums(demo_ctx) == before


def test_the_same_sheets_in_another_file_are_unchanged(demo_ctx: Context) -> None:
    load(demo_ctx, "good.csv")
    before = {t: v for t, v in checksums(demo_ctx).items() if t not in ("imports", "audit_log")}
    report = load(demo_ctx, "good_zh.csv")  # other bytes, same cards
    assert report.counts()["unchanged"] == 3
    assert report.counts()["new"] + report.counts()["updated"] == 0
    after = {t: v for t, v in checksums(demo_ctx).items() if t not in ("imports", "audit_log")}
    assert after == before


@pytest.mark.parametrize("name", ["good_zh.csv", "good_zh.xlsx"])
def test_chinese_headers_and_judge_names_import_alike(demo_ctx: Context, name: str) -> None:
    report = load(demo_ctx, name)
    assert report.written
    assert [(r.judge, r.code, r.outcome) for r in report.check.rows] == [
        ("judge4", "GS-2023-014", "new"),
        ("judge4", "GS-2023-012", "new"),
        ("judge5", "GS-2023-004", "update"),
    ]
    assert card(demo_ctx, JUDGE4, 14).marks["inspiring"] == 7.5


ERRORS = [
    (
        3,
        "judge",
        "judge9",
        "“judge9”不是本系统中的评委。请填写评委的用户名（如 judge1）或与“用户管理”中一致的姓名。",
    ),
    (
        4,
        "code",
        "GS-2023-999",
        "作品编号“GS-2023-999”不是本届活动的作品。请对照纸质评分表核对编号（如 GS-2023-001）。",
    ),
    (
        5,
        "code",
        "GS-2023-006",
        "评委 judge5 与作品 GS-2023-006 的出品、报送或推荐单位是同一单位，须回避；"
        "纸质评分同样不能录入。"
        "请核对评委和作品编号，这张评分表不应计入。",
    ),
    (
        6,
        "code",
        "GS-2023-001",
        "评委 judge1 对作品 GS-2023-001 的评分已提交并锁定，不能用纸质评分覆盖。"
        "如确需更改，请先在“评审进度”页退回这份评分（须填写原因），再重新录入。",
    ),
    (7, "lively", "10.5", "“lively”的分数 10.5 超出范围，分数应在 0–10 之间。"),
    (
        8,
        "inspiring",
        "7.3",
        "“inspiring”的分数 7.3 不是 0.5 的整数倍，请输入如 7、7.5、8 这样的分数。",
    ),
    (9, "lively", "八", "“lively”的分数“八”不是数字，请输入 0–10 之间的分数。"),
    (
        10,
        "clarity",
        "",
        "本行“已提交”为“是”，但这一项没有分数。请按纸质评分表补上分数，或把“已提交”改为“否”，先作为草稿录入。",
    ),
    (
        11,
        "code",
        "GS-2023-010",
        "第 2 行已经是评委 judge4 对作品 GS-2023-010 的评分；同一评委对同一作品只能有一行。"
        "请删除多余的那一行。",
    ),
    (
        12,
        "comment",
        '=HYPERLINK("http://x")',
        '“=HYPERLINK("http://x")”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。'
        "请填写公式的计算结果，而不是公式本身。",
    ),
    (
        13,
        "submitted",
        "也许",
        "“也许”不是“是”或“否”。“已提交”一栏请填写 是/否（或 yes/no、1/0）；"
        "留空按“否”（草稿）处理。",
    ),
]


def test_every_bad_row_is_listed_with_its_message(demo_ctx: Context) -> None:
    report = load(demo_ctx, "errors.csv")
    found = [(p.line, p.column, p.value, zh(p)) for p in report.check.problems]
    assert found == ERRORS
    assert report.counts()["rejected"] == 11
    assert (report.accepted, report.written) == (False, False)


def test_a_bad_file_writes_nothing_at_all(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    load(demo_ctx, "errors.csv")
    assert checksums(demo_ctx) == before
    assert card(demo_ctx, JUDGE4, 10) is None  # row 2 was good, and is not written either


def test_dry_run_writes_nothing(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    report = load(demo_ctx, "good.csv", dry_run=True)
    assert (report.accepted, report.written) == (True, False)
    assert checksums(demo_ctx) == before


def test_a_missing_column_refuses_the_file(demo_ctx: Context) -> None:
    data = "judge,code,lively,submitted\njudge4,GS-2023-014,8,否\n".encode()
    with pytest.raises(InvalidInput) as caught:
        import_scores(demo_ctx, actor=COORD, data=data, file_name="short.csv")
    assert caught.value.message("zh") == (
        "评分表缺少必需的列：启发性、感染力/inspiring, "
        "不像广告推介、工作总结、呆板说教/not_advert, "
        "主题鲜明、导向正确，讲好质量故事/theme, 画面清晰、制作精良/clarity, 原创首发/original。"
        "可用的列名为：评委/judge, 作品编号/code, 生动活泼，观赏性强/lively, "
        "启发性、感染力/inspiring, "
        "不像广告推介、工作总结、呆板说教/not_advert, 主题鲜明、导向正确，讲好质量故事/theme, "
        "画面清晰、制作精良/clarity, 原创首发/original, 评语/comment, 已提交/submitted。"
        "每个评分项都要有一列（草稿可以留空），请补上这些列。"
    )


def test_a_paper_card_counts_in_the_ranking(demo_ctx: Context) -> None:
    def entry_14():  # type: ignore[no-untyped-def]
        result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
        ranking = result.ranking
        return next(e for e in (*ranking.main, *ranking.others) if e.code == "GS-2023-014")

    before = entry_14()
    assert (before.judges, before.status) == (2, RankStatus.INCOMPLETE)
    load(demo_ctx, "good.csv")
    after = entry_14()
    assert (after.judges, after.status) == (3, RankStatus.RANKED)
    assert after.judge_totals[JUDGE4] == pytest.approx(
        (25 * 8 + 20 * 7.5 + 20 * 7 + 15 * 9 + 10 * 8.5 + 10 * 6) / 100  # 7.7
    )
