"""The Rules page: a widget per setting with words for labels and values, the effect of a
change on the current entries shown before saving, values checked again on the server."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from scoring.services.audit import audit_lines
from scoring.services.compliance import current_rules
from tests.conftest import SHELL
from tests.pages.conftest import app_context, log_in

RAW = re.compile(r"\b(enabled|ok|warning|error|no_audio_severity|true|false|system)\b|\[\"")
# In English the words "warning" and "error" are words; keys and JSON are still not.
RAW_EN = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(true|false|enabled)\b|\[\"")


def rules_page() -> AppTest:
    at = log_in("admin")
    at.switch_page("pages/admin_rules.py").run()
    return at


def key(rule: str, category: str, field: str, draft: int = 0, lang: str = "zh") -> str:
    return f"rl1.{draft}.{lang}-{rule}-{category or 'all'}-{field}"


def shown(at: AppTest) -> list[str]:
    """Every label, caption, option and message of the page's main area."""
    widgets = [*at.toggle, *at.radio, *at.multiselect, *at.number_input, *at.date_input]
    words = [w.label for w in widgets]
    words += [str(o) for w in [*at.radio, *at.multiselect] for o in w.options]
    words += [e.value for e in (*at.main.caption, *at.subheader, *at.text)]
    words += [e.label for e in at.expander]
    return [str(w) for w in words]


def test_every_setting_has_a_widget_and_words_not_keys(app_env: Path) -> None:
    at = rules_page()
    assert at.main.caption[0].value.startswith("当前为第 1 版，由系统于 ")
    counts = [len(at.toggle), len(at.radio), len(at.multiselect), len(at.number_input)]
    assert [*counts, len(at.date_input)] == [24, 20, 12, 18, 1]
    assert [w for w in shown(at) if RAW.search(w)] == []
    container = at.multiselect(key=key("container", "micro_video", "ok"))
    assert (container.label, container.value, container.options) == (
        "直接接受的格式",
        ["mp4"],
        ["MP4", "MOV", "其他格式"],
    )
    audio = at.radio(key=key("streams", "", "no_audio_severity"))
    assert (audio.label, audio.value, audio.options) == (
        "没有音轨时的级别",
        "warning",
        ["警告", "错误"],
    )
    assert at.number_input(key=key("aspect", "micro_video", "tolerance")).value == 1.0
    assert [b.disabled for b in at.button if b.label == "保存为新版本并重新检查"] == [True]


def test_preview_says_how_many_entries_change_before_saving(app_env: Path) -> None:
    at = rules_page()
    at.radio(key=key("recommender_load", "", "severity")).set_value("error").run()
    codes = "GS-2023-001、GS-2023-002、GS-2023-003"
    assert [w.value for w in at.warning] == [
        f"改动后：3 件作品的此项由警告变为错误（{codes}）。",
        f"改动后：3 件作品的检查结论由警告变为错误（{codes}）。",
    ]
    assert [e.value for e in at.text] == ["• 推荐单位推荐数量 · 不符合时的级别：警告 → 错误"]
    assert current_rules(app_context(app_env), actor=SHELL, campaign_id=1).version == 1

    next(b for b in at.button if b.label == "保存为新版本并重新检查").click().run()

    assert at.success[0].value == "规则已保存，全部作品已按新规则重新检查。"
    saved = current_rules(app_context(app_env), actor=SHELL, campaign_id=1)
    assert (saved.version, saved.rules["rules"]["recommender_load"]["severity"]) == (2, "error")
    line = audit_lines(app_context(app_env), actor=SHELL, lang="zh", action="rules.save")[0]
    assert line.text == (
        "admin 保存了合规规则第 2 版，并重新检查了 15 件作品。"
        "改动：推荐单位推荐数量 · 不符合时的级别 警告 → 错误。"
    )


def test_formats_sizes_and_an_unchanged_result(app_env: Path) -> None:
    at = rules_page()
    at.multiselect(key=key("container", "micro_video", "ok")).select("mov")
    at.multiselect(key=key("container", "micro_video", "warning")).unselect("mov")
    at.multiselect(key=key("resolution", "micro_animation", "sizes")).select("2560×1440").run()
    assert [e.value for e in at.text] == [
        "• 文件格式 · 微视频 · 直接接受的格式：MP4 → MP4、MOV",
        "• 文件格式 · 微视频 · 接受但给出警告的格式：MOV → —",
        "• 分辨率 · 微动漫 · 直接接受的显示尺寸（宽×高）：1920×1080、3840×2160 → "
        "1920×1080、3840×2160、2560×1440",
    ]
    assert at.info[0].value == "改动后：现有 15 件作品的检查结果都不变。"


def test_a_value_the_server_refuses_is_named_and_not_saved(app_env: Path) -> None:
    at = rules_page()
    at.number_input(key=key("duration", "micro_video", "ok_max")).set_value(75.0).run()
    assert at.error[0].value == "以下设置有问题，改正后才能保存："
    assert [e.value for e in at.text] == [
        "片长 · 微视频：三个上限须依次不减（合格 ≤ 警告 ≤ 仅限特殊情况）。"
    ]
    assert [b.disabled for b in at.button if b.label == "保存为新版本并重新检查"] == [True]
    next(b for b in at.button if b.label == "放弃修改").click().run()
    assert at.number_input(key=key("duration", "micro_video", "ok_max", draft=1)).value == 20.0


def test_english_labels_and_preview(app_env: Path) -> None:
    at = rules_page()
    at.session_state["language"] = "en"
    at.run()
    phone = at.toggle(key=key("phone", "", "enabled", lang="en"))
    assert phone.label == "Check this rule"
    phone.set_value(False).run()
    assert [e.value for e in at.text] == ["• Phone number · Check this rule: on → off"]
    assert [w for w in shown(at) if RAW_EN.search(w)] == []


def test_a_rule_saved_off_says_so_in_its_title(app_env: Path) -> None:
    at = rules_page()
    at.toggle(key=key("phone", "", "enabled")).set_value(False).run()
    assert "联系电话" in [e.label for e in at.expander]
    next(b for b in at.button if b.label == "保存为新版本并重新检查").click().run()
    assert "联系电话（已关闭）" in [e.label for e in at.expander]
