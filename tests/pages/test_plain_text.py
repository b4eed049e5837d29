"""Text typed by people is shown as text: no HTML, no Markdown, no script."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pages.frame.runtime import plain
from scoring.storage import entries as entry_store
from tests.pages.conftest import app_context, log_in

EVIL = "<script>alert(1)</script> **粗体** [链接](http://x) :material/home:"


def test_plain_escapes_what_markdown_would_format() -> None:
    assert plain(EVIL) == (
        "\\<script\\>alert(1)\\</script\\> \\*\\*粗体\\*\\* \\[链接\\](http\\://x) "
        "\\:material/home\\:"
    )
    assert plain("1. 第一") == "1\\. 第一"
    assert plain("- 列表") == "\\- 列表"
    assert plain("GS-2023-001 质量") == "GS-2023-001 质量"


def test_an_entry_title_with_markup_is_shown_escaped_to_the_judge(app_env: Path) -> None:
    ctx = app_context(app_env)
    entry = ctx.db.read(lambda c: entry_store.get_entry(c, 2))
    assert entry is not None
    ctx.db.write(
        lambda c: entry_store.update_entry(c, replace(entry, title=EVIL, synopsis="<b>粗</b>"))
    )
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    assert at.title[0].value == plain(EVIL)
    assert "作品简介：<b>粗</b>" in [t.value for t in at.text]  # st.text never renders markup
