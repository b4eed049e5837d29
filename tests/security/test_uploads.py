"""Uploads: small global limit, every upload box within it, none before login, and the
server refusing uploads from sessions without a coordinator, admin or unit user signed in."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pages.frame import upload_gate
from scoring.errors import InvalidInput
from scoring.settings import Settings, load_settings
from tests.conftest import ROOT, running_app
from tests.pages.conftest import fresh_app, log_in
from tests.upload_client import LoginPageTab, put_file

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
SERVER_LIMIT_MB = CONFIG["server"]["maxUploadSize"]
APPTEST_SESSION = "test session id"  # the session id every AppTest run has
UPLOAD_PAGES = {
    "pages/coord_import.py": 2,
    "pages/coord_entry_form.py": 1,
    "pages/coord_views.py": 1,
    "pages/coord_paper.py": 1,
}


def test_streamlits_limit_is_small_and_the_apps_cannot_exceed_it() -> None:
    assert SERVER_LIMIT_MB == 200
    assert Settings().upload_limit_mb == SERVER_LIMIT_MB
    with pytest.raises(InvalidInput) as caught:
        load_settings({"upload_limit_mb": "1024"}, {})
    assert (caught.value.key, caught.value.params["high"]) == ("error.setting_range", 200)


def test_every_upload_box_states_a_limit_within_streamlits(app_env: Path) -> None:
    at = log_in("admin")
    limits = {}
    for page, boxes in UPLOAD_PAGES.items():
        at.switch_page(page).run()
        found = at.get("file_uploader")
        assert len(found) == boxes, page
        limits[page] = {box.proto.max_upload_size_mb for box in found}
    assert limits == {page: {SERVER_LIMIT_MB} for page in UPLOAD_PAGES}
    at.switch_page("pages/coord_import.py").run()
    assert at.info[0].value.startswith(f"网页上传每个视频最大 {SERVER_LIMIT_MB} MB。")


def test_no_upload_box_before_login_and_the_session_may_not_upload(app_env: Path) -> None:
    upload_gate.admit(APPTEST_SESSION)  # as if an earlier run had been a coordinator's
    at = fresh_app()
    assert at.get("file_uploader") == []
    assert not upload_gate.is_admitted(APPTEST_SESSION)


@pytest.mark.parametrize(
    ("user", "admitted"), [("coord", True), ("admin", True), ("unit1", True), ("judge1", False)]
)
def test_only_a_session_of_someone_who_registers_works_may_upload(
    app_env: Path, user: str, admitted: bool
) -> None:
    at = log_in(user)
    assert upload_gate.is_admitted(APPTEST_SESSION) is admitted
    next(b for b in at.button if b.label == "退出登录").click().run()
    at.run()
    assert not upload_gate.is_admitted(APPTEST_SESSION)


def test_the_real_server_refuses_an_upload_from_a_session_at_the_login_page(
    demo_dir: Path, tmp_path: Path
) -> None:
    with running_app(demo_dir, tmp_path / "server.log") as base:
        tab = LoginPageTab(base)
        tab.start()
        try:
            assert tab.ready.wait(60)
            assert put_file(base, tab.session_id, 1 << 20).status == 403
            assert put_file(base, "no-such-session", 1 << 10).status == 403
        finally:
            tab.stop()
