"""Submitting a scorecard: the card's weighted total while marks are typed, and a
confirmation before the submit that locks the card."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages.frame.runtime import attempt, current_actor, plain, t
from pages.panels.desks import ENTRY_DESK, Desk
from scoring.domain.marks import weighted_total
from scoring.domain.watching import whole_percent
from scoring.services.context import Context

CONFIRM_KEY = "score_confirm_submit"  # the card whose submit is waiting for a confirmation


def marks_on_screen(view: Any, desk: Desk = ENTRY_DESK) -> dict[str, float]:
    """The marks in the boxes; an empty box is left out (never sent as "clear this mark")."""
    part = desk.key(view)
    shown = {c.key: st.session_state.get(f"mark-{part}-{c.key}") for c in view.criteria}
    return {key: value for key, value in shown.items() if value is not None}


def card_total(view: Any, desk: Desk = ENTRY_DESK) -> None:
    """The weighted total (0–10) of the marks on screen, by the ranking's formula."""
    marks = marks_on_screen(view, desk)
    total = weighted_total(marks, {c.key: c.weight for c in view.criteria})
    missing = len(view.criteria) - len(marks)
    shown = "—" if total is None else f"{total:.2f}"
    st.metric(t("scorecard.total"), shown, help=t("scorecard.total_help"))
    if total is None:
        st.caption(t("scorecard.total_pending", missing=missing))


def submit_button(ctx: Context, view: Any, comment: str, desk: Desk = ENTRY_DESK) -> None:
    """The submit button; it opens the confirmation, which alone submits."""
    part = desk.key(view)
    st.button(
        t("scorecard.submit"),
        key=f"submit-{part}",
        type="primary",
        icon=":material/task_alt:",
        width="stretch",
        on_click=st.session_state.__setitem__,
        args=(CONFIRM_KEY, part),
    )
    if st.session_state.get(CONFIRM_KEY) == part:
        dialog = st.dialog(t("scorecard.confirm_title"), on_dismiss=_forget)
        dialog(_confirm)(ctx, view, comment, desk)


def _forget() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def _confirm(ctx: Context, view: Any, comment: str, desk: Desk) -> None:
    """The dialog: what will be locked; a refusal shows here and goes with the dialog."""
    subject, part = desk.subject_of(view), desk.key(view)
    st.markdown(t(desk.confirm_key, code=plain(desk.label_of(view))))
    left, right = st.columns(2)
    with left:
        card_total(view, desk)
    fresh = attempt(lambda: desk.open(ctx, current_actor(), subject))
    if fresh is not None:
        right.metric(t("scorecard.confirm_watched"), f"{whole_percent(fresh.watch_share)}%")
    go, back = st.columns(2)
    if back.button(t("scorecard.confirm_back"), key=f"confirm-back-{part}", width="stretch"):
        _forget()
        st.rerun(scope="app")
    if go.button(
        t("scorecard.confirm_submit"),
        key=f"confirm-go-{part}",
        type="primary",
        icon=":material/lock:",
        width="stretch",
    ):
        _forget()  # the dialog does not come back by itself; a refusal stays in it
        shown = dict(marks_on_screen(view, desk))
        submitted = attempt(lambda: desk.submit(ctx, current_actor(), subject, shown, comment))
        if submitted:
            st.rerun(scope="app")
