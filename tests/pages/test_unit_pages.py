"""The recommending units' pages on the demo: unit1 (定西, two drafts) and unit2 (天水,
GS-2023-004/005 forwarded, one draft); and the office's table of units."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.frame.navigation import page_files_for
from pages.panels.tables import table_key
from scoring.enums import Role
from scoring.storage import entries as entry_store
from tests.pages.conftest import app_context, log_in, texts

UNIT_PAGES = [
    "unit_works.py",
    "unit_entry_form.py",
    "unit_import.py",
    "unit_forward.py",
    "unit_contact.py",
]


def entry_id(data_dir: Path, code: str) -> int:
    found = app_context(data_dir).db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, code))
    assert found is not None and found.id is not None
    return found.id


def pick(at: AppTest, data_dir: Path, code: str) -> AppTest:
    codes = list(at.dataframe[0].value["作品编号"])
    ids = [entry_id(data_dir, c) for c in codes]
    at.session_state[table_key("uw_table", ids)] = {
        "selection": {"rows": [codes.index(code)], "columns": []}
    }
    return at.run()


def states(at: AppTest) -> dict[str, str]:
    table = at.dataframe[0].value
    return dict(zip(table["作品编号"], table["状态"], strict=True))


def save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "保存").click().run()
    return at


def test_a_unit_user_has_only_the_unit_pages(app_env: Path) -> None:
    at = log_in("unit1")

    assert page_files_for(Role.UNIT) == UNIT_PAGES
    assert at.title[0].value == "本单位作品"
    for other in {*page_files_for(Role.ADMIN), *page_files_for(Role.JUDGE)}:
        with pytest.raises(ValueError):
            at.switch_page(f"pages/{other}")


def test_the_works_page_lists_the_units_own_works_and_nothing_else(app_env: Path) -> None:
    at = log_in("unit1")

    table = at.dataframe[0].value
    assert list(table["作品编号"]) == ["TJ-001", "TJ-002"]
    assert list(table["状态"]) == ["待报送", "待报送"]
    assert list(table["结论"]) == ["错误", "错误"]
    assert list(table["版权承诺书"]) == ["已上传", "未上传"]
    shown = texts(at) + table.to_string()
    assert "天水" not in shown and "GS-2023" not in shown and "兰州" not in shown
    assert "报送截止时间：" in shown and "本单位已报送 0 件，还可报送 2 件。" in shown


def test_a_work_shows_its_findings_with_what_to_fix(app_env: Path) -> None:
    at = pick(log_in("unit1"), app_env, "TJ-001")

    assert at.subheader[0].value == "TJ-001 一把秤的分量"
    assert [e.value.split("：", 1)[0] for e in at.error] == ["作品简介"]
    assert "请" in at.error[0].value  # the message says what to do
    assert "待报送：可在“登记作品”中修改后保存，检查结果随即更新。" in texts(at)


def test_register_a_work_and_see_its_findings_at_once(app_env: Path) -> None:
    at = log_in("unit1")
    at.switch_page("pages/unit_entry_form.py").run()
    assert at.text_input(key="ef__code").value == "TJ-004"
    recommender = at.text_input(key="ef__recommender")
    assert (recommender.value, recommender.disabled) == ("定西市市场监督管理局", True)
    for field, value in {
        "title": "新登记的作品",
        "producer": "定西市计量检定所",
        "completed_date": "2023-04-18",
        "phone": "13909320001",
    }.items():
        at.text_input(key=f"ef__{field}").set_value(value)

    save(at)

    assert at.success[0].value == "已新增作品 TJ-004。"
    assert at.selectbox(key="ef_pick").value == "TJ-004"
    assert at.subheader[0].value == "TJ-004 新登记的作品"
    errors = {e.value.split("：", 1)[0] for e in at.error}
    assert {"视频文件", "作品简介", "版权承诺书"} <= errors
    stored = app_context(app_env).db.read(lambda c: entry_store.get_entry_by_code(c, 1, "TJ-004"))
    assert stored is not None and (stored.unit, stored.stage.value) == (
        "定西市市场监督管理局",
        "draft",
    )


def test_mend_a_draft_and_its_error_goes(app_env: Path) -> None:
    at = log_in("unit1")
    at.switch_page("pages/unit_entry_form.py").run()
    at.selectbox(key="ef_pick").set_value("TJ-001").run()
    assert [e.value.split("：", 1)[0] for e in at.error] == ["作品简介"]

    at.text_area(key="ef_TJ-001_synopsis").input("定西计量检定员守护群众的秤。")
    save(at)

    assert at.success[0].value == "已保存作品 TJ-001 的修改。"
    assert not at.error


def test_forward_a_work_and_the_office_sees_it_arrive(app_env: Path) -> None:
    at = log_in("unit1")
    at.switch_page("pages/unit_forward.py").run()
    at.multiselect(key="fw_pick").set_value([entry_id(app_env, "TJ-001")]).run()
    assert at.checkbox(key="fw_accept")  # TJ-001 still has its error
    at.checkbox(key="fw_accept").check().run()

    at.button(key="fw_go").click().run()

    assert at.success[0].value == "已报送作品 TJ-001，省办已收到。"
    office = log_in("coord")
    assert "TJ-001" in list(office.dataframe[0].value["作品编号"])
    assert states(log_in("unit1")) == {"TJ-001": "省办已接收", "TJ-002": "待报送"}


def test_a_third_work_is_refused_on_the_page_with_the_rule(app_env: Path) -> None:
    at = log_in("unit2")
    at.switch_page("pages/unit_forward.py").run()
    assert "本单位已报送 2 件，还可报送 0 件。" in texts(at)
    at.multiselect(key="fw_pick").set_value([entry_id(app_env, "TJ-003")]).run()
    at.checkbox(key="fw_accept").check().run()

    at.button(key="fw_go").click().run()

    assert at.error[-1].value.startswith("每个推荐单位最多报送 2 件作品（通知：“从报送作品中评选1")
    assert states(log_in("unit2"))["TJ-003"] == "待报送"


def test_forwarded_works_show_their_state_never_a_score(app_env: Path) -> None:
    at = log_in("unit2")

    table = at.dataframe[0].value
    assert states(at) == {
        "GS-2023-004": "评审中",
        "GS-2023-005": "评审中",
        "TJ-003": "待报送",
    }
    assert not {"分数", "得分", "排名", "总分"} & set(table.columns)
    at = pick(at, app_env, "GS-2023-004")
    assert "已于 2023-05-18 10:00 报送省办，本单位只能查看。" in texts(at)
    assert not [b for b in at.button if b.label == "上传版权承诺书"]


def test_the_liaison_page_saves_the_units_liaison(app_env: Path) -> None:
    at = log_in("unit1")
    at.switch_page("pages/unit_contact.py").run()
    assert "本单位还没有填写联络员。" in texts(at)
    at.text_input[0].set_value("赵敏")
    at.text_input[2].set_value("科长")
    at.text_input[3].set_value("13909320001")

    at.button[0].click().run()

    assert at.success[0].value == "联络员已保存。"
    assert at.text_input[0].value == "赵敏"


def test_the_office_sees_the_table_of_units(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_units.py").run()

    table = at.dataframe[0].value
    rows = {r["推荐单位"]: r for r in table.to_dict("records")}
    assert at.title[0].value == "推荐单位"
    assert (rows["天水市市场监督管理局"]["联络员"], rows["天水市市场监督管理局"]["已报送"]) == (
        "李娜",
        2,
    )
    assert rows["定西市市场监督管理局"]["已登记"] == 2
    assert rows["定西市市场监督管理局"]["尚缺材料"] == "联络员、版权承诺书 1 件、未报送作品"
    assert len(rows) == 8  # 定西 (an account) and the seven recommenders of the demo's works


def test_the_admin_adds_a_unit_user_only_with_its_unit(app_env: Path) -> None:
    at = log_in("admin")
    at.switch_page("pages/admin_users.py").run()
    at.text_input(key="nu_name").set_value("unit3")
    at.selectbox(key="nu_role").set_value("unit")
    at.text_input(key="nu_pw1").set_value("a-long-password")
    at.text_input(key="nu_pw2").set_value("a-long-password")

    next(b for b in at.button if b.label == "新增").click().run()

    assert at.error[0].value.startswith("用户 unit3 的角色是推荐单位工作人员，必须填写所属推荐单位")


def test_the_office_records_a_liaison_from_the_units_page(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_units.py").run()
    at.selectbox(key="ul_unit").set_value("白银市市场监督管理局")
    at.text_input(key="ul_name").set_value("王芳")
    at.text_input(key="ul_mobile").set_value("13919000001")

    next(b for b in at.button if b.label == "保存联络员").click().run()

    assert at.success[0].value == "已保存白银市市场监督管理局的联络员。"
    rows = {r["推荐单位"]: r for r in at.dataframe[0].value.to_dict("records")}
    assert (rows["白银市市场监督管理局"]["联络员"], rows["白银市市场监督管理局"]["尚缺材料"]) == (
        "王芳",
        "版权承诺书 1 件",
    )
