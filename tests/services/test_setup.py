"""services/setup.py: the cookie key, ``init``, and opening (or seeding) for the app."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from scoring.errors import DataFolderProblem, InvalidInput
from scoring.services.setup import ensure_cookie_key, initialise, open_or_seed
from scoring.storage.campaigns import list_campaigns
from tests.conftest import SHELL, FakeClock, make_settings


def test_the_cookie_key_is_made_once_private_and_read_back(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    key, created = ensure_cookie_key(settings)
    assert (len(key), created) == (64, True)
    assert stat.S_IMODE(settings.cookie_key_path.stat().st_mode) == 0o600
    assert ensure_cookie_key(settings) == (key, False)


def test_a_loose_key_is_tightened_and_a_short_one_refused(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    ensure_cookie_key(settings)
    settings.cookie_key_path.chmod(0o644)
    ensure_cookie_key(settings)
    assert stat.S_IMODE(settings.cookie_key_path.stat().st_mode) == 0o600
    settings.cookie_key_path.write_text("abc\n")
    with pytest.raises(DataFolderProblem) as raised:
        ensure_cookie_key(settings)
    assert (raised.value.key, raised.value.params) == (
        "error.cookie_key_short",
        {"path": str(settings.cookie_key_path)},
    )


def test_init_makes_one_empty_campaign_named_for_the_year(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    ctx, report = initialise(settings, demo=False, actor=SHELL, clock=FakeClock())
    try:
        assert report.campaign is not None
        assert (report.campaign.name, report.cookie_key_created, report.demo_seeded) == (
            "2026年微视频作品征集",
            True,
            False,
        )
        assert report.data_dir == settings.data_dir
    finally:
        ctx.db.close()
    again, second = initialise(settings, demo=False, actor=SHELL, clock=FakeClock())
    try:
        assert second.cookie_key_created is False
        assert [c.id for c in again.db.read(list_campaigns)] == [report.campaign.id]
    finally:
        again.db.close()


def test_the_demo_needs_an_empty_folder(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    ctx, _ = initialise(settings, demo=False, actor=SHELL, clock=FakeClock())
    ctx.db.close()
    with pytest.raises(InvalidInput) as raised:
        initialise(settings, demo=True, actor=SHELL, clock=FakeClock())
    assert (raised.value.key, raised.value.params) == (
        "error.demo_needs_empty",
        {"path": str(settings.data_dir)},
    )


def test_open_or_seed_without_the_demo_makes_one_empty_campaign(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", seed_demo_when_empty="false")
    ctx = open_or_seed(settings, clock=FakeClock())
    try:
        assert [c.name for c in ctx.db.read(list_campaigns)] == ["2026年微视频作品征集"]
    finally:
        ctx.db.close()
