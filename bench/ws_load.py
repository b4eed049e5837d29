"""Judges at their own pace, without a browser: ``python bench/ws_load.py [--quick]``.

The real server (``streamlit run app.py``) on the demo data folder plus as many judges as
the largest run needs (``load001``…), every one assigned every entry. Each simulated
judge is one websocket speaking Streamlit's own protocol (the ``streamlit.proto``
messages the browser sends and receives): it connects with its login cookie (minted with
the folder's key, as the browser would hold it after logging in: the page logs in from
the cookie on its first run), opens the queue (the role's default page), then the
scoring page (``/score``, which opens the first entry), then changes one mark every 5 s
(a judge's pace; the boxes in turn, each time a new value), as the browser does: a
``rerun_script`` request carrying the changed widget's value. A mark's round trip is
from sending that request to the run's ``script_finished``.

For N = 10, 50, 100, 200 (``--quick``: 5, 10) judges, each run on a fresh copy of the
folder and a fresh server, with the judges starting over the first 5 s: p50/p95 of a
mark's round trip, of opening the queue and of opening the scoring page; the server's
CPU seconds per flow (a judge's login, queue and entry — the server's CPU while the judges
open their pages ÷ N — plus their marks) and per mark (the server's CPU while marking ÷
the marks, less what the idle server uses by itself); its peak resident memory; and
whether every mark was stored (the server stopped, each judge's card read back: each
box's last value sent is its stored mark). The p95 at N is printed as a ratio to N = the
smallest, with the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    Sampler,
    cpu_seconds,
    demo_with_judges,
    machine_note,
    percentile,
    running_server,
    say,
)

PACE_S = 5.0
START_SPREAD_S = 5.0
TIMEOUT_S = 120.0
IDLE_S = 5.0


def login_cookie(folder: Path, username: str) -> str:
    """The login cookie the browser holds after ``username`` logged in (same key, same
    token as the app's authenticator writes)."""
    import jwt

    key = (folder / "cookie.key").read_text().strip()
    expires = time.time() + 86_400
    token = jwt.encode({"username": username, "exp_date": expires}, key, algorithm="HS256")
    return f"jurydesk_auth={token}"


class Judge:
    """One simulated judge: a websocket session of the app."""

    def __init__(self, base: str, name: str, cookie: str) -> None:
        self.base, self.name, self.cookie = base, name, cookie
        self.ws: Any = None
        self.boxes: dict[str, str] = {}  # criterion key → widget id of its mark box
        self.fragment = ""  # the fragment the mark boxes sit in ("" if none)
        self.entry_id = 0
        self.sent: dict[str, float] = {}  # criterion key → the last value sent
        self.marks: list[float] = []  # round trips, seconds
        self.pages: dict[str, float] = {}

    async def connect(self) -> None:
        import websockets

        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await websockets.connect(
            url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=self.base,  # type: ignore[arg-type]
            additional_headers={"Cookie": self.cookie},
            max_size=None,
            open_timeout=TIMEOUT_S,
            ping_interval=None,  # the browser does not ping either; a busy server is slow, not gone
        )

    async def run_page(
        self, page: str, widgets: list[Any] | None = None, fragment: str = ""
    ) -> float:
        """Ask for a run of ``page`` with ``widgets`` changed (of ``fragment`` alone, as the
        browser asks when the widget sits in one); seconds until it finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        state = message.rerun_script
        state.page_name = page
        state.fragment_id = fragment
        for widget in widgets or []:
            state.widget_states.widgets.append(widget)
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        await self._until_finished()
        return time.perf_counter() - start

    async def _until_finished(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        early = ForwardMsg.FINISHED_EARLY_FOR_RERUN
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), TIMEOUT_S)
            if isinstance(raw, str):
                continue
            message = ForwardMsg.FromString(raw)
            kind = message.WhichOneof("type")
            if kind == "delta":
                self._read_delta(message.delta)
            elif kind == "script_finished" and message.script_finished != early:
                return

    def _read_delta(self, delta: Any) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        if element.WhichOneof("type") != "number_input":
            return
        widget_id = element.number_input.id  # …-mark-<entry id>-<criterion key>
        _, entry, key = widget_id.rsplit("-", 2)
        self.entry_id, self.boxes[key] = int(entry), widget_id
        self.fragment = delta.fragment_id

    async def change_mark(self, step: int) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        keys = sorted(self.boxes)
        key = keys[step % len(keys)]
        value = ((step // len(keys)) % 20 + 1) / 2  # 0.5 … 10, a new value each round
        widget = WidgetState(id=self.boxes[key], double_value=value)
        self.marks.append(await self.run_page("score", [widget], self.fragment))
        self.sent[key] = value


async def open_pages(judge: Judge, *, delay: float) -> None:
    """Connect (the first run logs in from the cookie), the queue, then the scoring page."""
    await asyncio.sleep(delay)
    start = time.perf_counter()
    await judge.connect()
    judge.pages["queue"] = await judge.run_page("")  # the role's default page
    judge.pages["connect+queue"] = time.perf_counter() - start
    judge.pages["score"] = await judge.run_page("score")
    if not judge.boxes:
        raise RuntimeError("the scoring page showed no mark boxes")


async def keep_marking(judge: Judge, *, until: float) -> None:
    """A mark every ``PACE_S`` (±20 %) until ``until``, then close."""
    step = 0
    await asyncio.sleep(PACE_S * random.uniform(0, 1))  # judges do not type in step
    while time.monotonic() + PACE_S < until:
        await judge.change_mark(step)
        step += 1
        await asyncio.sleep(PACE_S * random.uniform(0.8, 1.2))
    await judge.ws.close()


async def _gather(tasks: list[Any]) -> list[str]:
    """Run the flows; what went wrong in those that failed (each failure is reported)."""
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    return [repr(o) for o in outcomes if isinstance(o, BaseException)]


async def _drive(base: str, cookies: dict[str, str], seconds: float, pid: int) -> dict[str, Any]:
    """Open every judge's pages (spread over ``START_SPREAD_S``), then mark for
    ``seconds``; the server's CPU seconds of each phase."""
    judges = [Judge(base, name, cookie) for name, cookie in cookies.items()]
    spread = [START_SPREAD_S * n / max(1, len(judges)) for n in range(len(judges))]
    cpu, idle_start = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(IDLE_S)  # what the server spends with nobody connected
    idle = (cpu_seconds(pid) - cpu) / (time.monotonic() - idle_start)
    cpu = cpu_seconds(pid)
    failed = await _gather([open_pages(j, delay=d) for j, d in zip(judges, spread, strict=True)])
    opening, cpu = cpu_seconds(pid) - cpu, cpu_seconds(pid)
    until, begun = time.monotonic() + seconds, time.monotonic()
    judges = [j for j in judges if j.boxes]  # those whose scoring page opened
    failed += await _gather([keep_marking(j, until=until) for j in judges])
    marking = cpu_seconds(pid) - cpu - idle * (time.monotonic() - begun)
    return {
        "judges": judges,
        "cpu_open": opening,
        "cpu_marks": marking,
        "idle": idle,
        "failed": failed,
    }


def stored_marks(folder: Path, names: list[str]) -> dict[str, dict[str, float]]:
    """Each load judge's marks as stored, by username (the server is stopped)."""
    from _common import bench_settings, query

    from scoring.services.context import open_context

    ctx = open_context(bench_settings(folder))
    try:
        rows = query(
            ctx,
            "SELECT u.username, m.criterion_key, m.value FROM marks m"
            " JOIN scorecards s ON s.id = m.scorecard_id JOIN users u ON u.id = s.judge_id"
            " WHERE list_contains(?, u.username)",
            names,
        )
    finally:
        ctx.db.close()
    found: dict[str, dict[str, float]] = {}
    for name, key, value in rows:
        found.setdefault(name, {})[key] = value
    return found


def run_one(template: Path, tmp: Path, names: list[str], seconds: float) -> dict[str, Any]:
    """N judges (``names``) on a fresh copy of the folder and a fresh server."""
    folder = tmp / f"load-{len(names)}"
    shutil.copytree(template, folder)
    cookies = {n: login_cookie(folder, n) for n in names}
    with running_server(folder, tmp / f"server-{len(names)}.log") as (base, pid):
        sampler = Sampler(pid)
        sampler.start()
        driven = asyncio.run(_drive(base, cookies, seconds, pid))
        peak = sampler.stop()
    judges = driven["judges"]
    stored = stored_marks(folder, names)
    lost = sum(
        1
        for judge in judges
        for key, value in judge.sent.items()
        if stored.get(judge.name, {}).get(key) != value
    )
    marks = [m for j in judges for m in j.marks]
    shutil.rmtree(folder)
    return {
        "n": len(names),
        "marks": marks,
        "queue": [j.pages["connect+queue"] for j in judges],
        "score": [j.pages["score"] for j in judges],
        "cpu_open": driven["cpu_open"],
        "cpu_marks": driven["cpu_marks"],
        "idle": driven["idle"],
        "rss": peak,
        "sent": sum(len(j.sent) for j in judges),
        "boxes_changed": sum(len(j.marks) for j in judges),
        "lost": lost,
        "failed": driven["failed"],
    }


def _ms(values: list[float], share: float) -> str:
    return f"{percentile(values, share) * 1000:.0f}" if values else "—"


def report(found: dict[str, Any], smallest: dict[str, Any]) -> None:
    n, marks = found["n"], found["marks"]
    ratio = percentile(marks, 0.95) / percentile(smallest["marks"], 0.95)
    say(
        f"N = {n:3d}: a mark's round trip",
        f"p50 {_ms(marks, 0.5)} ms  p95 {_ms(marks, 0.95)} ms  (×{ratio:.1f} N = "
        f"{smallest['n']}; {len(marks)} changes)",
    )
    say(
        "        open the queue / scoring page",
        f"p50 {_ms(found['queue'], 0.5)} / {_ms(found['score'], 0.5)} ms"
        f"  p95 {_ms(found['queue'], 0.95)} / {_ms(found['score'], 0.95)} ms",
    )
    per_mark = found["cpu_marks"] / max(1, len(marks))
    per_flow = found["cpu_open"] / n + per_mark * len(marks) / n
    say(
        "        server CPU, memory",
        f"{per_flow:.2f} s per flow ({found['cpu_open'] / n * 1000:.0f} ms to open queue and"
        f" entry, {per_mark * 1000:.0f} ms per mark, the idle server's own"
        f" {found['idle'] * 1000:.0f} ms/s left out); peak RSS {found['rss']:.0f} MB",
    )
    outcome = "PASS" if not found["lost"] else f"MISS ({found['lost']} not as sent)"
    if found["failed"]:
        outcome += f"; {len(found['failed'])} flows failed, e.g. {found['failed'][0][:120]}"
    say(
        "        every mark stored",
        f"{outcome}: {found['boxes_changed']} changes, {found['sent']} boxes' last values"
        f" checked  ({machine_note()})",
    )


def main() -> None:
    """Build the folder once, then one server per N."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 5, 10 for 20 s")
    parser.add_argument("--sizes", default="", help="comma-separated N (default 10,50,100,200)")
    parser.add_argument("--seconds", type=float, default=60.0, help="marking time per run")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n] or (
        [5, 10] if args.quick else [10, 50, 100, 200]
    )
    seconds = 20.0 if args.quick else args.seconds
    print(f"judges over the websocket, one mark per {PACE_S:g} s ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-ws-") as tmp:
        template = Path(tmp) / "template"
        names = demo_with_judges(template, max(sizes), digits=3)
        smallest: dict[str, Any] | None = None
        for n in sizes:
            found = run_one(template, Path(tmp), names[:n], seconds)
            smallest = smallest or found
            report(found, smallest)
    print(f"after: {machine_note()}")


if __name__ == "__main__":
    main()
