"""Command start-up time (issue 17 point 19): ``python bench/startup.py [--repeat N]``.

Every command used to import scipy.stats, pandas and openpyxl before reading its arguments
(3.2–3.7 s for ``--help``); now each is imported by the code that uses it. Here each
command runs as a fresh process on a demo data folder, side by side with bare interpreters
that import only what the command really needs, in interleaved rounds (best of
``--repeat``), with compiled modules cached as in an installed program. ``--help`` is
judged by its wall time; the commands by the CPU time they use (this machine's other work
stretches wall times by a factor that changes from one run to the next):

- ``python -c pass`` and ``python -c "import duckdb"`` — the floors;
- ``python -m scoring --help`` — target ≤ 0.3 s (it needs no database: no DuckDB at all);
- ``user list`` vs a process importing what it really needs (DuckDB and the users service
  with its storage and records) — target ratio ≤ 1.5; the ratio to ``import duckdb`` alone
  is printed beside it (the rest is the command's own code, opening the database and the
  first query);
- ``rank --json`` vs a process importing DuckDB, numpy and the ranking service — target
  ratio ≤ 1.5; the ratio to ``import duckdb, numpy`` is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, close, machine_note, new_data_dir, say, verdict

TARGET_HELP_S = 0.3
TARGET_RATIO = 1.5
# What each command really needs to import: the libraries and the service it calls (with
# the storage and records behind it) — nothing of the other commands.
USER_LIST_NEEDS = "import duckdb, scoring.services.users"
RANK_NEEDS = "import duckdb, numpy, scoring.services.ranking.results"


def commands(data: Path) -> dict[str, list[str]]:
    """What is timed, by label: interpreters importing the floors, then the commands."""
    py, cli = sys.executable, [sys.executable, "-m", "scoring", "--data-dir", str(data)]
    return {
        "python -c pass": [py, "-c", "pass"],
        "import duckdb": [py, "-c", "import duckdb"],
        "import duckdb, numpy": [py, "-c", "import duckdb, numpy"],
        USER_LIST_NEEDS: [py, "-c", USER_LIST_NEEDS],
        RANK_NEEDS: [py, "-c", RANK_NEEDS],
        "--help": [py, "-m", "scoring", "--help"],
        "user list": [*cli, "user", "list"],
        "rank --json": [*cli, "rank", "--json"],
    }


def child_env(pycache: Path) -> dict[str, str]:
    """An installed program's conditions: compiled modules cached (here in ``pycache``, not
    beside the sources), whatever PYTHONDONTWRITEBYTECODE this shell has."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(pycache)}


def seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds from start to exit of one process, and the CPU seconds it used (user +
    system, its threads included); it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


Best = dict[str, tuple[float, float]]


def measure(timed: dict[str, list[str]], repeat: int, env: dict[str, str]) -> Best:
    """Best wall and best CPU time of each command over ``repeat`` interleaved rounds."""
    best = {label: (float("inf"), float("inf")) for label in timed}
    for command in timed.values():
        seconds(command, env)  # warm the file cache and the compiled-module cache
    for _ in range(repeat):
        for label, command in timed.items():
            wall, cpu = seconds(command, env)
            best[label] = (min(best[label][0], wall), min(best[label][1], cpu))
    return best


def report(best: Best) -> None:
    """Print every time, then the three verdicts: ``--help`` by its wall time, the commands
    by CPU time (what the machine's other work does not stretch)."""
    for label, (wall, cpu) in best.items():
        say(label, f"{wall:.3f} s wall, {cpu:.3f} s CPU")
    help_s, help_cpu = best["--help"]
    say(
        "--help",
        f"{help_s:.3f} s wall (CPU {help_cpu:.3f} s; target ≤ {TARGET_HELP_S} s)"
        f" {verdict(help_s, TARGET_HELP_S)}",
    )
    for label, libraries, needs in (
        ("user list", "import duckdb", USER_LIST_NEEDS),
        ("rank --json", "import duckdb, numpy", RANK_NEEDS),
    ):
        say(f"{label} / {libraries}", f"{best[label][1] / best[libraries][1]:.2f}× CPU (printed)")
        ratio = best[label][1] / best[needs][1]
        say(
            f"{label} / its imports",
            f"{ratio:.2f}× CPU (target ≤ {TARGET_RATIO}×) {verdict(ratio, TARGET_RATIO)}",
        )
    print(machine_note())


def main() -> None:
    """Build a demo folder, time the commands side by side, print the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="interleaved rounds (best of)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jd-bench-startup-") as tmp:
        data = Path(tmp) / "data"
        ctx, _ = new_data_dir(data, demo=True)
        close(ctx)
        report(measure(commands(data), args.repeat, child_env(Path(tmp) / "pycache")))


if __name__ == "__main__":
    main()
