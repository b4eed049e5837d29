"""The distinct cell texts of a views import, parsed once each (scoring.domain.view_cells)."""

from __future__ import annotations

from datetime import UTC, datetime

from scoring.domain.view_cells import CellChecks
from scoring.errors import InvalidInput

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # 17:00 in Beijing


def checks(start: datetime | None = None) -> CellChecks:
    return CellChecks({"A-1": 7}, now=NOW, start=start, zone="Asia/Shanghai")


def reasons(bad: dict[str, InvalidInput]) -> dict[str, tuple[str, dict[str, object]]]:
    return {text: (why.key, why.params) for text, why in bad.items()}


def test_codes_become_entry_ids_and_unknown_empty_or_formula_codes_are_refused() -> None:
    values, bad = checks().parse("code", ["A-1", " A-1 ", "B-2", " ", "=1+1"])
    assert values == [7, 7, None, None, None]
    assert reasons(bad) == {
        "B-2": ("views.unknown_code", {"code": "B-2"}),
        " ": ("views.code_empty", {}),
        "=1+1": ("table.formula_cell", {"value": "=1+1"}),
    }


def test_platform_names_become_codes() -> None:
    assert checks().parse("platform", ["抖音", "Douyin", "学习强国"]) == (
        ["douyin", "douyin", "学习强国"],
        {},
    )


def test_optional_counts_may_be_blank_and_views_may_not() -> None:
    likes = checks().parse("likes", ["", "1.2万", "abc"])
    views = checks().parse("views", ["", "12,345"])
    assert (likes[0], reasons(likes[1])) == (
        [None, 12000, None],
        {"abc": ("count.not_a_number", {"value": "abc"})},
    )
    assert (views[0], reasons(views[1])) == ([None, 12345], {"": ("count.empty", {})})


def test_capture_times_are_read_in_the_zone_and_checked_against_now_and_the_start() -> None:
    start = datetime(2026, 2, 1, tzinfo=UTC)
    values, bad = checks(start).parse(
        "captured_at", ["2026-03-01 10:00", "2026-03-01 18:00", "2026-01-31 08:00"]
    )
    assert values == [datetime(2026, 3, 1, 2, 0, tzinfo=UTC), None, None]
    assert reasons(bad) == {
        "2026-03-01 18:00": (
            "time.in_future",
            {"value": "2026-03-01 18:00", "now": "2026-03-01 17:00"},
        ),
        "2026-01-31 08:00": (
            "time.before_campaign",
            {"value": "2026-01-31 08:00", "start": "2026-02-01 08:00"},
        ),
    }
