"""What one mark change costs the server, and why: ``python bench/mark_cost.py``.

One judge over Streamlit's websocket (``ws_load.Judge``: cookie login, queue, scoring
page) changes a mark ``--marks`` times, a change every 0.2 s, on the real server; the
server's CPU per change (less what the idle server spends by itself) and the change's
round trip, for four ways of running the change, each on a fresh server, alternated over
``--rounds``:

- ``form``: as the app runs: the rubric is a fragment (the browser asks for a run of it
  alone) and Streamlit's full garbage collection after every run is off (``.streamlit/
  config.toml``, ``runner.postScriptGC = false``);
- ``page``: the browser asks for a run of the whole page (as before the rubric was a
  fragment);
- ``form+gc`` / ``page+gc``: the same with ``gc.collect(2)`` after every run (Streamlit's
  default).

Ratios are to ``form``; the target is ≤ 45 ms of server CPU per change (100 judges at a
change every 5 s = 20 changes a second on one interpreter lock, with room to spare).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _common import cpu_seconds, machine_note, running_server, say, verdict
from ws_load import Judge, login_cookie, prepare

PAUSE_S = 0.2
TARGET_S = 0.045
VARIANTS = {  # name → (ask for the fragment alone, gc.collect after every run)
    "form": (True, False),
    "page": (False, False),
    "form+gc": (True, True),
    "page+gc": (False, True),
}


async def _marks(base: str, cookie: str, pid: int, marks: int, fragment: bool) -> dict[str, float]:
    judge = Judge(base, "load001", cookie)
    await judge.connect()
    await judge.run_page("")
    await judge.run_page("score")
    if not fragment:  # the browser of a page without the fragment: a run of the page
        run = judge.run_page
        judge.run_page = lambda page, widgets=None, fragment="": run(page, widgets, "")  # type: ignore[method-assign]
    await asyncio.sleep(1.0)
    idle_from, idle_cpu = time.monotonic(), cpu_seconds(pid)
    await asyncio.sleep(2.0)
    idle = (cpu_seconds(pid) - idle_cpu) / (time.monotonic() - idle_from)
    start, cpu = time.monotonic(), cpu_seconds(pid)
    for step in range(marks):
        await judge.change_mark(step)
        await asyncio.sleep(PAUSE_S)
    spent = cpu_seconds(pid) - cpu - idle * (time.monotonic() - start)
    await judge.ws.close()
    return {"cpu": spent / marks, "trip": statistics.median(judge.marks)}


def measure(template: Path, tmp: Path, variant: str, marks: int) -> dict[str, float]:
    fragment, gc = VARIANTS[variant]
    folder = tmp / f"cost-{variant}"
    shutil.copytree(template, folder)
    flags = ["--runner.postScriptGC", "true" if gc else "false"]
    try:
        with running_server(folder, tmp / f"server-{variant}.log", flags) as (base, pid):
            cookie = login_cookie(folder, "load001")
            return asyncio.run(_marks(base, cookie, pid, marks, fragment))
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marks", type=int, default=40, help="mark changes per server")
    parser.add_argument("--rounds", type=int, default=2, help="servers per variant")
    args = parser.parse_args()
    print(f"one judge's mark changes, server CPU and round trip ({machine_note()})")
    found: dict[str, list[dict[str, float]]] = {v: [] for v in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="bench-cost-") as tmp:
        template = Path(tmp) / "template"
        prepare(template, 1)
        for _ in range(args.rounds):
            for variant in VARIANTS:
                found[variant].append(measure(template, Path(tmp), variant, args.marks))
    best = {v: min(runs, key=lambda r: r["cpu"]) for v, runs in found.items()}
    base = best["form"]
    for variant, times in best.items():
        say(
            f"  {variant:<8} CPU per mark change",
            f"{times['cpu'] * 1000:5.1f} ms (×{times['cpu'] / base['cpu']:.1f} form)"
            f"  round trip p50 {times['trip'] * 1000:.0f} ms",
        )
    say(
        f"form: ≤ {TARGET_S * 1000:.0f} ms CPU per mark change",
        f"{verdict(base['cpu'], TARGET_S)}  ({machine_note()})",
    )


if __name__ == "__main__":
    main()
