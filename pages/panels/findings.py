"""Showing compliance findings and media facts as text."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from pages.frame.runtime import plain, t
from pages.panels.hints import hint_count
from pages.panels.table_rows import duration_text, size_text
from pages.panels.tables import fact_list
from scoring.domain.compliance import EntryCompliance
from scoring.enums import Severity
from scoring.i18n import translate
from scoring.records.compliance import Finding
from scoring.records.media import MediaFile
from scoring.services.entries.hints import EntryHints

# Streamlit's own Material icons: drawn by the app's icon font, not by an emoji font the
# computer may lack (emoji showed as empty boxes there).
ICONS = {
    Severity.OK: ":material/check_circle:",
    Severity.WARNING: ":material/warning:",
    Severity.ERROR: ":material/error:",
}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.OK: 2}


def finding_text(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang``."""
    return translate(finding.message_key, lang, **finding.params)


def _line(finding: Finding, lang: str) -> str:
    """Rule name and message, Markdown-escaped (the message quotes the entrant's text)."""
    rule = t("rule_name." + finding.rule)
    return plain(t("compliance.finding_line", rule=rule, message=finding_text(finding, lang)))


def show_findings(findings: list[Finding], lang: str, *, only_problems: bool = False) -> None:
    """Errors first (red), then warnings (amber), each saying what to fix; the checks that
    passed folded away below them."""
    ordered = sorted(findings, key=lambda f: (_ORDER[f.severity], f.position))
    for finding in ordered:
        if finding.severity is Severity.ERROR:
            st.error(_line(finding, lang), icon=ICONS[Severity.ERROR])
        elif finding.severity is Severity.WARNING:
            st.warning(_line(finding, lang), icon=ICONS[Severity.WARNING])
    passed = [f for f in ordered if f.severity is Severity.OK]
    if only_problems or not passed:
        return
    if len(passed) == len(ordered):
        st.success(t("compliance.all_passed", count=len(passed)), icon=ICONS[Severity.OK])
    with st.expander(t("compliance.passed", count=len(passed)), icon=ICONS[Severity.OK]):
        for finding in passed:
            st.markdown(f":green[{ICONS[Severity.OK]}] {_line(finding, lang)}")


def media_facts(media: MediaFile | None) -> None:
    """The probe's facts of the stored original."""
    if media is None:
        st.warning(t("compliance.no_media"))
        return
    rows = {
        t("media.original_name"): media.original_name,
        t("media.container"): media.container or "",
        t("media.video_codec"): media.video_codec or "—",
        t("media.audio_codec"): media.audio_codec or "—",
        t("entry.size"): size_text(media.width, media.height),
        t("media.rotation"): f"{media.rotation or 0}°",
        t("entry.duration"): duration_text(media.duration_s),
        t("media.fps"): f"{media.fps:g}" if media.fps else "",
        t("media.bit_rate"): f"{round((media.bit_rate or 0) / 1000)} kb/s",
        t("media.size_bytes"): f"{media.size_bytes:,}",
        t("media.preview"): t("preview." + media.preview_status),
        t("media.sha256"): media.sha256,
    }
    fact_list(list(rows.items()))


def compliance_rows(
    report: list[EntryCompliance], hints: Mapping[int, EntryHints] | None = None
) -> list[dict[str, object]]:
    """The entries × findings overview, with how many media hints each entry has (each
    text looked up once: a national round has 10 000 rows)."""
    hints = hints or {}
    words: dict[str, str] = {}

    def word(key: str) -> str:
        found = words.get(key)
        if found is None:
            found = words[key] = t(key)
        return found

    return [
        {
            word("entry.code"): r.entry.code,
            word("entry.title"): r.entry.title,
            word("entry.category"): word("category." + r.entry.category.value),
            word("entry.recommender"): r.entry.recommender,
            word("compliance.worst"): word("severity." + r.worst.value),
            word("severity.error"): r.errors,
            word("severity.warning"): r.warnings,
            word("compliance.hints"): hint_count(hints.get(r.entry.id)),
        }
        for r in report
    ]
