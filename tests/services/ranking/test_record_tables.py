"""services/ranking/_record_tables.py: the decision record's tables as printable rows."""

from __future__ import annotations

from scoring.domain.stability import SweepPoint
from scoring.services.context import Context
from scoring.services.ranking._record_tables import exclusion_rows, percent, sweep_chart, top_lines
from scoring.services.ranking.results import compute_ranking
from scoring.storage import compliance
from tests.campaign_factory import make_campaign
from tests.conftest import SHELL


def test_percent_rounds_half_up_to_a_whole_number() -> None:
    assert [percent(v) for v in (0.0, 0.125, 0.995, 1.0)] == ["0%", "13%", "100%", "100%"]


def test_top_lines_name_what_each_alternative_gains_and_loses() -> None:
    codes = {1: "A1", 2: "B1", 3: "C1"}
    tops = {"原始平均分": [1, 2], "截尾平均分": [1, 3], "空": []}
    assert top_lines(tops, [1, 2], codes) == [
        {"name": "原始平均分", "top": "A1、B1", "differs": "—"},
        {"name": "截尾平均分", "top": "A1、C1", "differs": "+C1\n−B1"},
        {"name": "空", "top": "—", "differs": "−A1\n−B1"},
    ]


def _ranked(ctx: Context) -> tuple[int, ...]:
    camp = make_campaign(ctx)
    judges = [camp.judge(n) for n in ("j1", "j2", "j3")]
    a, b, thin, bad = camp.entry("A1"), camp.entry("B1"), camp.entry("C1"), camp.entry("D1")
    for judge in judges:
        camp.card(judge, a, 9.0)
        camp.card(judge, b, 7.0)
        camp.card(judge, bad, 8.0)
    camp.card(judges[0], thin, 5.0)
    camp.compliance_error(bad)
    return camp.campaign_id, a.id, b.id


def test_exclusion_rows_say_why_each_entry_is_out(ctx: Context) -> None:
    campaign_id, _, _ = _ranked(ctx)
    result = compute_ranking(ctx, actor=SHELL, campaign_id=campaign_id)
    findings = ctx.db.read(lambda c: compliance.list_findings(c, campaign_id))
    assert exclusion_rows(result, findings, lang="en") == [
        {
            "code": "C1",
            "title": "title of C1",
            "reason": "Too few scorecards: 1, at least 3 needed",
        },
        {
            "code": "D1",
            "title": "title of D1",
            "reason": "The copyright pledge (Attachment 3) has not been received. Ask the"
            " submitter for the signed or stamped pledge, then set copyright_pledge to"
            " “submitted”.",
        },
    ]


def test_sweep_chart_joins_neighbouring_weights_into_runs(ctx: Context) -> None:
    campaign_id, a, b = _ranked(ctx)
    result = compute_ranking(ctx, actor=SHELL, campaign_id=campaign_id)
    points = [SweepPoint(weight=w / 10, top_ids=(a,) if w < 5 else (a, b)) for w in range(11)]
    chart = sweep_chart(result, points, [0.45])
    assert chart["rows"][0] == {"code": "A1", "runs": [[0.0, 1.0]]}
    ((low, high),) = chart["rows"][1]["runs"]
    assert (chart["rows"][1]["code"], round(low, 10), high) == ("B1", 0.45, 1.0)
    assert (chart["changes"], chart["current"], chart["ticks"]) == (
        [0.45],
        0.7,
        [0, 0.2, 0.4, 0.6, 0.8, 1],
    )
