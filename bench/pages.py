"""Page-run cost: ``python bench/pages.py [--quick] [--repeat N] [--size demo|national]``.

Two data folders: the demo, and the national size — 10 000 entries with full registration
text, 50 judges (5 per entry), 1 000 000 view snapshots, compliance findings, submitted
scorecards (built as ``bench/ranking.py`` builds its folder, with a stored-media row per
entry as ``bench/judging.py`` adds them, a coordinator and an admin); ``--quick`` builds
2 000 entries and 200 000 snapshots instead.

For each folder, each role (judge, coordinator, admin) and each page the role has, a
fresh child process logs in with Streamlit's AppTest (the real ``app.py``, the server's
own script runner in this process) and renders the page: one cold run (the first visit),
then best of ``--repeat`` reruns of the same page; the login page is timed the same way.
Also timed: the judge's scoring page rerun when one mark changes (a different mark each
time, saved by the page), and in every child a bare script (a title and a caption, no
data) as the floor every run pays. Each time is the wall time of ``AppTest.run`` (the
script run and AppTest's reading of its output); the process CPU time during the run is
printed beside it (it includes work the page started beside itself, such as the
ranking's stability checks at national size).

Printed per folder: every page's warm and cold time, its CPU, its ratio to the bare run
and PASS/MISS against the target (≤ 300 ms on the demo, ≤ 1 s at national size, warm
runs); then the three slowest pages. The machine's load average is printed with them:
the absolute targets mean something on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    BENCH_ACTOR,
    PASSWORD,
    ROOT,
    SERVER_ENV,
    bench_settings,
    machine_note,
    new_data_dir,
    query,
    run_child,
    say,
    serve_child,
    verdict,
)

TARGETS_S = {"demo": 0.3, "national": 1.0}
ROLES = ("judge", "coordinator", "admin")
BARE = "import streamlit as st\nst.title('JuryDesk')\nst.caption('bare run')\n"


def build_national(folder: Path, entries: int) -> None:
    """The national-size folder: ranking.py's build, media rows, staff users."""
    import judging
    import ranking

    from scoring.enums import Role
    from scoring.services.compliance import rules_in
    from scoring.services.context import open_context
    from scoring.services.users import add_user

    ranking.build(folder, entries)
    ctx = open_context(bench_settings(folder))
    ids = [int(i) for (i,) in query(ctx, "SELECT id FROM entries ORDER BY id")]
    judging.add_media_rows(ctx, ids)
    for name, role in (("coord", Role.COORDINATOR), ("admin", Role.ADMIN)):
        add_user(ctx, actor=BENCH_ACTOR, username=name, role=role, password=PASSWORD)
    # The default rule set, stored as the app does on its first start, over the findings
    # ranking.py wrote (2 % of entries with an error): the bench's entries have no video
    # files, so checking them afresh would fail every one and leave nothing to rank.
    ctx.db.write(lambda cur: rules_in(cur, ctx, 1))
    ctx.db.checkpoint()
    ctx.db.close()


def build_demo(folder: Path) -> None:
    """The demo data folder, as ``streamlit run app.py`` seeds it."""
    ctx, _ = new_data_dir(folder, demo=True)
    ctx.db.checkpoint()
    ctx.db.close()


def _timed_run(at: Any) -> tuple[float, float]:
    """Wall and process CPU seconds of one ``AppTest.run``."""
    cpu, wall = time.process_time(), time.perf_counter()
    at.run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _best(at: Any, repeat: int) -> dict[str, float]:
    runs = [_timed_run(at) for _ in range(repeat)]
    wall, cpu = min(runs)
    return {"seconds": wall, "cpu": cpu}


def child_page(folder: str, username: str, password: str, page: str, repeat: str) -> dict[str, Any]:
    """One page of one role in a fresh process: the bare floor, then the login page (for
    the first page of a role), the page cold and warm, and its mark change if it has one."""
    from streamlit.testing.v1 import AppTest

    times = int(repeat)
    bare = AppTest.from_string(BARE, default_timeout=600)
    bare.run()
    result: dict[str, Any] = {"bare": _best(bare, times)}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()  # the process's first run: imports, opens the database
    if page == "login":
        return result | {"login page": _best(at, times)}
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    at.run()
    assert not at.exception, at.exception
    at.switch_page(f"pages/{page}")
    cold, _ = _timed_run(at)
    assert not at.exception, f"{page}: {at.exception}"
    result[page] = _best(at, times) | {"cold": cold}
    if page == "judge_score.py":
        result["judge_score.py, a mark changes"] = _mark_changes(at, times)
    return result


