"""Media hints beside an entry's compliance findings (coordinators and admins only).

Hints are not findings: they are shown in a neutral colour, with the time of each stretch
as a button that moves the entry's player there.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from pages.frame.runtime import attempt, current_actor, lang, plain, t
from pages.panels.player import seek_to
from scoring.domain.hints import TARGET_LUFS, TRUE_PEAK_MAX_DBTP, Hint, clock_text
from scoring.services.context import Context
from scoring.services.entries.hints import (
    EntryHints,
    HintsProgress,
    SameFilm,
    entry_hints,
    hint_text,
)

ICON = ":material/lightbulb:"


def hints_progress_line(progress: HintsProgress) -> None:
    """How many of the campaign's videos are measured, while some are not."""
    if progress.done + progress.failed >= progress.total:
        return
    key = "hints.progress_failed" if progress.failed else "hints.progress"
    st.caption(t(key, done=progress.done, total=progress.total, failed=progress.failed))


def hint_count(hints: EntryHints | None) -> str:
    """The compliance table's cell: how many hints, or that measuring is not done."""
    if hints is None or hints.status == "no_media":
        return "—"
    return str(hints.count) if hints.status == "done" else t("hints.count_pending")


def hints_panel(ctx: Context, *, entry_id: int, player_key: str) -> None:
    """The entry's hints; while its video is measured, a progress bar that follows."""
    hints = attempt(lambda: entry_hints(ctx, actor=current_actor(), entry_id=entry_id))
    if hints is None:
        return
    st.subheader(t("hints.title"), anchor=False)
    st.caption(t("hints.caption"))
    if hints.status in ("pending", "running") and ctx.settings.background_previews:
        _measuring(ctx, entry_id)  # the app's worker is measuring: follow it
    elif hints.status in ("pending", "running"):
        st.caption(t("hints.pending"))
    elif hints.status == "failed":
        st.caption(plain(t("hints.failed", reason=hints.error or "")))
    elif hints.status == "no_media":
        st.caption(t("hints.no_media"))
    else:
        _measured(hints, player_key)


@st.fragment(run_every=timedelta(seconds=2))
def _measuring(ctx: Context, entry_id: int) -> None:
    """The progress of measuring; the page reruns when the hints are there."""
    hints = attempt(lambda: entry_hints(ctx, actor=current_actor(), entry_id=entry_id))
    if hints is None or hints.status not in ("pending", "running"):
        st.rerun(scope="app")
        return
    if hints.status == "pending":
        st.caption(t("hints.pending"))
    else:
        percent = round(hints.progress * 100)
        st.progress(hints.progress, text=t("hints.running", percent=percent))


def _measured(hints: EntryHints, player_key: str) -> None:
    measures = hints.measures
    sound = measures.loudness if measures else None
    if sound is None:
        st.caption(t("hints.no_audio"))
    else:
        peak = "—" if sound.true_peak_dbtp is None else f"{sound.true_peak_dbtp:.1f}"
        st.caption(
            t(
                "hints.loudness",
                lufs=f"{sound.integrated_lufs:.1f}",
                lra=f"{sound.range_lu:.1f}",
                peak=peak,
                target=f"{TARGET_LUFS:.0f}",
                limit=f"{TRUE_PEAK_MAX_DBTP:.0f}",
            )
        )
    for same in hints.same_film:
        _same_film(same, player_key)
    for n, hint in enumerate(hints.hints):
        _hint(hint, player_key, n)
    if not hints.count:
        st.caption(t("hints.none"))


def _hint(hint: Hint, player_key: str, n: int) -> None:
    text, button = st.columns([3, 1], vertical_alignment="center")
    text.info(hint_text(hint, lang()), icon=ICON)
    if hint.start_s is not None:
        _seek_button(button, player_key, hint.start_s, f"{player_key}-hint-{n}")


def _same_film(same: SameFilm, player_key: str) -> None:
    extent = t("hints.whole" if same.whole else "hints.part")
    st.info(
        plain(t("hints.same_film", code=same.code, title=same.title, extent=extent)),
        icon=":material/content_copy:",
    )
    for n, part in enumerate(same.ranges):
        text, button = st.columns([3, 1], vertical_alignment="center")
        mine = _span(part.first_start_s, part.first_end_s)
        theirs = _span(part.second_start_s, part.second_end_s)
        text.caption(plain(t("hints.range", mine=mine, code=same.code, theirs=theirs)))
        key = f"{player_key}-same-{same.entry_id}-{n}"
        _seek_button(button, player_key, part.first_start_s, key)


def _span(start: float, end: float) -> str:
    return t("hints.span", start=clock_text(start), end=clock_text(end))


def _seek_button(place: object, player_key: str, at: float, key: str) -> None:
    place.button(  # type: ignore[attr-defined]
        clock_text(at),
        key=key,
        icon=":material/play_arrow:",
        help=t("hints.seek_help"),
        on_click=seek_to,
        args=(player_key, at),
    )
