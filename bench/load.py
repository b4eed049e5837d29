"""Load test with real browsers (issue 6): ``python bench/load.py [--quick]``.

The demo data folder gets extra judges (``accounts.add_user``) assigned every entry
(``assignment.run_assignment``); then the real server (``streamlit run app.py``) starts on
it. One headless Chromium (Playwright, async API) drives N logged-in contexts at once for
N = 1, 10, 30 (``--quick``: 1, 5, 10); N = 1 runs ``--baseline-runs`` times one after the
other so that its figures rest on more than one sample. Every context logs in as its own
fresh judge (five at a time; not timed), then all start together and each:

1. opens the queue (``/queue``): ready when its heading shows and the run has finished
   (Streamlit's ``script_finished`` message read off the page's websocket);
2. opens an entry (``/score``, the first one not yet submitted): ready when the six mark
   inputs show and the run has finished;
3. saves a scorecard: types the six marks, pausing ``--think-ms`` (300) before each, and
   waits for the autosave run each change starts to finish.

Printed per N: p50/p95 of both page-ready times and of a mark's save, the server's
highest resident memory during the round (VmRSS sampled every 20 ms), each as a ratio to
N = 1; then how many flows still show all six marks on screen, and, after the server
stops, whether the scorecards stored with exactly the six marks typed equal the flows
that completed. Chromium shares the two cores with the server, so the times are those of
the whole machine, not of the server alone.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    PASSWORD,
    Sampler,
    bench_settings,
    cpu_seconds,
    demo_with_judges,
    machine_note,
    percentile,
    query,
    rss_mb,
    running_server,
    say,
)

from tests.browser.chromium import CHROMIUM_ARGS as BASE_ARGS
from tests.browser.chromium import MARKS, MISSING, chromium_path

RUNNING = '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]'
IDLE = f"!document.querySelector('{RUNNING}')"
QUEUE_READY = (
    "[...document.querySelectorAll('h1')].some(h => h.textContent.includes('我的评审作品'))"
)
SCORE_READY = "document.querySelectorAll('input[type=number]').length >= 6"
TIMEOUT_MS = 180_000
LOGINS_AT_ONCE = 5
THINK_MS = 300
LOGIN_TIMEOUT_MS = 60_000
# The browser tests' flags, plus a cap on each renderer's JS heap.
CHROMIUM_ARGS = [*BASE_ARGS, "--disable-extensions", "--js-flags=--max-old-space-size=256"]


class Runs:
    """What the app's websocket says about its script runs (Streamlit's ForwardMsg)."""

    def __init__(self, page: Any) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._message, self._early = ForwardMsg, ForwardMsg.FINISHED_EARLY_FOR_RERUN
        self.finished, self.running, self.page = 0, False, page
        self.kinds: list[str] = []  # every message kind, for the trace of a lost mark
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        message = self._message.FromString(payload)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            kind = f"new_session(fragments={len(message.metadata.run.fragment_ids)})"
        elif kind == "script_finished":
            kind = f"finished({message.script_finished})"
        elif kind == "delta":
            delta = message.delta
            what = delta.WhichOneof("type")
            if what == "new_element":
                what = delta.new_element.WhichOneof("type")
            kind = f"delta({what})"
        if self.kinds and self.kinds[-1].split(" ×")[0] == kind:
            count = int(self.kinds[-1].split(" ×")[1]) if " ×" in self.kinds[-1] else 1
            self.kinds[-1] = f"{kind} ×{count + 1}"
        else:
            self.kinds.append(kind)
        kind = message.WhichOneof("type")
        if kind == "session_status_changed":
            self.running = message.session_status_changed.script_is_running
        elif kind == "script_finished" and message.script_finished != self._early:
            self.finished, self.running = self.finished + 1, False

    async def ready(self, condition: str, *, after: int) -> None:
        """Until a run begun after ``after`` finished runs has ended, the page shows no run
        in progress, and ``condition`` holds."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            settled = self.finished > after and not self.running
            if settled and await self.page.evaluate(f"() => ({condition}) && {IDLE}"):
                return
            await asyncio.sleep(0.02)
        raise TimeoutError(f"not ready: {condition}")


async def _ready(page: Any, condition: str, timeout_ms: int = TIMEOUT_MS) -> None:
    await page.wait_for_function(f"() => ({condition}) && {IDLE}", timeout=timeout_ms)


