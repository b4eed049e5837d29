"""Faults: ``restore`` killed at each of its renames. The data folder is then the old one,
or a folder that the app and every command refuse, naming the commands that finish the
restore or roll it back — and each of those gives exactly the backup or the old data."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.frame.runtime import plain
from scoring.cli import main
from scoring.errors import DataFolderProblem
from scoring.i18n import translate
from scoring.services.backup.backups import make_backup
from scoring.services.campaigns import admin
from scoring.services.context import open_context
from scoring.services.setup import open_or_seed
from scoring.storage.restore_journal import JOURNAL, staging_lock
from tests.conftest import ROOT, admin_actor, make_settings
from tests.services.backup.test_backups import dump_file, files_of

# The demo backup holds the database, the media and the cookie key; the demo folder has
# the same three parts. A restore renames: the journal into place (1), the three old parts
# aside (2–4), the three new ones in (5–7), then removes the journal (8).
STEPS = 8
KILLED_RESTORE = textwrap.dedent(
    """
    import os, pathlib, signal, sys

    data, backup, step = sys.argv[1], sys.argv[2], int(sys.argv[3])
    real_replace, real_unlink, done = os.replace, pathlib.Path.unlink, [0]

    def step_done() -> None:
        done[0] += 1
        if done[0] == step:
            os.kill(os.getpid(), signal.SIGKILL)

    def replace(source, target):
        step_done()
        real_replace(source, target)

    def unlink(path, missing_ok=False):
        if path.name == ".unfinished-restore.json":
            step_done()
        real_unlink(path, missing_ok=missing_ok)

    os.replace, pathlib.Path.unlink = replace, unlink
    from scoring.cli import main
    sys.exit(main(["--data-dir", data, "restore", backup]))
    """
)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*args, "--lang", "en"], stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def changed_since_backup(demo_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """A backup of the demo, then a change (so old and new differ); the backup's state."""
    ctx = open_context(make_settings(demo_dir))
    try:
        made = make_backup(ctx, actor=admin_actor(), into=tmp_path / "backups")
        ctx.db.checkpoint()
        rows = dump_file(made.path / "jurydesk.duckdb")
        backup_state = {"rows": rows, "files": files_of(demo_dir)}
        admin.archive_campaign(ctx, actor=admin_actor(), campaign_id=1)
        ctx.db.checkpoint()
    finally:
        ctx.db.close()
    (demo_dir / "media" / "originals" / "note.txt").write_text("added after the backup")
    return made.path, backup_state


