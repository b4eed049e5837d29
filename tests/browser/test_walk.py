"""The walk: every page of every demo role, in both languages, touched as a person would.

On each page it turns each toggle on and off, moves each select and multiselect to another
value, opens each tab and expander, selects the first row of each table and then changes a
filter. It fails on an exception box, an error in the server log, and — in Chinese — on
runs of Latin letters outside an allow-list, catalog-key-like strings or JSON. A failure
leaves a screenshot and the page text in ``test-artifacts/walk/``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from pages.frame.navigation import PAGES
from scoring.enums import Role
from scoring.i18n import translate
from tests.browser.conftest import signed_in_tab, wait_idle
from tests.conftest import ROOT, running_app

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "walk"
ERROR_BOX = '[data-testid="stException"]'
CRASH_TEXT = "This app has encountered an error"

# Latin words a Chinese page may show: units, formats, codecs, the explained E/A/F and the
# names of measures and products a coordinator knows by those letters.
LATIN_ALLOWED = frozenset(
    """
     GBK UTF-8 kb MB KB GB TB px fps kbps Mbps Hz kHz dB dBTP LUFS LU LRA ms mp mov mkv avi flv
     webm wmv mpeg mpg jpg jpeg png pdf csv xlsx json PDF CSV XLSX JSON JPG PNG MP MOV MKV
     AVI FLV WEBM WMV MPEG MPG AVC HEVC AAC MPEG-4 PCM E A F N V w ICC CQO Excel WPS UTF BOM
     ID URL English SHA SHA-256 sha srt ProRes yyyy mm dd before-restore H Kendall Krippendorff
     Spearman Pearson Cronbach
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
# Things removed before the Latin check: entry codes, file names, demo usernames, times.
STRIP = [
    re.compile(r"\b[A-Z]{1,6}-\d{2,4}-\d{2,4}\b"),
    re.compile(r"\bTJ-\d{3,}\b"),  # codes the app suggests for units' works
    re.compile(r"[\w\-.]+\.(?:mp4|mov|mkv|avi|flv|webm|pdf|jpg|jpeg|png|csv|xlsx|json|db)\b", re.I),
    re.compile(r"\b(?:admin|coord|judge\d+|unit\d+)\b"),
    re.compile(r"\b[0-9a-f]{16,}\b"),  # sha256 of a file
    re.compile(r"\bJURYDESK_[A-Z_]+\b"),  # a server setting's name
    re.compile(r"(?:/[\w.\-]+){2,}/?"),  # a folder on the server
    re.compile(r"\b[yY]{4}[/-][mM]{2}[/-][dD]{2}\b"),  # a date field's format
    re.compile(r"python -m scoring[^\n。，；）]*"),  # a command the page tells to run
    re.compile(r"\b\d+(?:\.\d+)?\s*(?:x|×)\s*\d+\b"),
    re.compile(r"\b(?:H\.26[45]|MPEG-4|1080p|720p|480p|4K)\b"),
]
KEY_LIKE = re.compile(r"\b[a-z]+_?[a-z]*\.[a-z][a-z_]+\b")
JSON_LIKE = re.compile(r'\{"|\["|\btrue\b|\bfalse\b|\bnull\b')

# What a person reads: main area, sidebar and any dialog, without the icons' ligature names.
VISIBLE_TEXT = """() => {
  const icons = [...document.querySelectorAll("*")].filter((e) => {
    // icon ligatures, text the page hides (0 px) and what people typed into fields
    const style = getComputedStyle(e);
    return style.fontFamily.includes("Material") || style.fontSize === "0px"
      || e.tagName === "TEXTAREA";
  });
  const names = icons.map((e) => e.textContent);
  const parts = [...document.querySelectorAll(
    '[data-testid="stMain"], [data-testid="stSidebar"], [role="dialog"]')];
  let text = parts.map((e) => e.innerText).join("\\n");
  for (const name of names) { if (name) text = text.split(name).join(" "); }
  return text;
}"""

ROLES = {
    "admin": (Role.ADMIN, "nav.entries"),
    "coord": (Role.COORDINATOR, "nav.entries"),
    "judge2": (Role.JUDGE, "nav.queue"),
    "unit1": (Role.UNIT, "nav.unit_works"),
}


def english_in(text: str) -> list[str]:
    """Latin words in ``text`` that a Chinese page should not show."""
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:-\d+)?", text)
    return sorted({w for w in words if w not in LATIN_ALLOWED and len(w) > 1})


def problems_in(text: str, language: str) -> list[str]:
    found: list[str] = []
    if CRASH_TEXT in text:
        found.append("crash text")
    if language == "zh":
        found += [f"English: {w}" for w in english_in(text)]
        found += [f"key-like: {m}" for m in sorted(set(KEY_LIKE.findall(text)))]
    found += [f"JSON-like: {m}" for m in sorted(set(JSON_LIKE.findall(text)))]
    return found


def pages_of(role: Role) -> list[tuple[str, str]]:
    return [(spec.url_path, spec.title_key) for spec in PAGES if role in spec.roles]