async def log_in(browser: Any, base: str, username: str) -> Any:
    """A context logged in as ``username`` (the login cookie is set); up to 3 attempts, as a
    click that lands while the page is still running can be lost."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    for attempt in range(3):
        try:
            await page.goto(base + "/", timeout=TIMEOUT_MS)
            await _ready(page, "document.querySelectorAll('input').length >= 2")
            await page.get_by_role("textbox", name="用户名").fill(username)
            await page.get_by_role("textbox", name="密码").fill(PASSWORD)
            await page.get_by_role("button", name="登录").click()
            logged_in = QUEUE_READY + " && document.cookie.includes('jurydesk_auth')"
            await _ready(page, logged_in, timeout_ms=LOGIN_TIMEOUT_MS)
            return context
        except Exception:
            if attempt == 2:
                await context.close()
                raise
    raise AssertionError("unreachable")


async def flow(context: Any, base: str, think_ms: int) -> dict[str, Any]:
    """Queue, entry, six marks; the seconds of each step (a failure says what the page
    showed)."""
    try:
        return await _flow(context, base, think_ms)
    except Exception as problem:
        shown = await context.pages[0].inner_text("body")
        raise RuntimeError(f"{problem!r}; page showed: {' '.join(shown.split())[:400]}") from None


async def _flow(context: Any, base: str, think_ms: int) -> dict[str, Any]:
    page = context.pages[0]

    runs = Runs(page)
    start, seen = time.perf_counter(), runs.finished
    await page.goto(base + "/queue", timeout=TIMEOUT_MS)
    await runs.ready(QUEUE_READY, after=seen)
    queue = time.perf_counter() - start
    start, seen = time.perf_counter(), runs.finished
    await page.goto(base + "/score", timeout=TIMEOUT_MS)
    await runs.ready(SCORE_READY, after=seen)
    score = time.perf_counter() - start
    saves, trace = [], []
    inputs = page.get_by_role("spinbutton")
    for n, value in enumerate(MARKS):
        await page.wait_for_timeout(think_ms)  # nobody types the instant a page appears
        running, mark = runs.running, len(runs.kinds)
        await inputs.nth(n).fill(value)
        filled = await inputs.nth(n).input_value()
        begun, seen = time.perf_counter(), runs.finished
        await inputs.nth(n).press("Tab")  # the change reruns the rubric fragment, which saves
        await runs.ready("true", after=seen)
        saves.append(time.perf_counter() - begun)
        after = await inputs.nth(n).input_value()
        trace.append(f"{value}: run {'busy' if running else 'idle'}, box {filled!r} → {after!r}")
        if filled != after and float(filled) != float(after or "nan"):
            trace.append("messages: " + ", ".join(runs.kinds[mark:]))

    shown = [await inputs.nth(n).input_value() for n in range(len(MARKS))]
    return {"queue": queue, "score": score, "saves": saves, "shown": shown, "trace": trace}


async def one_round(
    browser: Any, base: str, names: list[str], pid: int, think_ms: int
) -> dict[str, Any]:
    """Log ``names`` in (a few at a time; not timed), then run their flows all together
    while sampling the server's memory."""
    gate = asyncio.Semaphore(LOGINS_AT_ONCE)

    async def gated(name: str) -> Any:
        async with gate:
            return await log_in(browser, base, name)

    logged = await asyncio.gather(*(gated(n) for n in names), return_exceptions=True)
    contexts = [c for c in logged if not isinstance(c, BaseException)]
    refused = [f"login: {c!r}"[:300] for c in logged if isinstance(c, BaseException)]
    before, cpu = rss_mb(pid), cpu_seconds(pid)
    sampler = Sampler(pid)
    sampler.start()
    wall, outcomes = await _timed_gather(flow(c, base, think_ms) for c in contexts)
    peak = sampler.stop()
    await asyncio.gather(*(c.close() for c in contexts))
    done = [o for o in outcomes if isinstance(o, dict)]
    failed = refused + [repr(o)[:700] for o in outcomes if not isinstance(o, dict)]
    cpu = cpu_seconds(pid) - cpu
    return {
        "done": done,
        "failed": failed,
        "before": before,
        "peak": peak,
        "cpu": cpu,
        "wall": wall,
    }


async def _timed_gather(works: Any) -> tuple[float, list[Any]]:
    start = time.perf_counter()
    outcomes = await asyncio.gather(*works, return_exceptions=True)
    return time.perf_counter() - start, outcomes


async def drive(
    base: str, pid: int, plan: list[tuple[int, list[str]]], think_ms: int
) -> list[dict[str, Any]]:
    """Every round of ``plan`` (N, judge names) with one browser."""
    from playwright.async_api import async_playwright

    executable = chromium_path()
    if executable is None:
        raise SystemExit(MISSING)
    results = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        for size, names in plan:
            found = await one_round(browser, base, names, pid, think_ms)
            results.append({"n": size, **found})
            done, failed = len(found["done"]), len(found["failed"])
            print(f"  round N={size}: {done} flows done, {failed} failed ({machine_note()})")
        await browser.close()
    return results