def _mark_changes(at: Any, times: int) -> dict[str, float]:
    """Rerun of the scoring page after one mark box changes (the page saves it)."""
    runs = []
    for n in range(max(times, 2)):
        boxes = [b for b in at.number_input if not b.disabled]  # this run's elements
        box = boxes[n % len(boxes)]
        box.set_value(float((n % 20) / 2) if box.value != (n % 20) / 2 else 10.0)
        runs.append(_timed_run(at))
        assert not at.exception, at.exception
    wall, cpu = min(runs)
    return {"seconds": wall, "cpu": cpu}


def _logins(size: str) -> dict[str, tuple[str, str]]:
    from scoring.services.demo import DEMO_PASSWORD

    if size == "demo":  # judge4 has entries still to score: the mark boxes are open
        names, password = ("judge4", "coord", "admin"), DEMO_PASSWORD
    else:
        names, password = ("judge01", "coord", "admin"), PASSWORD
    return {r: (n, password) for r, n in zip(ROLES, names, strict=True)}


def run_size(size: str, folder: Path, repeat: int) -> list[tuple[str, str, dict[str, float]]]:
    """Every page of every role on one folder, each in a fresh process; printed rows."""
    from pages.frame.navigation import page_files_for
    from scoring.enums import Role

    env = {**SERVER_ENV, "JURYDESK_DATA_DIR": str(folder), "JURYDESK_NIGHTLY_BACKUP_HOUR": "-1"}
    target = TARGETS_S[size]
    rows: list[tuple[str, str, dict[str, float]]] = []
    print(
        f"\n{size}: warm run (best of {repeat}) / cold run, CPU of the warm run ({machine_note()})"
    )
    for role, (name, password) in _logins(size).items():
        for page in ["login", *page_files_for(Role(role))]:
            found = run_child(__file__, "page", folder, name, password, page, repeat, env=env)
            bare = found.pop("bare")
            for label, times in found.items():
                rows.append((role, label, times))
                _line(role, label, times, bare, target)
    slowest = sorted(rows, key=lambda r: -r[2]["seconds"])[:3]
    say(
        f"{size}: the three slowest",
        "; ".join(f"{p} ({r}) {t['seconds'] * 1000:.0f} ms" for r, p, t in slowest),
    )
    by_wall = sum(1 for r in rows if r[2]["seconds"] > target)
    by_cpu = sum(1 for r in rows if r[2]["cpu"] > target)
    outcome = "PASS" if not by_wall else f"MISS ({by_wall} by wall time, {by_cpu} by CPU time)"
    say(f"{size}: every page ≤ {target * 1000:.0f} ms", f"{outcome}  ({machine_note()})")
    return rows


def _line(
    role: str, label: str, times: dict[str, float], bare: dict[str, float], target: float
) -> None:
    ratio = times["seconds"] / bare["seconds"]
    cold = f" / {times['cold'] * 1000:.0f}" if "cold" in times else ""
    say(
        f"  {role:<11} {label}",
        f"{times['seconds'] * 1000:6.0f}{cold} ms  CPU {times['cpu'] * 1000:.0f} ms"
        f"  ×{ratio:.0f} the bare run ({bare['seconds'] * 1000:.0f} ms)"
        f"  target ≤ {target * 1000:.0f} ms  {verdict(times['seconds'], target)}",
    )


def main() -> None:
    """Build the folders, run the children, print the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 000 entries at national size")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", choices=("demo", "national"), help="only this folder")
    args = parser.parse_args()
    print(f"page-run cost ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        if args.size in (None, "demo"):
            build_demo(Path(tmp) / "demo")
            run_size("demo", Path(tmp) / "demo", args.repeat)
        if args.size in (None, "national"):
            folder = Path(tmp) / "national"
            build_national(folder, 2_000 if args.quick else 10_000)
            run_size("national", folder, args.repeat)
    print(f"\nafter: {machine_note()}")


if __name__ == "__main__" and not serve_child({"page": child_page}):
    os.environ.setdefault("JURYDESK_NIGHTLY_BACKUP_HOUR", "-1")
    main()
