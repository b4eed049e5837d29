"""Text typed by people is shown as text: no HTML, no Markdown, no script."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from pages.frame.navigation import page_files_for
from pages.frame.runtime import plain
from pages.panels.tables import table_key
from scoring.domain.shortlist import SWAP_IN
from scoring.enums import Role
from scoring.services import users
from scoring.services.campaigns import admin
from scoring.services.campaigns.admin import CampaignSettings
from scoring.services.compliance import compliance_report
from scoring.services.context import Actor, Context
from scoring.services.entries import form
from scoring.services.entries.form import entry_form_texts
from scoring.services.judging import assignment, scorecards
from scoring.services.ranking import results, shortlist
from scoring.services.views.table_import import import_views
from scoring.storage import entries as entry_store
from scoring.storage.campaigns import get_campaign
from scoring.storage.users import list_users
from tests.pages.conftest import app_context, log_in
from tests.services.entries.test_table_import import upload

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MEDIA, TABLES = FIXTURES / "media", FIXTURES / "entries"
VIEWS = (FIXTURES / "views" / "good.csv").read_bytes()

EVIL = "<script>alert(1)</script> **粗体** [链接](http://x) :material/home:"


def test_plain_escapes_what_markdown_would_format() -> None:
    assert plain(EVIL) == (
        "\\<script\\>alert(1)\\</script\\> \\*\\*粗体\\*\\* \\[链接\\](http\\:\u2060//x) "
        "\\:material/home\\:"
    )
    assert plain("1. 第一") == "1\\. 第一"
    assert plain("- 列表") == "\\- 列表"
    assert plain("GS-2023-001 质量") == "GS-2023-001 质量"
    assert plain("理由：\n1. 重复\n= 无") == "理由：\n1\\. 重复\n\\= 无"  # every line


def test_plain_keeps_addresses_from_becoming_links() -> None:
    # Links are found after the Markdown is read: an invisible word joiner breaks them.
    assert plain("https://evil.example/a") == "https\\:\u2060//evil.example/a"
    assert plain("见 www.evil.example") == "见 www\u2060.evil.example"
    assert plain("li@evil.example") == "li@\u2060evil.example"


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


# --- every free-text field, through the services, on every page -----------------------------

# What a hostile entrant, judge or office worker might type: an image the browser would
# fetch, a coloured directive, inline HTML. Escaped, none of these markers survive.
HOSTILE = "![x](http://evil.example/p.png) :red[红字] <span style='color:red'>红</span> **粗**"
UNIT = "![u](http://evil.example/u.png) :red[单位] <a href='http://evil.example'>链接</a>"
FILE = "![x](evil.png) :red[红].mp4"  # upload names cannot hold a "/"
SHEET = FILE.replace(".mp4", ".csv")
# Unescaped, each has no "\" before it; an address still linkable has its "://" whole.
UNESCAPED = re.compile(r"(?<!\\)(?:!\[|:red\[|<span|<a )|://evil")
TAGS = re.compile(r"<span|<a ")  # Plotly reads tags (not Markdown); escaped, they are "&lt;"
# Elements that show their text as typed, and widget fields that hold a value (not Markdown).
AS_TYPED = {"text", "code", "json", "dataframe", "component_instance", "bidi_component"}
VALUE_FIELDS = {"default", "value", "raw_value", "set_value", "placeholder", "arrow_data"}
AS_TYPED_OPTIONS = {"selectbox", "multiselect"}  # their options are plain text


def _strings(message: object, skip: set[str]) -> list[str]:
    """Every string in a proto message (nested), except the fields in ``skip``."""
    data = MessageToDict(message, preserving_proto_field_name=True)
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key not in skip:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    return found


def markdown_read(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for everything the page hands to a Markdown or HTML reader:
    titles, captions, alerts, labels, help, radio options, ``st.table`` cells, chart text."""
    shown: list[tuple[str, str]] = []
    for node in [*at.main, *at.sidebar]:
        kind, proto = getattr(node, "type", ""), getattr(node, "proto", None)
        if proto is None or kind in AS_TYPED:
            continue
        if kind == "table":
            cells = node.value
            shown += [(kind, str(v)) for v in cells.to_numpy().ravel()]
            continue
        skip = VALUE_FIELDS | ({"options"} if kind in AS_TYPED_OPTIONS else set())
        shown += [(kind, text) for text in _strings(proto, skip)]
    return shown


