"""AppTest helpers: the real app on a private copy of the demo data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.frame.runtime import _context_for
from pages.panels.tables import table_key
from scoring.services.context import Context
from scoring.services.demo import DEMO_PASSWORD
from scoring.storage import entries as entry_store
from tests.conftest import FAST_BCRYPT, make_settings

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app_env(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JURYDESK_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("JURYDESK_BCRYPT_ROUNDS", FAST_BCRYPT)
    monkeypatch.setenv("JURYDESK_BACKGROUND_PREVIEWS", "false")
    return demo_dir


def app_context(data_dir: Path) -> Context:
    """The very context the app under test uses (same process, same cache)."""
    return _context_for(str(data_dir.resolve()), make_settings(data_dir))


def fresh_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    return at


def log_in(username: str, password: str = DEMO_PASSWORD) -> AppTest:
    at = fresh_app()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    at.run()
    return at


def open_page(username: str, page: str) -> AppTest:
    """``username`` logged in and on ``page`` (``pages/….py``), which ran without an error."""
    at = log_in(username)
    at.switch_page(page).run()
    assert not at.exception
    return at


def open_ranking(app_env: Path) -> AppTest:
    """The coordinator on the ranking page of the demo."""
    return open_page("coord", "pages/coord_ranking.py")


def explain_first_row(at: AppTest, app_env: Path) -> AppTest:
    """Select the ranking table's first row, which opens its explanation below."""
    codes = list(at.dataframe[0].value["作品编号"])
    ctx = app_context(app_env)
    ids = [ctx.db.read(lambda c, x=x: entry_store.get_entry_by_code(c, 1, x)).id for x in codes]
    at.session_state[table_key("rk_table", ids)] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    return at


def texts(at: AppTest) -> str:
    """Everything the page says, as one string."""
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption)]
    parts += [e.value for e in (*at.error, *at.warning, *at.info, *at.success)]
    return "\n".join(str(p) for p in parts)
