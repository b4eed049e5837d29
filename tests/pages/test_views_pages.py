"""Viewing-figure import and anomaly pages under AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from scoring.services.views.anomalies import neutralised_entries
from scoring.services.views.table_import import import_views
from tests.conftest import COORD
from tests.pages.conftest import app_context, log_in, open_page

GOOD = (
    "作品编号,平台,播放量,点赞数,评论数,转发数,采集时间\r\n"
    'GS-2023-001,抖音,"12,345",1.2万,35,12,2023/6/8 10:00\r\n'
    "GS-2023-002,快手,1.5万,300,20,10,2023年6月8日 10:00\r\n"
).encode("gb18030")
BAD = "作品编号,平台,播放量,采集时间\nGS-2023-999,抖音,1.2万万,2023/6/8 10:00\n".encode()


def _views_page(app_env: Path) -> AppTest:
    return open_page("coord", "pages/coord_views.py")


def test_upload_shows_a_dry_run_then_imports_on_confirm(app_env: Path) -> None:
    at = _views_page(app_env)
    at.get("file_uploader")[0].set_value(("douyin.csv", GOOD, "text/csv")).run()
    assert [m.value for m in at.metric] == ["2", "2", "0", "0", "0"]
    assert "仅检查，未写入任何数据" in at.info[0].value
    assert "kuaishou" in at.warning[0].value  # a platform never seen before
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert at.success[0].value == (
        "已导入“douyin.csv”：写入 2 行（其中替换 0 行），重复跳过 0 行，有问题未导入 0 行。"
    )


def test_after_the_import_only_its_outcome_and_a_fresh_start_remain(app_env: Path) -> None:
    # Reported: the check's "nothing written" note, its counts and an active 确认导入
    # stayed above the outcome.
    at = _views_page(app_env)
    at.get("file_uploader")[0].set_value(("douyin.csv", GOOD, "text/csv")).run()
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert not at.exception
    assert [i.value for i in at.info] == []
    assert not at.metric
    assert [b.label for b in at.main.button] == ["导入另一个文件"]
    assert "kuaishou" in at.warning[0].value
    assert not at.get("file_uploader")

    next(b for b in at.button if b.label == "导入另一个文件").click().run()
    assert not at.success and not at.warning
    (picker,) = at.get("file_uploader")
    assert picker.label == "选择播放数据文件"
    assert not at.metric  # a fresh picker holds no file


def test_problem_reasons_are_shown_whole(app_env: Path) -> None:
    at = _views_page(app_env)
    at.get("file_uploader")[0].set_value(("bad.csv", BAD, "text/csv")).run()
    reasons = list(at.table[0].value["问题及处理办法"])
    assert reasons[0].startswith("作品编号“GS-2023-999”")


def test_bad_file_lists_every_problem_and_cannot_be_confirmed(app_env: Path) -> None:
    at = _views_page(app_env)
    at.get("file_uploader")[0].set_value(("bad.csv", BAD, "text/csv")).run()
    problems = at.table[0].value
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
    assert any("**异常增长 · 抖音 · 2023-06-05 10\\:00**" in w.value for w in at.warning)
    at.text_input(key="an-reason-5").input("疑似刷量，待平台核实")
    next(b for b in at.button if b.key == "an-neutral-5").click().run()
    assert at.success[0].value == "GS-2023-005 的传播分已改为中位数。"
    assert neutralised_entries(app_context(app_env), 1) == {5}


def _anomalies(app_env: Path, language: str = "zh") -> list[str]:
    at = log_in("coord")
    at.session_state["language"] = language
    at.switch_page("pages/coord_anomalies.py").run()
    assert not at.exception
    return [w.value.split("  \n", 1)[1] for w in at.warning]


def test_a_spike_is_explained_in_words_with_readable_numbers(app_env: Path) -> None:
    # Reported: "稳健 z 值 279292.5" meant nothing; counts had no separators or 万.
    lines = _anomalies(app_env)
    assert lines[0] == (
        "2023-06-05 当天播放量从 64,125 增至 80.4万，增加 74万 次，增幅 1,154%；"
        "同平台作品当天增幅的中位数只有 4.5%，这件作品的增幅约是它的 255 倍。"
        "请向平台核实是否存在刷量。"
    )
    assert "播放量从 8,692 降到 6,631（上次采集：2023-06-03 10\\:00）" in lines[1]
    assert not any("z" in line for line in lines)


def test_a_spike_the_statistic_finds_only_by_a_tiny_spread_says_so(app_env: Path) -> None:
    lines = _anomalies(app_env)
    assert lines[-2].startswith(
        "2023-06-03 当天播放量从 6,124 增至 7,320，增幅 19.5%，与同平台作品当天增幅的中位数 19.5%"
        " 几乎相同。"
    )


def test_english_flags_group_digits_and_count_one_entry_right(app_env: Path) -> None:
    one_entry = (
        "作品编号,平台,播放量,采集时间\n"
        "GS-2023-001,bilibili,100,2023/6/8 10:00\n"
        "GS-2023-001,bilibili,250,2023/6/9 10:00\n"
    ).encode()
    import_views(app_context(app_env), actor=COORD, data=one_entry, file_name="b.csv")
    lines = _anomalies(app_env, "en")
    assert any(
        line.startswith("On 2023-06-05 views rose from 64,125 to 804,372, up 740,247")
        for line in lines
    )
    assert (
        "On 2023-06-09 only this entry had two captures on this platform, so there is nothing"
        " to compare its growth with. Capture more entries to judge it."
    ) in lines
    assert not any("the 1 entries" in line for line in lines)
