"""services/backup/unfinished.py: finishing or rolling back a restore killed half-way."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.enums import Role
from scoring.errors import DataFolderProblem, NotAllowed
from scoring.services.backup.unfinished import Completed, complete_restore
from scoring.services.context import Actor
from scoring.settings import Settings
from scoring.storage import restore_journal as rj
from tests.conftest import SHELL, make_settings


def _interrupted(tmp_path: Path) -> tuple[Settings, rj.Journal]:
    """A data folder whose restore stopped after the journal was written."""
    settings = make_settings(tmp_path / "data")
    data = settings.data_dir
    data.mkdir()
    settings.database_path.write_text("old")
    journal = rj.Journal(
        token="t1",
        source="/backups/b1",
        parts=(settings.database_path.name,),
        staged=(settings.database_path.name,),
    )
    journal.staging(data).mkdir()
    (journal.staging(data) / settings.database_path.name).write_text("new")
    rj._write_journal(data, journal)
    return settings, journal


def test_finishing_puts_the_backup_in_and_keeps_the_old_data(tmp_path: Path) -> None:
    settings, journal = _interrupted(tmp_path)
    done = complete_restore(settings, actor=SHELL, forward=True)
    data = settings.data_dir.resolve()
    assert done == Completed(
        data_dir=data, source="/backups/b1", finished=True, previous=journal.previous(data)
    )
    assert settings.database_path.read_text() == "new"
    assert rj.read_journal(data) is None


def test_rolling_back_puts_the_old_data_back(tmp_path: Path) -> None:
    settings, _ = _interrupted(tmp_path)
    done = complete_restore(settings, actor=SHELL, forward=False)
    assert (done.finished, done.previous) == (False, None)
    assert settings.database_path.read_text() == "old"
    assert rj.read_journal(settings.data_dir) is None


def test_only_an_admin_may_complete_a_restore(tmp_path: Path) -> None:
    settings, _ = _interrupted(tmp_path)
    with pytest.raises(NotAllowed):
        complete_restore(settings, actor=Actor("coord", Role.COORDINATOR, 2), forward=True)
    assert settings.database_path.read_text() == "old"


def test_nothing_unfinished_is_said_so(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    settings.data_dir.mkdir()
    with pytest.raises(DataFolderProblem) as raised:
        complete_restore(settings, actor=SHELL, forward=True)
    assert (raised.value.key, raised.value.params) == (
        "error.restore_nothing_unfinished",
        {"path": str(settings.data_dir.resolve())},
    )
