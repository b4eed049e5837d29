"""The Ranking page under AppTest."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from scoring.enums import Role
from scoring.services.context import Actor
from scoring.services.views.anomalies import neutralise_audience
from scoring.storage import campaigns as campaign_store
from tests.pages.conftest import app_context, explain_first_row, open_ranking


def test_ranking_table_and_shortlist(app_env: Path) -> None:
    at = open_ranking(app_env)
    assert at.title[0].value == "排名与推荐名单"
    table = at.dataframe[0].value
    assert list(table["作品编号"])[:5] == [
        "GS-2023-002",
        "GS-2023-005",
        "GS-2023-011",
        "GS-2023-003",
        "GS-2023-009",
    ]
    assert list(table["推荐"]) == ["★"] * 5 + [""] * 4
    assert list(table["名次"]) == list(range(1, 10))


def test_weight_change_reorders_without_storing(app_env: Path) -> None:
    at = open_ranking(app_env)
    at.slider(key="rk_weight").set_value(1.0).run()
    table = at.dataframe[0].value
    assert list(table["作品编号"])[:2] == ["GS-2023-002", "GS-2023-003"]
    campaign = app_context(app_env).db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None and campaign.expert_weight == 0.7


def test_fixing_the_settings_stores_them(app_env: Path) -> None:
    at = open_ranking(app_env)
    at.slider(key="rk_weight").set_value(0.5).run()
    next(b for b in at.button if b.label == "将以上设置定为本次活动的排名设置").click().run()
    assert at.success[0].value == "已保存为本次活动的排名设置。"
    campaign = app_context(app_env).db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None and campaign.expert_weight == 0.5


def test_bad_cutoff_is_a_message_not_a_crash(app_env: Path) -> None:
    at = open_ranking(app_env)
    at.text_input(key="rk_cutoff").input("明天").run()
    assert not at.exception
    assert at.error[0].value.startswith("截止时间“明天”无法识别")


def test_documents_tab_offers_units_and_entries_and_exports_nothing_until_clicked(
    app_env: Path,
) -> None:
    at = open_ranking(app_env)
    at.session_state["rk_tab"] = "导出"
    at.run()
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
    at = open_ranking(app_env)
    ranked = list(at.dataframe[0].value["作品编号"])[:5]
    at = _tab(at, "人气作品")
    blended, audience, every = (at.dataframe[i].value for i in (0, 1, 2))
    assert list(blended["作品编号"]) == ranked
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
    at = _tab(open_ranking(app_env), "人气作品")
    first = at.dataframe[1].value.iloc[0]
    assert (first["作品编号"], first["备注"]) == ("GS-2023-005", "已改为中位数：第5天起激增")
    detail = at.dataframe[2].value.iloc[0]
    assert detail["传播分改为中位数的原因"] == "第5天起激增"


def _tab(at: AppTest, label: str) -> AppTest:
    at.session_state["rk_tab"] = label
    return at.run()


def test_score_headers_say_what_they_are(app_env: Path) -> None:
    at = open_ranking(app_env)
    table = at.dataframe[0]
    assert list(table.value.columns) == [
        "名次",
        "推荐",
        "作品编号",
        "作品名称",
        "作品类别",
        "专家分 E",
        "传播分 A",
        "综合分 F",
        "已提交评委数",
        "播放量合计",
        "进入前 N 的概率",
    ]
    helps = {k: v.get("help") for k, v in json.loads(table.proto.columns).items()}
    assert helps["专家分 E"].startswith("专家分：评委打分按所选方法汇总后换算到 0–100")
    assert helps["传播分 A"].startswith("传播分：各平台播放量合计取对数")
    assert helps["综合分 F"] == "综合分 F = w × 专家分 + (1 − w) × 传播分，按它从高到低排名。"
    assert "前 5 名" in helps["进入前 N 的概率"]


def test_cqo_entries_have_their_own_list_and_the_unranked_theirs(app_env: Path) -> None:
    at = open_ranking(app_env)
    main, cqo, others = (d.value for d in at.dataframe)
    assert "GS-2023-008" not in set(main["作品编号"])
    assert list(cqo["作品编号"]) == ["GS-2023-008"]
    assert list(cqo["名次"]) == [1]
    assert "推荐" not in cqo.columns and "进入前 N 的概率" not in cqo.columns
    assert [s.value for s in at.subheader] == ["首席质量官案例（单独排名）", "未参加排名的作品"]
    assert dict(zip(others["作品编号"], others["未排名原因"], strict=True)) == {
        "GS-2023-006": "有合规错误，未排名",
        "GS-2023-010": "有合规错误，未排名",
        "GS-2023-013": "有合规错误，未排名",
        "GS-2023-014": "评分不足，未排名",
        "GS-2023-015": "评分不足，未排名",
    }


def test_explanation_names_judges_by_display_name(app_env: Path) -> None:
    at = open_ranking(app_env)
    explain_first_row(at, app_env)
    judges = at.table[0].value
    assert list(judges["评委"]) == ["马教授", "林主任", "周研究员", "石秘书长"]


def test_leave_one_judge_out_is_shown_with_what_changes(app_env: Path) -> None:
    at = _tab(open_ranking(app_env), "结果稳定性")
    assert not at.exception
    assert at.subheader[0].value == "少一位评委或换一种算法，前 5 名会怎样"
    table = at.dataframe[0].value
    assert list(table.columns) == ["情形", "前 5 名", "与现在相比"]
    rows = table.to_dict("records")
    assert [r["情形"] for r in rows] == [
        "去掉评委 马教授",
        "去掉评委 林主任",
        "去掉评委 周研究员",
        "去掉评委 何老师",
        "去掉评委 石秘书长",
        "改用：原始平均分",
        "改用：去掉最高最低分后平均",
    ]
    same, reordered = "不变", "名单相同，顺序不同"
    assert [r["与现在相比"] for r in rows] == [same] * 3 + [reordered] * 3 + [same]
    assert rows[3]["前 5 名"] == "GS-2023-002、GS-2023-005、GS-2023-003、GS-2023-011、GS-2023-009"
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith(
            "现在的前 5 名：GS-2023-002、GS-2023-005、GS-2023-011、GS-2023-003、GS-2023-009。"
        )
        for c in captions
    )


def test_stability_charts_name_entries_and_judges_on_hover(app_env: Path) -> None:
    at = _tab(open_ranking(app_env), "结果稳定性")
    charts = {
        c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")
    }
    prob = charts["sure_prob"]["data"][0]
    assert prob["customdata"][0] == "GS-2023-002 电梯安全守护者"
    lenient = charts["sure_leniency"]["data"][0]
    assert lenient["x"] == ["马教授", "林主任", "周研究员", "何老师", "石秘书长"]
    sweep = charts["sure_sweep"]["data"]
    assert sweep[0]["customdata"][0] == "GS-2023-002 电梯安全守护者"


def test_leave_one_judge_out_names_the_entries_that_move(app_env: Path) -> None:
    at = _tab(open_ranking(app_env), "结果稳定性")
    at.slider(key="rk_weight").set_value(0.3).run()
    changes = {r["情形"]: r["与现在相比"] for r in at.dataframe[0].value.to_dict("records")}
    assert changes == {
        "去掉评委 马教授": "调出 GS-2023-004；调入 GS-2023-011",
        "去掉评委 林主任": "调出 GS-2023-004；调入 GS-2023-011",
        "去掉评委 周研究员": "调出 GS-2023-004；调入 GS-2023-011",
        "去掉评委 何老师": "不变",
        "去掉评委 石秘书长": "不变",
        "改用：原始平均分": "不变",
        "改用：去掉最高最低分后平均": "不变",
    }
    assert at.session_state["rk_tab"] == "结果稳定性"  # the weight changed, the tab stayed


def _form_button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_swap_in_offers_only_entries_outside_the_shortlist(app_env: Path) -> None:
    at = _tab(open_ranking(app_env), "推荐名单")
    pick = at.selectbox[1]
    assert pick.label == "调入哪件作品"
    assert [o.split(" ")[0] for o in pick.options] == ["6.", "7.", "8.", "9."]
    assert pick.options[0] == "6. GS-2023-004 苹果里的质量密码"
    at.get("button_group")[0].set_value("shortlist_out").run()
    out = at.selectbox[1]
    assert out.label == "调出哪件作品"
    assert [o.split(" ")[1] for o in out.options] == [
        "GS-2023-002",
        "GS-2023-005",
        "GS-2023-011",
        "GS-2023-003",
        "GS-2023-009",
    ]


def test_a_swap_keeps_the_tab_and_empties_the_form(app_env: Path) -> None:
    at = _tab(open_ranking(app_env), "推荐名单")
    at.selectbox[1].set_value(at.selectbox[1].options[0])
    at.text_input[1].input("本地传播效果突出，经评审组讨论调入")
    _form_button(at, "确认调整").click().run()

    assert not at.exception and not at.error
    assert at.session_state["rk_tab"] == "推荐名单"
    assert at.success[0].value == "已将 GS-2023-004 调入推荐名单。"
    assert at.text_input[1].value == ""  # the reason box starts empty again
    assert at.selectbox[1].value is None
    listed = at.table[0].value.to_dict("records")
    assert listed[5]["作品编号"] == "GS-2023-004"
    assert listed[5]["入选依据"] == "人工调入：本地传播效果突出，经评审组讨论调入"
    assert "GS-2023-004" not in [o.split(" ")[1] for o in at.selectbox[1].options]
    assert at.selectbox[2].options == ["GS-2023-004 · 调入 · 本地传播效果突出，经评审组讨论调入"]


def test_a_refused_swap_keeps_what_was_typed(app_env: Path) -> None:
    at = _tab(open_ranking(app_env), "推荐名单")
    at.selectbox[1].set_value(at.selectbox[1].options[0])
    _form_button(at, "确认调整").click().run()
    assert at.error[0].value.startswith("请填写原因")
    assert at.session_state["rk_tab"] == "推荐名单"
    assert at.selectbox[1].value.code == "GS-2023-004"


def test_empty_lists_say_so_in_chinese(app_env: Path) -> None:
    at = _tab(open_ranking(app_env), "推荐名单")
    undo = at.selectbox[2]
    assert (undo.options, undo.proto.placeholder) == ([], "目前没有人工调整")
    assert at.selectbox[1].proto.placeholder == "请选择"
