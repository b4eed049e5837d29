"""Widgets of the judge's scoring page: entry facts, the player, the rubric form."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages.frame.runtime import attempt, current_actor, lang, plain, t, t_plain
from pages.panels.desks import ENTRY_DESK, Desk
from pages.panels.player import video_player
from pages.panels.submitting import card_total, marks_on_screen, submit_button
from pages.panels.table_rows import duration_text
from scoring.domain.watching import whole_percent, whole_seconds
from scoring.enums import Category, ScorecardStatus
from scoring.services.context import Context
from scoring.services.judging.queue import JudgeQueue
from scoring.services.judging.scorecards import ScoringView

PUBLIC_FIELDS = {
    Category.MICRO_VIDEO: ("synopsis", "copy_text", "place", "people", "event", "result"),
    Category.MICRO_ANIMATION: ("synopsis", "intro"),
}


def entry_facts(view: ScoringView) -> None:
    """The entry's public fields, as plain text."""
    entry = view.entry
    st.caption(
        f"{plain(entry.code)} · {t('category.' + entry.category.value)} · "
        f"{t('entry.duration')} {duration_text(view.duration_s)}"
    )
    for name in PUBLIC_FIELDS[entry.category]:
        value = getattr(entry, name)
        if value:
            st.text(t("scorecard.fact_line", field=t("field." + name), value=value))
    if not view.campaign.blind_mode:
        for field, value in (("producer", entry.producer), ("recommender", entry.recommender)):
            st.text(t("scorecard.fact_line", field=t("entry." + field), value=value))


_FULL_RUN = "score_full_run"  # set while the page's own run draws the player


def player_panel(ctx: Context, view: Any, desk: Desk = ENTRY_DESK) -> None:
    """The player and the share watched; reruns alone when the player reports progress.

    ``view`` is the desk's view of one card (a ``ScoringView`` for an entry)."""
    st.session_state[_FULL_RUN] = True
    try:
        _player(ctx, view, desk)
    finally:
        st.session_state[_FULL_RUN] = False


@st.fragment
def _player(ctx: Context, view: Any, desk: Desk) -> None:
    subject = desk.subject_of(view)
    sources = attempt(lambda: desk.sources(ctx, current_actor(), subject))
    if sources is None:
        return
    src = sources.preview_url or sources.original_url
    if src is None:
        _no_video_notice(sources)
        return

    def watched(ranges: list[list[float]]) -> None:
        desk.record_watching(ctx, current_actor(), subject, ranges)

    locked = view.closed or (
        view.card is not None and view.card.status is ScorecardStatus.SUBMITTED
    )
    video_player(
        src=src,
        poster=sources.poster_url,
        portrait=sources.portrait,
        key=f"player-{desk.key(view)}",
        on_watched=None if locked else watched,
    )
    # A run of the whole page has just read the card; a run of this fragment alone (the
    # player reported what was watched) reads the share again.
    fresh = view if st.session_state.get(_FULL_RUN) else desk.open(ctx, current_actor(), subject)
    _watched_share(fresh, view.campaign.watch_share_required)


def _no_video_notice(sources: Any) -> None:
    """Why there is nothing to play: a preview on its way, no video, or a failed preview."""
    if sources.preview_status in ("pending", "running"):
        st.info(t("scorecard.preview_pending", percent=round(sources.preview_progress * 100)))
    elif sources.preview_status == "missing":
        st.warning(t("scorecard.no_video"))
    else:
        st.warning(t("scorecard.preview_failed"))


def _watched_share(fresh: Any, required: float) -> None:
    """The share watched against the share required, and the parts still to watch."""
    st.progress(
        min(1.0, fresh.watch_share),
        text=t(
            "scorecard.watched",
            share=whole_percent(fresh.watch_share),
            required=round(required * 100),
        ),
    )
    if fresh.unwatched and fresh.watch_share < required:
        st.caption(t("scorecard.unwatched", gaps=_gaps_text(fresh)))


def _gaps_text(view: Any) -> str:
    """The parts still to watch as ``0:04–0:08``, in whole seconds, the first six."""
    gaps = whole_seconds(view.unwatched, view.duration_s or 0.0)
    shown = [f"{duration_text(a)}–{duration_text(b)}" for a, b in gaps[:6]]
    return t("scorecard.gap_sep").join(shown) + ("…" if len(gaps) > 6 else "")


def _criterion_label(criterion: object) -> tuple[str, str]:
    name = getattr(criterion, "name_zh" if lang() == "zh" else "name_en")
    help_text = getattr(criterion, "description_zh" if lang() == "zh" else "description_en")
    weight = getattr(criterion, "weight")  # noqa: B009 - keeps the helper generic
    # A label and its help read Markdown: the rubric's own words are shown as typed.
    return t_plain("scorecard.criterion_label", name=name, weight=f"{weight:g}"), plain(help_text)


def rubric_form(ctx: Context, view: Any, desk: Desk = ENTRY_DESK) -> None:
    """The marks, comment, save and submit; saves a draft whenever a mark changes.

    A fragment: a mark change (or the save button) reruns only the form, not the page
    (the page run costs several times the save). The form keeps the ``view`` of the last
    full run, which is what the boxes were filled from; every save and submit is still
    decided by the server on the current data (assignment, deadline, lock, the share
    watched), and a submit, a recusal or another entry reruns the whole page.
    """
    _rubric(ctx, view, desk)


