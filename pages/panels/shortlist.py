"""The Ranking page's shortlist tab: the list with the reason of every swap, and the forms
that swap an entry in or out and undo a swap (each with a written reason).

After a change the page reruns on the same tab (the tabs keep their state) with the forms
emptied: each form's widgets carry a number that a successful change moves on.
"""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import attempt, choose_hint, current_actor, flash, plain, t
from scoring.domain.ranking import RankedEntry
from scoring.domain.shortlist import SWAP_IN, SWAP_OUT, Shortlist, swap_candidates
from scoring.services.context import Context
from scoring.services.ranking.results import RankingResult
from scoring.services.ranking.shortlist import live_overrides, swap, undo_swap

_ROUND = "sl_round"  # how many changes this session made: fresh widgets after each


def _done(text: str) -> None:
    st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1
    flash(text)


def shortlist_panel(ctx: Context, result: RankingResult, shortlist: Shortlist) -> None:
    """The shortlist, overrides with reasons, and the forms to change it."""
    details = result.inputs.details
    if not shortlist.size_matches:
        st.warning(t("shortlist.size", have=len(shortlist.lines), want=shortlist.size_wanted))
    st.table(
        [
            {
                t("export.col.rank"): ln.entry.rank,
                t("entry.code"): plain(ln.entry.code),
                t("entry.title"): plain(details[ln.entry.entry_id].title),
                t("shortlist.why"): plain(t("shortlist.swapped_in", reason=ln.override))
                if ln.override
                else t("shortlist.by_formula"),
            }
            for ln in shortlist.lines
        ]
        or [{t("entry.code"): "—"}]
    )
    for entry_id, reason in shortlist.removed.items():
        st.caption(plain(t("shortlist.removed", code=details[entry_id].code, reason=reason)))
    left, right = st.columns(2)
    with left:
        _swap_form(ctx, result, shortlist)
    with right:
        _undo_form(ctx, result)


def _swap_form(ctx: Context, result: RankingResult, shortlist: Shortlist) -> None:
    details, n = result.inputs.details, st.session_state.get(_ROUND, 0)
    st.markdown(f"**{t('shortlist.change_title')}**")
    kind = st.segmented_control(
        t("shortlist.kind"),
        [SWAP_IN, SWAP_OUT],
        default=SWAP_IN,
        format_func=lambda k: t("shortlist." + k),
        key="sl_kind",
    )
    kind = kind or SWAP_IN
    options = swap_candidates(result.ranking, shortlist, kind)
    with st.form(f"swap-{kind}-{n}", border=False):
        pick: RankedEntry | None = st.selectbox(
            t("shortlist.pick_" + kind),
            options,
            index=None,
            format_func=lambda e: f"{e.rank}. {e.code} {details[e.entry_id].title}",
            placeholder=choose_hint(options, empty="shortlist.none_" + kind),
        )
        reason = st.text_input(t("shortlist.reason"))
        if not st.form_submit_button(t("shortlist.apply"), type="primary"):
            return
    if pick is None:
        st.error(t("shortlist.pick_first"))
        return
    campaign_id = result.inputs.campaign.id or 0
    if attempt(
        lambda: swap(
            ctx,
            actor=current_actor(),
            campaign_id=campaign_id,
            entry_id=pick.entry_id,
            kind=kind,
            reason=reason,
        )
    ):
        _done(t("shortlist.done_" + kind, code=pick.code))


def _undo_form(ctx: Context, result: RankingResult) -> None:
    details, n = result.inputs.details, st.session_state.get(_ROUND, 0)
    campaign_id = result.inputs.campaign.id or 0
    live = live_overrides(ctx, actor=current_actor(), campaign_id=campaign_id)
    st.markdown(f"**{t('shortlist.live')}**")
    with st.form(f"undo-swap-{n}", border=False):
        chosen = st.selectbox(
            t("shortlist.live_pick"),
            live,
            index=None,
            format_func=lambda o: (
                f"{details[o.entry_id].code} · {t('shortlist.' + o.kind)} · {o.reason}"
            ),
            placeholder=choose_hint(live, empty="shortlist.none_live"),
        )
        why = st.text_input(t("shortlist.undo_reason"))
        if not st.form_submit_button(t("shortlist.undo"), disabled=not live):
            return
    if chosen is None:
        st.error(t("shortlist.pick_first"))
        return
    if attempt(
        lambda: undo_swap(
            ctx,
            actor=current_actor(),
            campaign_id=campaign_id,
            override_id=chosen.id or 0,
            reason=why,
        )
    ):
        _done(t("shortlist.undone"))
