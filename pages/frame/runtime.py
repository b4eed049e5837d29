"""Per-process and per-run state of the app: the context, the language, the acting user."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sized
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import streamlit as st

from scoring.errors import JudgingError
from scoring.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from scoring.records.campaigns import Campaign
from scoring.records.users import User
from scoring.services.backup.nightly import NightlyBackups
from scoring.services.campaigns.active import active_campaign
from scoring.services.context import Actor, Context
from scoring.services.entries.hint_worker import HintWorker
from scoring.services.previews import PreviewWorker
from scoring.services.setup import open_or_seed
from scoring.settings import Settings, load_settings

T = TypeVar("T")
LANGUAGE_KEY = "language"
USER_KEY = "jd_user"
SIGNED_IN_KEY = "jd_signed_in_at"  # when this session's login (or the cookie it used) began


def settings() -> Settings:
    """Settings from the environment, then ``[jurydesk]`` in secrets.toml, then defaults."""
    overrides: Mapping[str, Any] | None = None
    try:
        if "jurydesk" in st.secrets:
            overrides = dict(st.secrets["jurydesk"])
    except FileNotFoundError:
        overrides = None
    return load_settings(overrides)


@st.cache_resource(show_spinner=False)
def _context_for(data_dir: str, _settings: Settings) -> Context:
    ctx = open_or_seed(_settings)
    if _settings.background_previews:
        PreviewWorker(ctx).start()
        HintWorker(ctx).start()
    if _settings.nightly_backup_hour >= 0:
        NightlyBackups(ctx).start()
    return ctx


def context() -> Context:
    """The process's context for the configured data folder (opened once, seeded if empty)."""
    current = settings()
    return _context_for(str(current.data_dir.resolve()), current)


def lang() -> str:
    """The session's language."""
    value = st.session_state.get(LANGUAGE_KEY)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **params: object) -> str:
    """Catalog text in the session's language."""
    return translate(key, lang(), **params)


def local_time(moment: datetime | None) -> str:
    """A stored (UTC) time as shown to people: in the installation's zone, to the minute."""
    return clock()(moment)


def clock() -> Callable[[datetime | None], str]:
    """``local_time`` with the installation's zone looked up once (for a table's rows)."""
    zone = ZoneInfo(context().settings.timezone)

    def shown(moment: datetime | None) -> str:
        return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    return shown


def list_text(items: Iterable[str]) -> str:
    """Items joined as the session's language lists them: A、B in Chinese, A, B in English."""
    return t("common.list_sep").join(items)


def choose_hint(options: Sized, *, empty: str = "common.no_options") -> str:
    """A select box's placeholder in the session's language: "choose one", or what an
    empty list means (Streamlit's own words are English)."""
    return t("common.choose") if len(options) else t(empty)


_MARKDOWN = "\\`*_[]<>#|~$:"
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)", re.MULTILINE)
# GitHub-style autolinks (``http://…``, ``www.…``, ``a@b.cn``) are found in the text after
# the Markdown is read, so no escape stops them; an invisible word joiner breaks the pattern.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
_WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Escape Markdown so text typed by people (titles, names, reasons) shows as typed.

    Characters that format anywhere are escaped; ``-``, ``+``, ``=`` and ``1.`` only where
    they would start a line's list or heading; addresses are kept from becoming links.
    """
    escaped = "".join("\\" + c if c in _MARKDOWN else c for c in text)
    escaped = _LINE_START.sub(
        lambda m: m[1] + (m[2][:-1] + "\\." if m[2].endswith(".") else "\\" + m[2]), escaped
    )
    return _AUTOLINK.sub(_WORD_JOINER, escaped)


def t_plain(key: str, **params: object) -> str:
    """Catalog text for an element that reads Markdown (titles, captions, alerts, widget
    labels), every text value in it escaped with ``plain``: names, reasons, file names and
    codes show as typed, while the catalog's own formatting stays."""
    return t(key, **{k: plain(v) if isinstance(v, str) else v for k, v in params.items()})


def plain_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows for ``st.table``, which reads its cells as Markdown: text cells escaped."""
    return [{k: plain(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]


def chart_text(text: str) -> str:
    """Text for a Plotly label or legend: its tags (``<a href>``, ``<span style>``) shown as
    typed, never applied (Plotly shows ``&lt;`` as ``<``)."""
    return html.escape(text, quote=False)


def show_error(error: JudgingError) -> None:
    """The one place a service error becomes an on-screen message (shown as plain text)."""
    st.error(plain(error.message(lang())), icon=":material/error:")


def current_user() -> User:
    """The logged-in user of this run (the shell has checked them)."""
    user: User = st.session_state[USER_KEY]
    return user


def current_actor() -> Actor:
    """The acting user for service calls (with when this session began)."""
    return Actor.of(current_user(), signed_in_at=st.session_state.get(SIGNED_IN_KEY))


def require_campaign(ctx: Context) -> Campaign:
    """The active campaign; stops the page with a message when there is none."""
    campaign = active_campaign(ctx)
    if campaign is None:
        st.info(t("app.no_campaign"))
        st.stop()
    assert campaign is not None
    return campaign


def attempt(action: Callable[[], T]) -> T | None:
    """Run a service call; show its error (and return None) if it refuses."""
    try:
        return action()
    except JudgingError as error:
        show_error(error)
        return None


FLASH_KEY = "jd_flash"


def flash(text: str) -> None:
    """Keep a success message for the next run (which shows fresh data), then rerun."""
    st.session_state[FLASH_KEY] = text
    st.rerun()


def show_flash() -> None:
    """Show the message kept by ``flash`` once."""
    text = st.session_state.pop(FLASH_KEY, None)
    if text:
        st.success(plain(text), icon=":material/check_circle:")
