"""Submitting a scorecard: the card's weighted total while marks are typed, and a
confirmation before the submit that locks the card."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import attempt, current_actor, plain, t
from scoring.domain.marks import weighted_total
from scoring.domain.watching import whole_percent
from scoring.services.context import Context
from scoring.services.judging import scorecards
from scoring.services.judging.scorecards import ScoringView

CONFIRM_KEY = "score_confirm_submit"  # the entry whose submit is waiting for a confirmation


def marks_on_screen(view: ScoringView) -> dict[str, float]:
    """The marks in the boxes; an empty box is left out (never sent as "clear this mark")."""
    entry_id = view.entry.id or 0
    shown = {c.key: st.session_state.get(f"mark-{entry_id}-{c.key}") for c in view.criteria}
    return {key: value for key, value in shown.items() if value is not None}


def card_total(view: ScoringView) -> None:
    """The weighted total (0–10) of the marks on screen, by the ranking's formula."""
    marks = marks_on_screen(view)
    total = weighted_total(marks, {c.key: c.weight for c in view.criteria})
    missing = len(view.criteria) - len(marks)
    shown = "—" if total is None else f"{total:.2f}"
    st.metric(t("scorecard.total"), shown, help=t("scorecard.total_help"))
    if total is None:
        st.caption(t("scorecard.total_pending", missing=missing))


def submit_button(ctx: Context, view: ScoringView, comment: str) -> None:
    """The submit button; it opens the confirmation, which alone submits."""
    entry_id = view.entry.id or 0
    st.button(
        t("scorecard.submit"),
        key=f"submit-{entry_id}",
        type="primary",
        icon=":material/task_alt:",
        width="stretch",
        on_click=st.session_state.__setitem__,
        args=(CONFIRM_KEY, entry_id),
    )
    if st.session_state.get(CONFIRM_KEY) == entry_id:
        dialog = st.dialog(t("scorecard.confirm_title"), on_dismiss=_forget)
        dialog(_confirm)(ctx, view, comment)


def _forget() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def _confirm(ctx: Context, view: ScoringView, comment: str) -> None:
    """The dialog: what will be locked; a refusal shows here and goes with the dialog."""
    entry_id = view.entry.id or 0
    st.markdown(t("scorecard.confirm_body", code=plain(view.entry.code)))
    left, right = st.columns(2)
    with left:
        card_total(view)
    fresh = attempt(
        lambda: scorecards.open_for_scoring(ctx, actor=current_actor(), entry_id=entry_id)
    )
    if fresh is not None:
        right.metric(t("scorecard.confirm_watched"), f"{whole_percent(fresh.watch_share)}%")
    go, back = st.columns(2)
    if back.button(t("scorecard.confirm_back"), key=f"confirm-back-{entry_id}", width="stretch"):
        _forget()
        st.rerun(scope="app")
    if go.button(
        t("scorecard.confirm_submit"),
        key=f"confirm-go-{entry_id}",
        type="primary",
        icon=":material/lock:",
        width="stretch",
    ):
        _forget()  # the dialog does not come back by itself; a refusal stays in it
        submitted = attempt(
            lambda: scorecards.submit_scorecard(
                ctx,
                actor=current_actor(),
                entry_id=entry_id,
                marks=dict(marks_on_screen(view)),
                comment=comment,
            )
        )
        if submitted:
            st.rerun(scope="app")
