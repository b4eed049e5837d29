"""Browser page-ready of the coordinator's pages on the demo: ``python bench/page_ready.py``.

The real server (``streamlit run app.py``) over a fresh demo folder and one headless
Chromium at 1440×900, logged in as the coordinator. Each page is opened ``--repeat`` times
by its address; it is ready when its heading shows, the run has finished (no running
indicator) and its first table or chart is drawn. Printed per page: p50 and the slowest
of the repeats after the first (the first visit beside them), the target and PASS/MISS,
with the machine's load: Chromium shares the two cores with the server, so these are the
whole machine's times. The issue's figure is 评审进度 (progress): ≤ 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import machine_note, running_server, say, verdict

from tests.browser.chromium import CHROMIUM_ARGS, MISSING, chromium_path

PAGES = ("progress", "entries", "ranking", "compliance", "views", "units")
TARGET_S = 1.0
RUNNING = '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]'
DRAWN = '[data-testid="stDataFrame"], [data-testid="stTable"], .js-plotly-plot'
TIMEOUT_MS = 60_000


def log_in(page: object, base: str) -> None:
    page.goto(base + "/")  # type: ignore[attr-defined]
    page.get_by_role("textbox", name="用户名").fill("coord")  # type: ignore[attr-defined]
    page.get_by_role("textbox", name="密码").fill("jurydesk-demo")  # type: ignore[attr-defined]
    page.get_by_role("button", name="登录").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="作品列表").first.wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]


def ready_seconds(page: object, address: str) -> float:
    started = time.perf_counter()
    page.goto(address)  # type: ignore[attr-defined]
    page.locator('[data-testid="stHeading"]').first.wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    page.wait_for_function(f"() => !document.querySelector('{RUNNING}')", timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    page.locator(DRAWN).first.wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=6)
    args = parser.parse_args()
    chromium = chromium_path()
    if chromium is None:
        raise SystemExit(MISSING)
    from playwright.sync_api import sync_playwright

    print(machine_note())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with (
            running_server(folder / "data", folder / "server.log") as (base, _pid),
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
            log_in(page, base)
            for name in PAGES:
                first, *rest = [ready_seconds(page, f"{base}/{name}") for _ in range(args.repeat)]
                p50, slowest = statistics.median(rest), max(rest)
                say(
                    f"{name:<11}",
                    f"page-ready p50 {p50:.2f} s, slowest {slowest:.2f} s (first visit "
                    f"{first:.2f} s); target ≤ {TARGET_S:.0f} s: {verdict(p50, TARGET_S)}",
                )
            browser.close()
    print(machine_note())


if __name__ == "__main__":
    main()
