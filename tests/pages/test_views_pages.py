"""Viewing-figure import and anomaly pages under AppTest."""

from __future__ import annotations

from pathlib import Path

from scoring.services.views.anomalies import neutralised_entries
from tests.pages.conftest import app_context, log_in

GOOD = (
    "作品编号,平台,播放量,点赞数,评论数,转发数,采集时间\r\n"
    'GS-2023-001,抖音,"12,345",1.2万,35,12,2023/6/8 10:00\r\n'
    "GS-2023-002,快手,1.5万,300,20,10,2023年6月8日 10:00\r\n"
).encode("gb18030")
BAD = "作品编号,平台,播放量,采集时间\nGS-2023-999,抖音,1.2万万,2023/6/8 10:00\n".encode()


def _views_page(app_env: Path):  # type: ignore[no-untyped-def]
    at = log_in("coord")
    at.switch_page("pages/coord_views.py").run()
    assert not at.exception
    return at


def test_upload_shows_a_dry_run_then_imports_on_confirm(app_env: Path) -> None:
    at = _views_page(app_env)
    at.get("file_uploader")[0].set_value(("douyin.csv", GOOD, "text/csv")).run()
    assert [m.value for m in at.metric] == ["2", "2", "0", "0", "0"]
    assert "仅检查，未写入任何数据" in at.info[0].value
    assert "kuaishou" in at.warning[0].value  # a platform never seen before
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert at.success[0].value == "已导入“douyin.csv”。"


def test_bad_file_lists_every_problem_and_cannot_be_confirmed(app_env: Path) -> None:
    at = _views_page(app_env)
    at.get("file_uploader")[0].set_value(("bad.csv", BAD, "text/csv")).run()
    problems = at.dataframe[0].value
    assert list(problems["行"]) == ["2", "2"]
    assert list(problems["列"]) == ["作品编号", "播放量"]
    assert next(b for b in at.button if b.label == "确认导入").disabled


def test_a_file_with_every_row_wrong_lists_twenty_of_each_kind(app_env: Path) -> None:
    rows = [f"XX-{n:03d},抖音,abc{n},2023/6/8 10:00" for n in range(25)]
    data = "\n".join(["作品编号,平台,播放量,采集时间", *rows]).encode()
    at = _views_page(app_env)
    at.get("file_uploader")[0].set_value(("wrong.csv", data, "text/csv")).run()
    problems = at.dataframe[0].value
    assert len(problems) == 42
    assert list(problems["行"])[:2] == ["2", "2"]
    assert problems.iloc[-2:].values.tolist() == [
        ["…", "作品编号", "", "……另有 5 处与第 21 行「作品编号」同类的问题"],
        ["…", "播放量", "", "……另有 5 处与第 21 行「播放量」同类的问题"],
    ]


def test_anomaly_page_flags_the_planted_spike_and_neutralises(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_anomalies.py").run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "GS-2023-005 老字号的新质量" in labels
    assert any("异常增长 · 抖音" in t.value for t in at.text)
    at.text_input(key="an-reason-5").input("疑似刷量，待平台核实")
    next(b for b in at.button if b.key == "an-neutral-5").click().run()
    assert at.success[0].value == "GS-2023-005 的传播分已改为中位数。"
    assert neutralised_entries(app_context(app_env), 1) == {5}
