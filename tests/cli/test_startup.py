"""Start-up: a command imports only what it uses (speed is measured in bench/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

HEAVY = ("duckdb", "scipy", "pandas", "openpyxl", "plotly", "streamlit", "numpy", "bcrypt")
LOADED = (
    "import json, runpy, sys\n"
    "sys.argv = ['scoring', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('scoring', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
)


def top_level_modules(*args: str) -> set[str]:
    """The top-level packages imported by ``python -m scoring ARGS`` by the time it ends."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_no_database_and_no_number_library() -> None:
    assert top_level_modules("--help") & set(HEAVY) == set()


def test_rank_json_imports_duckdb_and_numpy_only(demo_dir: Path) -> None:
    loaded = top_level_modules("--data-dir", str(demo_dir), "rank", "--json")
    assert loaded & set(HEAVY) == {"duckdb", "numpy"}


def test_user_list_imports_duckdb_only(demo_dir: Path) -> None:
    loaded = top_level_modules("--data-dir", str(demo_dir), "user", "list")
    assert loaded & set(HEAVY) == {"duckdb"}
