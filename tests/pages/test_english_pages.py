"""Every page in English mode uses ASCII punctuation: no full-width ：（）。，；！？、 in what
the app itself writes (entries' own Chinese texts, names and units are data, left as typed)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.frame.navigation import page_files_for
from scoring.enums import Role
from scoring.services import users
from scoring.services.campaigns.active import active_campaign
from scoring.services.demo import DEMO_PASSWORD
from scoring.services.judging.rubric import rubric_state
from scoring.storage.entries import list_entries
from tests.conftest import SHELL
from tests.pages.conftest import APP, app_context

FULL_WIDTH = re.compile("[：（）。，；！？、]")


def _data(app_env: Path) -> list[str]:
    """Every text the demo's people typed: entries, campaign, rubric, users."""
    ctx = app_context(app_env)
    campaign = active_campaign(ctx)
    assert campaign is not None
    texts = [campaign.name, campaign.office_name, campaign.notice_title]
    campaign_id = campaign.id
    for entry in ctx.db.read(lambda cur: list_entries(cur, campaign_id)):
        texts += [str(getattr(entry, f.name)) for f in fields(entry)]
    for c in rubric_state(ctx, actor=SHELL, campaign_id=campaign.id).criteria:
        texts += [c.name_zh, c.description_zh]
    for user in users.list_users(ctx, actor=SHELL):
        texts += [user.display_name, user.unit]
    return sorted({t for t in texts if t}, key=len, reverse=True)


def _shown(at: AppTest) -> list[str]:
    """What the page writes, in words: headings, messages, labels, options, table headers."""
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.caption, *at.text)]
    parts += [e.value for e in (*at.markdown, *at.info, *at.warning, *at.error, *at.success)]
    widgets = [*at.text_input, *at.text_area, *at.number_input, *at.selectbox, *at.multiselect]
    widgets += [*at.radio, *at.toggle, *at.checkbox, *at.button, *at.date_input]
    parts += [w.label for w in widgets] + [e.label for e in (*at.expander, *at.tabs)]
    parts += [str(o) for w in (*at.selectbox, *at.radio) for o in w.options]
    parts += [e.label for e in at.metric]
    parts += [str(c) for frame in (*at.dataframe, *at.table) for c in frame.value.columns]
    return [str(p) for p in parts]


def _english_session(username: str) -> AppTest:
    """A session logged in with English chosen (a fresh one per page: AppTest formats the
    options of the last page's widgets outside the run, where the language is unknown)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["language"] = "en"
    at.run()
    at.text_input[0].input(username)
    at.text_input[1].input(DEMO_PASSWORD)
    at.button[0].click().run()
    at.run()
    return at


@pytest.mark.parametrize("username", ["admin", "judge1"])
def test_english_pages_use_ascii_punctuation(app_env: Path, username: str) -> None:
    data = _data(app_env)
    role = Role.ADMIN if username == "admin" else Role.JUDGE
    offenders: dict[str, list[str]] = {}
    for page in page_files_for(role):
        at = _english_session(username)
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, page
        for text in _shown(at):
            for known in data:
                text = text.replace(known, "")
            if FULL_WIDTH.search(text):
                offenders.setdefault(page, []).append(text)
    assert offenders == {}
