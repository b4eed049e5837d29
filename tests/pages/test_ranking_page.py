"""The Ranking page under AppTest."""

from __future__ import annotations

from pathlib import Path

from scoring.enums import Role
from scoring.services.context import Actor
from scoring.services.views.anomalies import neutralise_audience
from scoring.storage import campaigns as campaign_store
from tests.pages.conftest import app_context, log_in


def _open(app_env: Path):  # type: ignore[no-untyped-def]
    at = log_in("coord")
    at.switch_page("pages/coord_ranking.py").run()
    assert not at.exception
    return at


def test_ranking_table_and_shortlist(app_env: Path) -> None:
    at = _open(app_env)
    assert at.title[0].value == "排名与推荐名单"
    table = at.dataframe[0].value
    assert list(table["作品编号"])[:5] == [
        "GS-2023-002",
        "GS-2023-005",
        "GS-2023-011",
        "GS-2023-003",
        "GS-2023-009",
    ]
    assert list(table["推荐名单"])[:6] == ["★"] * 5 + [""]
    assert len(table) == 15


def test_weight_change_reorders_without_storing(app_env: Path) -> None:
    at = _open(app_env)
    at.slider(key="rk_weight").set_value(1.0).run()
    table = at.dataframe[0].value
    assert list(table["作品编号"])[:2] == ["GS-2023-002", "GS-2023-003"]
    campaign = app_context(app_env).db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None and campaign.expert_weight == 0.7


def test_fixing_the_settings_stores_them(app_env: Path) -> None:
    at = _open(app_env)
    at.slider(key="rk_weight").set_value(0.5).run()
    next(b for b in at.button if b.label == "将以上设置定为本次活动的排名设置").click().run()
    assert at.success[0].value == "已保存为本次活动的排名设置。"
    campaign = app_context(app_env).db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None and campaign.expert_weight == 0.5


def test_bad_cutoff_is_a_message_not_a_crash(app_env: Path) -> None:
    at = _open(app_env)
    at.text_input(key="rk_cutoff").input("明天").run()
    assert not at.exception
    assert at.error[0].value.startswith("截止时间“明天”无法识别")


def test_documents_tab_offers_units_and_entries_and_exports_nothing_until_clicked(
    app_env: Path,
) -> None:
    at = _open(app_env)
    units = at.selectbox(key="doc_unit")
    assert (units.label, units.options[:2]) == (
        "推荐单位",
        ["兰州市市场监督管理局", "天水市市场监督管理局"],
    )
    one = at.selectbox(key="doc_entry")
    assert one.value is None and "GS-2023-011 戈壁上的光伏板" in one.options
    one.set_value("GS-2023-011").run()
    assert not at.exception and not at.error
    logged = app_context(app_env).db.read(
        lambda c: c.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'export.shortlist'"
        ).fetchone()
    )
    assert logged == (0,)  # the page ran twice; no file was made


def test_audience_list_stands_beside_the_shortlist(app_env: Path) -> None:
    at = _open(app_env)
    blended, audience, every = (at.dataframe[i].value for i in (1, 2, 3))
    assert list(blended["作品编号"]) == list(at.dataframe[0].value["作品编号"])[:5]
    assert audience[["人气位次", "作品编号", "推荐名单", "备注"]].to_dict("records") == [
        {"人气位次": 1, "作品编号": "GS-2023-005", "推荐名单": "★", "备注": ""},
        {"人气位次": 2, "作品编号": "GS-2023-006", "推荐名单": "", "备注": "合规错误，未排名"},
        {"人气位次": 3, "作品编号": "GS-2023-009", "推荐名单": "★", "备注": ""},
        {
            "人气位次": 4,
            "作品编号": "GS-2023-008",
            "推荐名单": "",
            "备注": "首席质量官案例",
        },
        {"人气位次": 5, "作品编号": "GS-2023-002", "推荐名单": "★", "备注": ""},
    ]
    assert len(every) == 15 and list(every["人气位次"]) == list(range(1, 16))
    excluded = every[every["作品编号"] == "GS-2023-006"].iloc[0]
    assert (excluded["A"], excluded["综合名次"]) == ("—", "—")


def test_a_neutralised_entry_keeps_its_place_and_shows_why(app_env: Path) -> None:
    coord = Actor("coord", Role.COORDINATOR, 2)
    neutralise_audience(app_context(app_env), actor=coord, entry_id=5, reason="第5天起激增")
    at = _open(app_env)
    first = at.dataframe[2].value.iloc[0]
    assert (first["作品编号"], first["备注"]) == ("GS-2023-005", "已改为中位数：第5天起激增")
    detail = at.dataframe[3].value.iloc[0]
    assert detail["传播分改为中位数的原因"] == "第5天起激增"
