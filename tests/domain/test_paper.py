"""Paper score-sheet rows, checked without a database: every cell problem of a row, the
judge × entry rules and what storing a row would do to a card."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.domain.paper import PaperRow, SheetFacts, card_outcome, check_score_rows
from scoring.domain.paper_cells import (
    JudgeRef,
    find_judge,
)
from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.enums import ConflictKind, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput
from scoring.i18n import translate
from scoring.records.judging import Criterion, Scorecard
from scoring.tables.reading import TableRow

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CRITERIA = [
    Criterion(
        campaign_id=1,
        key=s.key,
        position=i,
        name_zh=s.name_zh,
        name_en=s.name_en,
        weight=s.weight,
    )
    for i, s in enumerate(DEFAULT_RUBRIC)
]
KEYS = [c.key for c in CRITERIA]
HEADERS = ["judge", "code", *KEYS, "comment", "submitted"]
COLUMNS = {h: h for h in HEADERS}
FULL = dict.fromkeys(KEYS, 8.0)


def submitted_card(judge_id: int, entry_id: int, marks: dict[str, float]) -> Scorecard:
    return Scorecard(
        id=entry_id * 100 + judge_id,
        campaign_id=1,
        judge_id=judge_id,
        entry_id=entry_id,
        status=ScorecardStatus.SUBMITTED,
        comment="好",
        created_at=T0,
        updated_at=T0,
        marks=marks,
    )


# judge1 (11) may score 1–3 and has submitted 2; judge2 (12) may score 1–2 and shares a unit
# with 3; judge3 (13) was assigned 1–2 and recused from 2. Two judges share a display name.
FACTS = SheetFacts(
    criteria=CRITERIA,
    judges=[
        JudgeRef(user_id=11, username="judge1", display_name="马教授"),
        JudgeRef(user_id=12, username="judge2", display_name="王老师"),
        JudgeRef(user_id=13, username="judge3", display_name="王老师"),
    ],
    entries={"GS-2023-001": 1, "GS-2023-002": 2, "GS-2023-003": 3},
    assigned=frozenset({(11, 1), (11, 2), (11, 3), (12, 1), (12, 2), (13, 1), (13, 2)}),
    conflicts={(12, 3): ConflictKind.UNIT, (13, 2): ConflictKind.RECUSAL},
    cards={(11, 2): submitted_card(11, 2, FULL)},
)


def row(line: int, judge: str, code: str, marks: list[str], comment: str, submitted: str):  # type: ignore[no-untyped-def]
    return TableRow(
        line, dict(zip(HEADERS, [judge, code, *marks, comment, submitted], strict=True))
    )


def problems(*rows: TableRow) -> list[tuple[int, str, str, str]]:
    check = check_score_rows(rows, columns=COLUMNS, facts=FACTS)
    return [(p.line, p.column, p.value, translate(p.key, "zh", **p.params)) for p in check.problems]


EIGHTS = ["8"] * 6


def test_a_good_row_becomes_a_paper_row() -> None:
    check = check_score_rows(
        [row(2, "Judge1", "gs-2023-001", ["8", "7.5", "７．５", "9分", "", "10"], "好", "否")],
        columns=COLUMNS,
        facts=FACTS,
    )
    assert check.problems == ()
    assert check.rows == (
        PaperRow(
            line=2,
            judge_id=11,
            judge="judge1",
            entry_id=1,
            code="GS-2023-001",
            marks={
                "lively": 8.0,
                "inspiring": 7.5,
                "not_advert": 7.5,
                "theme": 9.0,
                "clarity": None,
                "original": 10.0,
            },
            comment="好",
            submitted=False,
            outcome="new",
        ),
    )


def test_a_judge_may_be_named_by_a_unique_display_name() -> None:
    assert find_judge("马教授", FACTS.judges).user_id == 11
    with pytest.raises(InvalidInput) as caught:
        find_judge("王老师", FACTS.judges)
    assert caught.value.message("zh") == (
        "有不止一位评委叫“王老师”（用户名：judge2, judge3）。请改填用户名，以确定是哪一位。"
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            ("", "GS-2023-001", EIGHTS, "", "否"),
            [(2, "judge", "", "此处必须填写评委的用户名（如 judge1）或姓名。")],
        ),
        (
            ("judge1", "", EIGHTS, "", "否"),
            [(2, "code", "", "此处必须填写作品编号（如 GS-2023-001）。")],
        ),
        (
            ("judge1", "GS-2023-001", ["-1", "10.5", "7.3", "abc", "=1+1", "8"], "", "否"),
            [
                (2, "lively", "-1", "“lively”的分数 -1 超出范围，分数应在 0–10 之间。"),
                (2, "inspiring", "10.5", "“inspiring”的分数 10.5 超出范围，分数应在 0–10 之间。"),
                (
                    2,
                    "not_advert",
                    "7.3",
                    "“not_advert”的分数 7.3 不是 0.5 的整数倍，请输入如 7、7.5、8 这样的分数。",
                ),
                (2, "theme", "abc", "“theme”的分数“abc”不是数字，请输入 0–10 之间的分数。"),
                (
                    2,
                    "clarity",
                    "=1+1",
                    "“=1+1”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。"
                    "请填写公式的计算结果，而不是公式本身。",
                ),
            ],
        ),
        (
            ("@judge1", "GS-2023-001", EIGHTS, "+好", "否"),
            [
                (
                    2,
                    "judge",
                    "@judge1",
                    "“@judge1”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。"
                    "请填写公式的计算结果，而不是公式本身。",
                ),
                (
                    2,
                    "comment",
                    "+好",
                    "“+好”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。"
                    "请填写公式的计算结果，而不是公式本身。",
                ),
            ],
        ),
        (
            ("judge1", "GS-2023-001", ["8", "", "8", "8", "", "8"], "", "是"),
            [
                (
                    2,
                    "inspiring",
                    "",
                    "本行“已提交”为“是”，但这一项没有分数。"
                    "请按纸质评分表补上分数，或把“已提交”改为“否”，先作为草稿录入。",
                ),
                (
                    2,
                    "clarity",
                    "",
                    "本行“已提交”为“是”，但这一项没有分数。"
                    "请按纸质评分表补上分数，或把“已提交”改为“否”，先作为草稿录入。",
                ),
            ],
        ),
        (
            ("judge3", "GS-2023-003", EIGHTS, "", "否"),
            [
                (
                    2,
                    "code",
                    "GS-2023-003",
                    "评委 judge3 没有被分配评审作品 GS-2023-003，不能为其录入评分。"
                    "请核对评委和作品编号；如确应由该评委评审，请先在“评审分配”中分配。",
                )
            ],
        ),
        (
            ("judge3", "GS-2023-002", EIGHTS, "", "否"),
            [
                (
                    2,
                    "code",
                    "GS-2023-002",
                    "评委 judge3 已声明对作品 GS-2023-002 回避；纸质评分同样不能录入。"
                    "请核对评委和作品编号，这张评分表不应计入。",
                )
            ],
        ),
        (
            ("judge2", "GS-2023-003", EIGHTS, "", "否"),
            [
                (
                    2,
                    "code",
                    "GS-2023-003",
                    "评委 judge2 与作品 GS-2023-003 的出品、报送或推荐单位是同一单位，须回避；"
                    "纸质评分同样不能录入。请核对评委和作品编号，这张评分表不应计入。",
                )
            ],
        ),
        (
            ("judge1", "GS-2023-002", ["7", *EIGHTS[1:]], "好", "是"),
            [
                (
                    2,
                    "code",
                    "GS-2023-002",
                    "评委 judge1 对作品 GS-2023-002 的评分已提交并锁定，不能用纸质评分覆盖。"
                    "如确需更改，请先在“评审进度”页退回这份评分（须填写原因），再重新录入。",
                )
            ],
        ),
    ],
)
def test_each_bad_cell_is_named_with_what_to_do(
    cells: tuple[str, str, list[str], str, str], expected: list[tuple[int, str, str, str]]
) -> None:
    judge, code, marks, comment, submitted = cells
    assert problems(row(2, judge, code, marks, comment, submitted)) == expected


def test_every_row_problem_is_kept_not_just_the_first() -> None:
    found = problems(
        row(2, "judge9", "GS-2023-009", EIGHTS, "", "也许"),
        row(3, "judge1", "GS-2023-001", EIGHTS, "", "是"),
        row(4, "judge1", "GS-2023-001", EIGHTS, "", "是"),
    )
    assert [(line, column) for line, column, _, _ in found] == [
        (2, "judge"),
        (2, "code"),
        (2, "submitted"),
        (4, "code"),
    ]
    assert found[3][3] == (
        "第 3 行已经是评委 judge1 对作品 GS-2023-001 的评分；同一评委对同一作品只能有一行。"
        "请删除多余的那一行。"
    )


def test_outcome_compares_the_row_with_the_stored_card() -> None:
    draft = Scorecard(
        id=1,
        campaign_id=1,
        judge_id=11,
        entry_id=1,
        source=ScorecardSource.PAPER,
        comment="好",
        created_at=T0,
        updated_at=T0,
        marks={"lively": 8.0},
    )
    same = {"lively": 8.0, "theme": None}
    args = {"judge": "judge1", "code": "GS-2023-001"}
    assert card_outcome(None, marks=same, comment="", submitted=False, **args) == "new"
    assert card_outcome(draft, marks=same, comment="好", submitted=False, **args) == "unchanged"
    assert card_outcome(draft, marks=same, comment=None, submitted=False, **args) == "unchanged"
    assert card_outcome(draft, marks=same, comment="好", submitted=True, **args) == "update"
    assert card_outcome(draft, marks={"lively": 7.5}, comment="好", submitted=False, **args) == (
        "update"
    )
    app_draft = Scorecard(**{**draft.__dict__, "source": ScorecardSource.APP})
    assert card_outcome(app_draft, marks=same, comment="好", submitted=False, **args) == "update"
    locked = submitted_card(11, 2, FULL)
    assert card_outcome(locked, marks=FULL, comment="好", submitted=True, **args) == "unchanged"
    with pytest.raises(InvalidInput):
        card_outcome(locked, marks=FULL, comment="好", submitted=False, **args)
