"""The message for a held database names what holds it: the running web app, another
JuryDesk command, or some other program — never "usually the web app" for all three."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.storage.lock_holder import holder_kind
from tests.conftest import holding


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*args, "--lang", "en"], stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        (["/usr/bin/python3", "-m", "streamlit", "run", "app.py"], "app"),
        (["/srv/venv/bin/streamlit", "run", "app.py", "--server.port", "8501"], "app"),
        (
            ["python", "-m", "scoring", "--data-dir", "/srv/d", "entries", "import", "t.csv"],
            "command",
        ),
        (["python3", "-m", "scoring.cli", "rank"], "command"),
        (["python", "-c", "import duckdb"], "other"),
        (["duckdb", "/srv/d/jurydesk.duckdb"], "other"),
        ([], "other"),
    ],
)
def test_holder_kind_from_the_command_line(argv: list[str], kind: str) -> None:
    assert holder_kind(argv) == kind


def test_another_command_holding_the_database_is_named(demo_dir: Path) -> None:
    database = demo_dir / "jurydesk.duckdb"
    # Its command line ends like a running ``python -m scoring … entries import`` does.
    with holding(database, "-m", "scoring", "entries", "import", "t.csv") as pid:
        code, out, err = run("--data-dir", str(demo_dir), "user", "list")
    assert (code, out) == (1, "")
    assert err.startswith(
        f"Error: The database {database} is held by another JuryDesk command that is still"
        f" running (PID {pid}: {sys.executable} -c "
    )
    assert err.endswith(
        " -m scoring entries import t.csv). Wait for it to finish, then try again.\n"
    )
    assert "web app" not in err


def test_another_program_holding_the_database_is_named_without_guessing(
    demo_dir: Path,
) -> None:
    database = demo_dir / "jurydesk.duckdb"
    with holding(database) as pid:
        code, _, err = run("--data-dir", str(demo_dir), "rank", "--json")
    assert code == 1
    assert f"is held by another process (PID {pid}: {sys.executable} -c import duckdb" in err
    assert "usually" not in err


def test_the_running_app_holding_the_database_is_named(server: str, server_data: Path) -> None:
    code, out, err = run("--data-dir", str(server_data), "user", "list")
    assert (code, out) == (1, "")
    database = server_data / "jurydesk.duckdb"
    assert err.startswith(f"Error: The database {database} is held by the running JuryDesk web")
    assert "-m streamlit run app.py" in err
    assert err.endswith(
        "Do this in the web app, or stop that server (streamlit) first and try again.\n"
    )
