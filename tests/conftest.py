"""Shared fixtures: a real DuckDB in a temp folder, an injectable clock, a seeded demo."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from scoring.enums import Role
from scoring.services.context import Actor, Context, open_context
from scoring.services.setup import initialise
from scoring.settings import Settings, load_settings
from tests.app_server import ROOT as ROOT
from tests.app_server import serving

# No per-example deadline: this machine (and CI) is shared and noisy; speed lives in bench/.
hypothesis_settings.register_profile("jurydesk", deadline=None)
hypothesis_settings.load_profile("jurydesk")

# Apps started by tests (AppTest in this process, servers in child processes) run no
# background threads unless a test asks: no nightly backups of temp folders, no ffmpeg.
os.environ.setdefault("JURYDESK_NIGHTLY_BACKUP_HOUR", "-1")
os.environ.setdefault("JURYDESK_BACKGROUND_PREVIEWS", "false")

FAST_BCRYPT = "4"

# the cost factor only slows tests; production uses the default 12
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime = T0) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


def make_settings(data_dir: Path, **extra: str) -> Settings:
    """Settings for a test folder: fast bcrypt, and no background threads unless asked."""
    quiet = {"nightly_backup_hour": "-1", "background_previews": "false"}
    return load_settings(
        {"data_dir": str(data_dir), "bcrypt_rounds": FAST_BCRYPT, **quiet, **extra}, {}
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def ctx(settings: Settings, clock: FakeClock) -> Iterator[Context]:
    context = open_context(settings, clock=clock)
    yield context
    context.db.close()


SHELL = Actor.shell("tester")
# The demo's people as the services see them (the ids the demo seeds).
ADMIN = Actor("admin", Role.ADMIN, 1)
COORD = Actor("coord", Role.COORDINATOR, 2)
JUDGE = Actor("judge1", Role.JUDGE, 3)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded demo data folder per test run; tests copy it."""
    folder = tmp_path_factory.mktemp("demo-template") / "data"
    context, _ = initialise(make_settings(folder), demo=True, actor=SHELL)
    context.db.checkpoint()
    context.db.close()
    return folder


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded demo data folder."""
    target = tmp_path / "demo-data"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def demo_ctx(demo_dir: Path, clock: FakeClock) -> Iterator[Context]:
    context = open_context(make_settings(demo_dir), clock=clock)
    yield context
    context.db.close()


def measure_hints(ctx: Context, codes: list[str], campaign_id: int = 1) -> None:
    """Measure the media hints of these entries' videos now, in this order (apps started by
    tests run no background worker)."""
    from scoring.services.entries.hint_worker import measure_one
    from scoring.storage import entries as entry_store

    for code in codes:
        entry = ctx.db.read(
            lambda c, code=code: entry_store.get_entry_by_code(c, campaign_id, code)
        )
        assert entry is not None and entry.media_sha256 is not None
        sha = entry.media_sha256
        media = ctx.db.read(lambda c, sha=sha: entry_store.get_media_file(c, sha))
        assert media is not None
        assert measure_one(ctx, media)


def admin_actor() -> Actor:
    return Actor("admin", Role.ADMIN, None)


@pytest.fixture
def server_data(tmp_path: Path) -> Path:
    """The data folder of the ``server`` fixture."""
    return tmp_path / "data"


@contextlib.contextmanager
def running_app(data_dir: Path, log_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port for ``data_dir`` (an empty one seeds the demo);
    yields its base URL, its output going to ``log_path``."""
    with serving(data_dir, log_path) as (base, _pid):
        yield base


@pytest.fixture
def server(tmp_path: Path, server_data: Path) -> Iterator[str]:
    """A running app on a free port with an empty data folder (so it seeds the demo)."""
    with running_app(server_data, tmp_path / "server.log") as base:
        yield base


@contextlib.contextmanager
def holding(database: Path, *argv_tail: str) -> Iterator[int]:
    """Another process (standing in for the running app) holds the database meanwhile; its
    command line ends in ``argv_tail``. Yields its pid."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
            " sys.stdin.read()",
            str(database),
            *argv_tail,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        yield holder.pid
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
