"""The judging-progress page's script time: ``python bench/progress_page.py [--baseline REV]``.

Two data folders: the demo campaign (15 entries, 5 judges), and a provincial round of 100
entries with 9 judges each scoring every one (900 scorecards: two thirds submitted, one
sixth drafts, the rest not started; marks on every card). In a fresh child process per
folder, AppTest logs the coordinator in, then renders ``pages/coord_progress.py`` and, as
the floor, ``pages/coord_entries.py`` (the lightest staff page: the same frame, one query,
one table): one cold run, then best of ``--repeat``. Printed: seconds of each page and
the ratio progress / entries.

``--baseline REV`` also runs the same children on the code of git revision ``REV`` (this
script is copied beside it), so that before and after are measured side by side in one run
and their ratio printed. Target: the progress page costs at most 2× the floor.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    BENCH_ACTOR,
    PASSWORD,
    ROOT,
    SERVER_ENV,
    add_entries,
    add_judges,
    assign_all,
    campaign_id_of,
    close,
    machine_note,
    new_data_dir,
    run_child,
    say,
    serve_child,
    timed,
    verdict,
)

TARGET_RATIO = 2.0
PAGES = {"progress": "pages/coord_progress.py", "floor": "pages/coord_entries.py"}
ROUND_ENTRIES, ROUND_JUDGES = 100, 9


def build_round(folder: Path) -> None:
    """100 entries, 9 judges on every entry, a coordinator; cards in three states."""
    from scoring.enums import Role
    from scoring.services.users import add_user

    ctx, report = new_data_dir(folder, demo=False)
    campaign = campaign_id_of(report)
    entries = add_entries(ctx, campaign, ROUND_ENTRIES, prefix="GS-2023")
    judges = [i for i, _ in add_judges(ctx, ROUND_JUDGES, prefix="judge")]
    assign_all(ctx, campaign, judges, entries)
    add_user(
        ctx,
        actor=BENCH_ACTOR,
        username="coord",
        password=PASSWORD,
        role=Role.COORDINATOR,
        display_name="工作人员",
    )

    def work(cur: Any) -> None:
        cur.execute(
            """
            INSERT INTO scorecards (campaign_id, judge_id, entry_id, status, watch_share,
                entered_by, created_at, updated_at, submitted_at)
            SELECT ?, a.judge_id, a.entry_id,
                CASE WHEN (a.judge_id + a.entry_id) % 6 < 4 THEN 'submitted' ELSE 'draft' END,
                0.95, a.judge_id, now(), now(),
                CASE WHEN (a.judge_id + a.entry_id) % 6 < 4 THEN now() END
            FROM assignments a WHERE a.campaign_id = ? AND (a.judge_id + a.entry_id) % 6 < 5
            """,
            [campaign, campaign],
        )
        cur.execute(
            "INSERT INTO marks SELECT s.id, r.key, 7.5 FROM scorecards s, rubric_criteria r"
            " WHERE r.campaign_id = s.campaign_id AND s.campaign_id = ?",
            [campaign],
        )

    ctx.db.write(work)
    close(ctx)


def child_pages(repeat: str, password: str) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.text_input[0].input("coord")
    at.text_input[1].input(password)
    at.button[0].click().run()
    at.run()
    result: dict[str, Any] = {}
    for name, page in PAGES.items():
        cold, _ = timed(lambda p=page: at.switch_page(p).run())
        runs = [timed(lambda p=page: at.switch_page(p).run())[0] for _ in range(int(repeat))]
        assert not at.exception, at.exception
        assert at.title, f"{page} rendered no title"
        result[name] = {"cold": cold, "seconds": min(runs)}
    return result


def baseline_copy(rev: str, into: Path) -> Path:
    """The code of ``rev`` in ``into``, with this script and its helpers beside it."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True
    ).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "bench").mkdir(exist_ok=True)
    for name in ("progress_page.py", "_common.py"):
        shutil.copy(ROOT / "bench" / name, into / "bench" / name)
    return into / "bench" / "progress_page.py"


def measure(script: Path, folder: Path, password: str, repeat: int) -> dict[str, Any]:
    env = {**SERVER_ENV, "JURYDESK_DATA_DIR": str(folder), "JURYDESK_NIGHTLY_BACKUP_HOUR": "-1"}
    return run_child(str(script), "pages", repeat, password, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", help="git revision to measure side by side")
    args = parser.parse_args()
    print(machine_note())
    with tempfile.TemporaryDirectory(prefix="bench-progress-") as tmp:
        root = Path(tmp)
        demo, provincial = root / "demo", root / "round"
        close(new_data_dir(demo, demo=True)[0])
        build_round(provincial)
        scripts = {"this": Path(__file__).resolve()}
        if args.baseline:
            scripts["baseline"] = baseline_copy(args.baseline, root / "baseline")
        folders = {"demo": (demo, "jurydesk-demo"), "round": (provincial, PASSWORD)}
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for label, (folder, password) in folders.items():
            for code, script in scripts.items():
                # a copy of the folder per run: every code starts from the same file
                copy = root / f"{label}-{code}"
                shutil.copytree(folder, copy)
                found[label, code] = got = measure(script, copy, password, args.repeat)
                progress, floor = got["progress"]["seconds"], got["floor"]["seconds"]
                say(
                    f"{label:5} {code:8}",
                    f"progress {progress:.3f} s (cold {got['progress']['cold']:.3f}), "
                    f"entries {floor:.3f} s; ratio {progress / floor:.2f} "
                    f"(target ≤ {TARGET_RATIO}) {verdict(progress / floor, TARGET_RATIO)}",
                )
            if args.baseline:
                before = found[label, "baseline"]["progress"]["seconds"]
                after = found[label, "this"]["progress"]["seconds"]
                say(f"{label:5} before/after", f"{before / after:.2f}× faster")


if __name__ == "__main__" and not serve_child({"pages": child_pages}):
    main()