@st.fragment
def _rubric(ctx: Context, view: Any, desk: Desk) -> None:
    subject, key_part = desk.subject_of(view), desk.key(view)
    card = view.card
    locked = view.closed or (card is not None and card.status is ScorecardStatus.SUBMITTED)
    _mark_inputs(ctx, view, desk, locked=locked)
    comment = st.text_area(
        t("scorecard.comment"),
        value=card.comment if card else "",
        disabled=locked,
        key=f"comment-{key_part}",
    )
    total, left, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    with total:
        card_total(view, desk)
    if locked:
        return

    def save_all() -> object:
        shown = dict(marks_on_screen(view, desk))
        return attempt(lambda: desk.save_draft(ctx, current_actor(), subject, shown, comment))

    if left.button(
        t("scorecard.save"), key=f"save-{key_part}", icon=":material/save:", width="stretch"
    ) and (save_all()):
        st.toast(t("scorecard.saved"))
    with right:
        submit_button(ctx, view, comment, desk)


def _mark_inputs(ctx: Context, view: Any, desk: Desk, *, locked: bool) -> None:
    """One box per criterion, filled from the stored card; each change saves that mark."""
    key_part = desk.key(view)
    marks = dict(view.card.marks) if view.card else {}  # as the last full run read it
    for criterion in view.criteria:
        label, help_text = _criterion_label(criterion)
        state_key = f"mark-{key_part}-{criterion.key}"
        stored = marks.get(criterion.key)
        if stored is not None and st.session_state.get(state_key) is None:
            # Fill an empty box from the stored card. Never assign None: any assignment
            # makes the browser overwrite the box, wiping a mark typed while this run was
            # on its way (seen under load: 2 of 43 cards lost a mark that way).
            st.session_state[state_key] = stored

        st.number_input(
            label,
            min_value=0.0,
            max_value=10.0,
            step=0.5,
            format="%.1f",
            value=None,  # empty until marked; the stored mark comes in through the state
            help=help_text,
            disabled=locked,
            key=state_key,
            on_change=_save_mark,
            args=(ctx, view, desk, criterion.key),
            placeholder=t("scorecard.mark_placeholder"),
        )


def _save_mark(ctx: Context, view: Any, desk: Desk, key: str) -> None:
    """Save the one mark that changed as a draft.

    Only that mark: a rerun racing with typing must never resend the others as empty
    (seen under load: a first mark wiped by the next autosave).
    """
    subject = desk.subject_of(view)
    state_key = f"mark-{desk.key(view)}-{key}"
    value = st.session_state.get(state_key)
    if value is None:
        # An emptied box never blanks a saved mark. Under load the browser can
        # redraw the form and lose what a box showed; that box then reports
        # "empty" with the next change. The saved mark goes back into the box.
        kept = attempt(lambda: desk.my_marks(ctx, current_actor(), subject))
        if kept and kept.get(key) is not None:
            st.session_state[state_key] = kept[key]
            st.toast(t("scorecard.mark_kept", mark=f"{kept[key]:g}"), icon=":material/info:")
        return
    attempt(lambda: desk.save_draft(ctx, current_actor(), subject, {key: value}, None))


ENTRY_KEY = "score_entry_id"


def queue_picker(queue: JudgeQueue) -> int:
    """Choose the entry to score: remembered choice, else the first not yet submitted."""
    ids = [item.entry_id for item in queue.items]
    if st.session_state.get(ENTRY_KEY) not in ids:
        waiting = [i.entry_id for i in queue.items if i.status != "submitted"]
        st.session_state[ENTRY_KEY] = (waiting or ids)[0]
    # Labels must not change while the page is open (a state in them would reset the box).
    labels = {i.entry_id: f"{i.code} {i.title}" for i in queue.items}

    position = ids.index(st.session_state[ENTRY_KEY])
    open_next = queue.next_open(ids[position])
    back, pick, forward, unscored = st.columns([1, 5, 1, 1.4], vertical_alignment="bottom")
    if back.button(t("scorecard.previous"), disabled=position == 0, icon=":material/arrow_back:"):
        _go(ids[position - 1])
    if forward.button(
        t("scorecard.next"), disabled=position == len(ids) - 1, icon=":material/arrow_forward:"
    ):
        _go(ids[position + 1])
    if unscored.button(
        t("scorecard.next_open"),
        disabled=open_next is None,
        help=t("scorecard.next_open_help"),
        icon=":material/skip_next:",
        type="primary" if queue.items[position].status == "submitted" else "secondary",
    ):
        _go(open_next)
    pick.selectbox(t("scorecard.pick"), ids, format_func=labels.__getitem__, key=ENTRY_KEY)
    st.caption(
        t(
            "queue.progress",
            done=queue.count("submitted"),
            total=queue.total,
            drafts=queue.count("draft"),
        )
    )
    return int(st.session_state[ENTRY_KEY])


def _go(entry_id: int | None) -> None:
    st.session_state[ENTRY_KEY] = entry_id
    st.rerun()