@pytest.fixture(scope="module")
def walk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    base_dir = tmp_path_factory.mktemp("walk")
    log = base_dir / "server.log"
    with running_app(base_dir / "data", log) as base:
        yield base, log


class Walker:
    """One person on one page: touches controls and checks what the page then says."""

    def __init__(self, page: Any, language: str, where: str, found: list[str]) -> None:
        self.page = page
        self.language = language
        self.where = where
        self.found = found
        self.seen: set[tuple[str, str]] = set()

    def check(self, step: str) -> None:
        wait_idle(self.page)
        text = self.page.evaluate(VISIBLE_TEXT)
        found = problems_in(text, self.language)
        if self.page.locator(ERROR_BOX).count():
            found.append("exception box")
        found = [f for f in found if (self.where, f) not in self.seen]
        self.seen.update((self.where, f) for f in found)
        if found:
            self._keep(step, text)
            self.found.append(f"{self.where} after {step}: {found}")

    def _keep(self, step: str, text: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"\W+", "_", f"{self.where}_{step}")[:120]
        self.page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
        (ARTIFACTS / f"{stem}.txt").write_text(text, encoding="utf-8")

    def each(self, selector: str, action: Callable[[Any], None], step: str) -> None:
        count = self.page.locator(selector).count()
        for index in range(count):
            target = self.page.locator(selector).nth(index)
            if not target.is_visible() or not target.is_enabled():
                continue
            action(target)
            self.check(f"{step} {index + 1}")

    def toggles(self) -> None:
        def twice(target: Any) -> None:
            target.click(force=True)
            wait_idle(self.page)
            target.click(force=True)

        self.each('main [role="switch"]', twice, "toggle")

    def selects(self) -> None:
        def other_value(target: Any) -> None:
            target.click()
            options = self.page.locator('[role="option"]')
            try:
                options.first.wait_for(timeout=5_000)
            except PlaywrightTimeout:
                self.page.keyboard.press("Escape")
                return
            try:  # a rerun may redraw the list under the pointer: then leave it
                options.nth(min(1, options.count() - 1)).click(timeout=5_000)
            except PlaywrightTimeout:
                self.page.keyboard.press("Escape")

        self.each('main [data-testid="stSelectbox"]', other_value, "select")

    def multiselects(self) -> None:
        def pick(target: Any) -> None:
            target.click()
            options = self.page.locator('[role="option"]')
            if options.count():
                with contextlib.suppress(PlaywrightTimeout):
                    options.first.click(timeout=5_000)
            self.page.keyboard.press("Escape")

        self.each('main [data-testid="stMultiSelect"]', pick, "multiselect")

    def tabs(self) -> None:
        self.each('main [role="tab"]', lambda tab: tab.click(), "tab")

    def expanders(self) -> None:
        self.each('main [data-testid="stExpander"] summary', lambda s: s.click(), "expander")

    def tables(self) -> None:
        def first_row(grid: Any) -> None:
            box = grid.bounding_box()
            if box is not None and box["height"] > 80:
                self.page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)

        self.each('main [data-testid="stDataFrame"]', first_row, "table row")
        # a switch in a tab the walk has left is hidden: take one a person can see
        switches = self.page.locator('main [role="switch"] >> visible=true')
        if switches.count() and switches.first.is_enabled():
            switches.first.click(force=True)
            self.check("filter after a row was selected")
            switches.first.click(force=True)

    def walk(self) -> None:
        self.check("opening")
        for step in (self.toggles, self.selects, self.multiselects, self.tabs, self.expanders):
            step()
        self.tables()


def switch_language(page: Any, language: str) -> None:
    if language == "en":
        # the sidebar's language switch (a unit's entry form may also offer "English")
        page.get_by_test_id("stSidebarUserContent").get_by_text("English", exact=True).click()
        wait_idle(page)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("username", list(ROLES))
def test_every_page_of_every_role(
    walk_server: tuple[str, Path], browser: Any, username: str, language: str
) -> None:
    base, log = walk_server
    role, first_title = ROLES[username]
    page = signed_in_tab(browser, base, username, translate(first_title, "zh"), locale="zh-CN")
    try:
        switch_language(page, language)
        # an admin's campaign pages are the coordinator's, walked there; opened here
        exercised = role != Role.ADMIN
        found: list[str] = []
        for url_path, title_key in pages_of(role):
            title = translate(title_key, language)
            link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
            link.click()
            if title_key != first_title:
                page.wait_for_url(f"**/{url_path}", timeout=30_000)
            wait_idle(page)
            page.locator('[data-testid="stHeading"]').first.wait_for(timeout=30_000)
            walker = Walker(page, language, f"{username}_{language}_{url_path}", found)
            staff_page = any(s.url_path == url_path and Role.COORDINATOR in s.roles for s in PAGES)
            if exercised or not staff_page:
                walker.walk()
            else:
                walker.check("opening")
    finally:
        page.context.close()
    assert not found, "\n".join(found)
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in logged, logged[-3000:]