def stored_cards(folder: Path, names: list[str]) -> int:
    """Scorecards of ``names`` holding exactly the six marks typed (read after the server
    stopped, as DuckDB lets one process hold the file)."""
    from scoring.services.context import open_context

    ctx = open_context(bench_settings(folder))
    rows = query(
        ctx,
        "SELECT list(m.value ORDER BY r.position) FROM scorecards s"
        " JOIN users u ON u.id = s.judge_id JOIN marks m ON m.scorecard_id = s.id"
        " JOIN rubric_criteria r ON r.key = m.criterion_key AND r.campaign_id = s.campaign_id"
        " WHERE list_contains(?, u.username) GROUP BY s.id",
        names,
    )
    changes = query(
        ctx,
        "SELECT u.username, list(c.field || ' ' || coalesce(c.old_value, '∅') || '→'"
        " || coalesce(c.new_value, '∅') ORDER BY c.id) FROM scorecards s"
        " JOIN users u ON u.id = s.judge_id JOIN scorecard_changes c ON c.scorecard_id = s.id"
        " WHERE list_contains(?, u.username)"
        " AND (SELECT count(*) FROM marks m WHERE m.scorecard_id = s.id) < 6"
        " GROUP BY u.username ORDER BY u.username",
        names,
    )
    ctx.db.close()
    for username, history in changes[:5]:
        print(f"  incomplete card of {username}: {'; '.join(history)}")
    return sum(1 for (marks,) in rows if marks == [float(v) for v in MARKS])


def _lost(done: dict[str, Any]) -> bool:
    return bool(done["shown"] != [f"{float(v):.1f}" for v in MARKS])


def _pool(results: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Rounds of the same N pooled: samples of each step, highest memory, failures."""
    pooled: dict[int, dict[str, Any]] = {}
    for r in results:
        slot = pooled.setdefault(r["n"], {"queue": [], "score": [], "save": [], "failed": []})
        slot["queue"] += [d["queue"] for d in r["done"]]
        slot["score"] += [d["score"] for d in r["done"]]
        slot["save"] += [s for d in r["done"] for s in d["saves"]]
        slot["failed"] += r["failed"]
        slot["before"] = min(slot.get("before", r["before"]), r["before"])
        slot["peak"] = max(slot.get("peak", 0.0), r["peak"])
        slot["cpu"] = slot.get("cpu", 0.0) + r["cpu"]
        slot["wall"] = slot.get("wall", 0.0) + r["wall"]
        slot["lost"] = slot.get("lost", []) + [d for d in r["done"] if _lost(d)]
    return pooled


def report(results: list[dict[str, Any]]) -> None:
    """One block per N, ratios to N = 1 (its runs pooled)."""
    pooled = _pool(results)
    base = pooled[1] if pooled.get(1, {}).get("queue") else None
    for n, f in pooled.items():
        flows = f"N = {n:>2} ({len(f['queue'])} flows, {len(f['failed'])} failed)"
        if not f["queue"]:
            say(flows, f"no flow finished: {f['failed'][:2]}")
            continue
        parts = []
        for key in ("queue", "score", "save"):
            p50, p95 = percentile(f[key], 0.5), percentile(f[key], 0.95)
            parts.append(f"{key} p50 {p50:.2f} s p95 {p95:.2f} s")
            if base:
                b50, b95 = percentile(base[key], 0.5), percentile(base[key], 0.95)
                parts[-1] += f" (×{p50 / b50:.1f} / ×{p95 / b95:.1f})"
        say(flows, ";  ".join(parts))
        memory = f"server RSS before {f['before']:.0f} MB, highest during {f['peak']:.0f} MB"
        say("", memory + (f" (×{f['peak'] / base['peak']:.2f})" if base else ""))
        per_flow = f["cpu"] / len(f["queue"])
        say("", f"server CPU {f['cpu']:.1f} s in {f['wall']:.1f} s ({per_flow:.2f} s per flow)")
        for lost in f["lost"][:3]:
            say("", f"marks on screen at the end: {lost['shown']} (typed {list(MARKS)})")
            say("", "as typed: " + "; ".join(lost["trace"]))

        for failure in f["failed"][:3]:
            say("", f"failed: {failure}")


def main() -> None:
    """Prepare, serve, drive every round, stop, count the stored scorecards."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 1, 5, 10")
    parser.add_argument("--sizes", type=int, nargs="*")
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument(
        "--think-ms", type=int, default=THINK_MS, help="pause before typing each mark"
    )
    args = parser.parse_args()
    sizes = args.sizes or ([1, 5, 10] if args.quick else [1, 10, 30])
    counts = [1] * args.baseline_runs + [s for s in sizes if s != 1]
    print(f"issue 6 — load test, N = {', '.join(map(str, sizes))} ({machine_note()})")
    print("ratios are ×p50/×p95 against N = 1; no fixed targets (issue 6 asks for the figures)")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        folder = Path(tmp) / "data"
        names = demo_with_judges(folder, sum(counts))
        plan, at = [], 0
        for size in counts:
            plan.append((size, names[at : at + size]))
            at += size
        with running_server(folder, Path(tmp) / "server.log") as (base, pid):
            results = asyncio.run(drive(base, pid, plan, args.think_ms))
        stored = stored_cards(folder, names)
    report(results)
    made = sum(len(r["done"]) for r in results)
    shown = sum(1 for r in results for d in r["done"] if not _lost(d))
    say("flows showing all six marks at the end", f"{shown} of {made}")
    say(
        "scorecards stored with the 6 marks",
        f"{stored} for {made} completed flows  {'PASS' if stored == made else 'MISS'}",
    )
    print(f"after: {machine_note()}")


if __name__ == "__main__":
    main()