def killed_at(step: int, data: Path, backup: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", KILLED_RESTORE, str(data), str(backup), str(step)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == -9, done.stderr


def state(data: Path) -> dict[str, object]:
    return {"rows": dump_file(data / "jurydesk.duckdb"), "files": files_of(data)}


@pytest.mark.parametrize("step", range(2, STEPS + 1))
@pytest.mark.parametrize("way", ["--finish", "--roll-back"])
def test_restore_killed_at_a_rename_is_refused_until_finished_or_rolled_back(
    changed_since_backup: tuple[Path, dict[str, object]], demo_dir: Path, step: int, way: str
) -> None:
    backup, backup_state = changed_since_backup
    old_state = state(demo_dir)
    killed_at(step, demo_dir, backup)
    assert (demo_dir / JOURNAL).is_file()
    listing = sorted(p.name for p in demo_dir.iterdir())
    for command in (["user", "list"], ["rank", "--json"], ["init"], ["restore", str(backup)]):
        code, out, err = run("--data-dir", str(demo_dir), *command)
        assert (code, out) == (1, ""), command
        assert f"A restore into the data folder {demo_dir} (from the backup {backup})" in err
        assert f"python -m scoring --data-dir {demo_dir} restore --finish puts" in err
        assert f"python -m scoring --data-dir {demo_dir} restore --roll-back goes" in err
    with pytest.raises(DataFolderProblem) as app_start:  # what the app's first page calls
        open_or_seed(make_settings(demo_dir))
    assert app_start.value.key == "error.restore_unfinished"
    assert sorted(p.name for p in demo_dir.iterdir()) == listing  # nobody created anything
    code, out, err = run("--data-dir", str(demo_dir), "restore", way)
    assert (code, err) == (0, "")
    assert state(demo_dir) == (backup_state if way == "--finish" else old_state)
    kept = [p.name for p in demo_dir.iterdir() if p.name.startswith(".")]
    assert len(kept) == (1 if way == "--finish" else 0)  # the replaced data, after a finish
    assert run("--data-dir", str(demo_dir), "user", "list")[0] == 0


def test_restore_killed_before_its_journal_leaves_the_old_data_and_the_staging_goes(
    changed_since_backup: tuple[Path, dict[str, object]], demo_dir: Path
) -> None:
    backup, _ = changed_since_backup
    old_state = state(demo_dir)
    killed_at(1, demo_dir, backup)  # everything staged, nothing renamed yet
    assert [p.name for p in demo_dir.iterdir() if p.name.startswith(".restore-")] != []
    code, out, err = run("--data-dir", str(demo_dir), "user", "list", "--json")
    assert (code, err) == (0, "")
    assert [u["username"] for u in json.loads(out)][:2] == ["admin", "coord"]
    assert sorted(p.name for p in demo_dir.iterdir()) == ["cookie.key", "jurydesk.duckdb", "media"]
    assert state(demo_dir) == old_state


def test_a_second_restore_clears_what_a_restore_killed_while_staging_left(
    changed_since_backup: tuple[Path, dict[str, object]], demo_dir: Path
) -> None:
    backup, backup_state = changed_since_backup
    killed_at(1, demo_dir, backup)
    code, _, err = run("--data-dir", str(demo_dir), "restore", str(backup))
    assert (code, err) == (0, "")
    assert [p.name for p in demo_dir.iterdir() if p.name.startswith(".restore-")] == []
    assert state(demo_dir) == backup_state


def test_a_staging_folder_in_use_is_not_removed(demo_dir: Path) -> None:
    staging = demo_dir / ".restore-20260301-090000-abc123"
    (staging / "media").mkdir(parents=True)
    with staging_lock(staging):  # a restore filling it right now
        assert run("--data-dir", str(demo_dir), "user", "list")[0] == 0
        assert (staging / "media").is_dir()
    assert run("--data-dir", str(demo_dir), "user", "list")[0] == 0
    assert not staging.exists()


def test_finish_or_roll_back_without_an_unfinished_restore_says_so(demo_dir: Path) -> None:
    code, out, err = run("--data-dir", str(demo_dir), "restore", "--finish")
    assert (code, out) == (1, "")
    assert err == (
        f"Error: There is no interrupted restore in the data folder {demo_dir}; --finish and"
        " --roll-back have nothing to do.\n"
    )


def test_restore_with_a_folder_and_finish_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        run("restore", str(tmp_path), "--finish")
    assert caught.value.code == 2


def test_the_app_shows_the_unfinished_restore_instead_of_seeding_a_demo(
    changed_since_backup: tuple[Path, dict[str, object]],
    demo_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup, _ = changed_since_backup
    killed_at(3, demo_dir, backup)  # the database is aside, nothing new in yet
    assert not (demo_dir / "jurydesk.duckdb").exists()
    monkeypatch.setenv("JURYDESK_DATA_DIR", str(demo_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    where = f"python -m scoring --data-dir {demo_dir} restore"
    expected = translate(
        "error.restore_unfinished",
        "zh",
        path=str(demo_dir),
        source=str(backup),
        finish=f"{where} --finish",
        roll_back=f"{where} --roll-back",
    )
    assert [e.value for e in at.error] == [plain(expected)]
    assert not (demo_dir / "jurydesk.duckdb").exists()  # no empty database, no demo
