"""A restore killed between its renames: finish it (the backup goes in) or roll it back
(the data from before go back). Until one of them runs, every program refuses the folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring.enums import Role
from scoring.errors import DataFolderProblem
from scoring.services.context import Actor, require_role
from scoring.settings import Settings
from scoring.storage import backup as store
from scoring.storage.restore_journal import Journal, finish, read_journal, roll_back


@dataclass(frozen=True)
class Completed:
    """What ``complete_restore`` did: the backup now in place, or the old data back."""

    data_dir: Path
    source: str
    finished: bool
    previous: Path | None  # finished: where the replaced data are kept (None if none)


def complete_restore(settings: Settings, *, actor: Actor, forward: bool) -> Completed:
    """Finish (``forward``) or roll back the interrupted restore of the data folder."""
    require_role(actor, Role.ADMIN)
    data = settings.data_dir.resolve()
    journal = _journal(data)
    store.ensure_not_held(settings.database_path)
    try:
        if forward:
            kept = finish(data, journal)
        else:
            roll_back(data, journal)
            kept = False
    except OSError as exc:
        raise DataFolderProblem(
            "error.restore_complete_failed", path=str(data), reason=exc.strerror or str(exc)
        ) from None
    return Completed(
        data_dir=data,
        source=journal.source,
        finished=forward,
        previous=journal.previous(data) if kept else None,
    )


def _journal(data: Path) -> Journal:
    journal = read_journal(data)
    if journal is None:
        raise DataFolderProblem("error.restore_nothing_unfinished", path=str(data))
    return journal