def _hostile_campaign(ctx: Context) -> None:
    """Hostile text in every free-text field, each put there by the service that takes it."""
    admin_actor, coord = Actor("admin", Role.ADMIN, 1), Actor("coord", Role.COORDINATOR, 2)
    texts = entry_form_texts(ctx, actor=coord, campaign_id=1, code="GS-2023-002")
    # The units differ from the title: a blind judge's copy hides the units' names in it.
    texts.update(title=HOSTILE, producer=UNIT, submitter=UNIT, recommender=UNIT)
    texts.update(synopsis=HOSTILE[:90], copy_text=HOSTILE[:40], place=HOSTILE)
    video = upload(FILE, (MEDIA / "land_1080.mp4").read_bytes())
    # GS-2023-002 has scorecards: its new video is allowed explicitly (and logged).
    saved = form.save_entry(
        ctx,
        actor=coord,
        campaign_id=1,
        texts=texts,
        editing=True,
        video=video,
        allow_scored_changes=True,
    )
    assert saved.entry is not None, saved.problems
    users.add_user(
        ctx,
        actor=admin_actor,
        username="judge9",
        role=Role.JUDGE,
        password="a-judge-password-9",
        display_name=HOSTILE,
        unit=UNIT,
    )
    assignment.run_assignment(ctx, actor=admin_actor, campaign_id=1, seed=7)
    scorecards.reopen_scorecard(ctx, actor=coord, judge_id=3, entry_id=2, reason=HOSTILE)
    judge4 = Actor.of(next(u for u in ctx.db.read(list_users) if u.username == "judge4"))
    scorecards.recuse(ctx, actor=judge4, entry_id=8, reason=HOSTILE)
    ranking = results.compute_ranking(ctx, actor=coord, campaign_id=1).ranking
    outside = ranking.main[-1].entry_id
    shortlist.swap(ctx, actor=coord, campaign_id=1, entry_id=outside, kind=SWAP_IN, reason=HOSTILE)
    views = "作品编号,平台,播放量,点赞数,评论数,转发数·分享数,采集时间\n"
    views += f"GS-2023-002,{HOSTILE.replace(',', '')},100,1,1,1,2023/6/9 10:00\n"
    imported = import_views(
        ctx, actor=coord, data=views.encode(), file_name=FILE, dry_run=False, lang="zh"
    )
    assert imported.written, imported.problems
    campaign = ctx.db.read(lambda c: get_campaign(c, 1))
    assert campaign is not None
    named = replace(CampaignSettings.of(campaign), name=HOSTILE[:60])
    admin.edit_campaign(ctx, actor=admin_actor, campaign_id=1, settings=named)


ESCAPED = plain("![x](http")  # how the start of HOSTILE reads, escaped for Markdown
PAGES_SHOWING = {  # where the hostile text is seen, escaped (so the check is not vacuous)
    ("judge1", "pages/judge_score.py"): [("title", ESCAPED), ("warning", ESCAPED)],  # reopened
    ("coord", "pages/coord_progress.py"): [("plotly_chart", "&lt;span style")],  # a judge's name
    ("coord", "pages/coord_ranking.py"): [("table", ESCAPED)],  # the override reason
    ("admin", "pages/admin_assignment.py"): [("table", ESCAPED)],  # the recusal reason
    ("coord", "pages/coord_views.py"): [("table", plain("x_http_evil"))],  # platform (a slug)
    ("coord", "pages/coord_compliance.py"): [
        ("subheader", ESCAPED),  # the entry's title
        ("markdown", plain("![x](evil.png)")),  # the uploaded file's name in the media facts
        ("caption", ESCAPED),  # the campaign's name in the sidebar
    ],
}


@pytest.mark.parametrize(
    ("username", "role"),
    [("judge1", Role.JUDGE), ("coord", Role.COORDINATOR), ("admin", Role.ADMIN)],
)
def test_hostile_text_in_every_field_reaches_no_markdown_reader(
    app_env: Path, username: str, role: Role
) -> None:
    ctx = app_context(app_env)
    _hostile_campaign(ctx)
    at = log_in(username)
    for page in page_files_for(role):
        at.switch_page("pages/" + page).run()
        _pick_entry_2(ctx, at, page)
        assert not at.exception, (page, at.exception)
        shown = markdown_read(at)
        raw = [
            (kind, text)
            for kind, text in shown
            if (TAGS if kind == "plotly_chart" else UNESCAPED).search(text)
        ]
        assert raw == [], page
        for where, fragment in PAGES_SHOWING.get((username, "pages/" + page), []):
            assert [k for k, text in shown if fragment in text].count(where), (page, where)
    assert plain(HOSTILE[:60]) in next(c.value for c in at.sidebar.caption)


def _pick_entry_2(ctx: Context, at: AppTest, page: str) -> None:
    """Open the hostile entry where a page shows one entry picked from a list (on the
    ranking page: the shortlist tab, where the override's reason is)."""
    if page == "coord_ranking.py":
        at.session_state["rk_tab"] = "推荐名单"
        at.run()
    elif page == "coord_views.py":
        box = at.selectbox(key="views_entry")
        box.select(next(o for o in box.options if o.startswith("GS-2023-002"))).run()
    elif page == "coord_compliance.py":
        report = compliance_report(ctx, actor=Actor("coord", Role.COORDINATOR, 2), campaign_id=1)
        ids = [r.entry.id for r in report]
        at.session_state[table_key("cmp_table", ids)] = {
            "selection": {"rows": [ids.index(2)], "columns": []}
        }
        at.run()


def test_an_uploaded_videos_name_shows_as_typed_on_the_import_page(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_import.py").run()
    table = (TABLES / "good.csv").read_bytes()
    at.file_uploader(key="imp_table").set_value((SHEET, table, "text/csv"))
    at.file_uploader(key="imp_videos").set_value(
        [(FILE, (MEDIA / "land_1080.mp4").read_bytes(), "video/mp4")]
    )
    at.run()
    unused = next(w.value for w in at.warning if w.value.startswith("这些上传的视频"))
    assert unused.endswith("：" + plain(FILE))
    assert [text for _, text in markdown_read(at) if UNESCAPED.search(text)] == []


def test_an_uploaded_tables_name_shows_as_typed_on_the_views_page(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_views.py").run()
    at.get("file_uploader")[0].set_value((SHEET, VIEWS, "text/csv")).run()
    next(b for b in at.button if b.label == "确认导入").click().run()
    assert at.success[0].value.startswith(f"已导入“{plain(SHEET)}”：写入 3 行")
    next(b for b in at.button if b.label == "导入另一个文件").click().run()
    at.get("file_uploader")[0].set_value((SHEET, VIEWS, "text/csv")).run()  # again: who, when
    assert plain(SHEET) in at.info[0].value
    assert [text for _, text in markdown_read(at) if UNESCAPED.search(text)] == []
