"""Widgets of the calibration round (试评): the clips at the top of a judge's queue, the
judge's clip picker, and the coordinators' clips, results and discussion."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import attempt, current_actor, flash, local_time, t
from pages.panels.table_rows import duration_text, size_text
from pages.panels.tables import pick_row, show_table
from pages.panels.uploads import upload_box, upload_limit_mb
from scoring.domain.rounding import score_text
from scoring.services.context import Context
from scoring.services.judging.calibration import (
    CalibrationOverview,
    ClipInfo,
    JudgeRound,
    close_round,
    judge_round,
    reopen_round,
    save_note,
)
from scoring.services.judging.calibration_clips import add_clip_upload, remove_clip

CLIP_KEY = "calibration_clip_id"  # the clip the judge's calibration page shows
JUDGE_PAGE = "pages/judge_calibration.py"


def clip_label(number: int) -> str:
    """How everyone sees a reference clip: by its number, never by a title or file name."""
    return t("calibration.clip_label", number=number)


def queue_block(ctx: Context, campaign_id: int) -> None:
    """The clips first in a judge's queue while the round is open and they have some to do."""
    listed = judge_round(ctx, actor=current_actor(), campaign_id=campaign_id)
    if not listed.pending:
        if listed.state == "open":
            st.caption(t("calibration.queue_done", total=len(listed.items)))
        return
    st.subheader(t("calibration.queue_title"), divider="orange")
    st.caption(t("calibration.queue_hint"))
    rows = [
        {
            t("calibration.clip"): clip_label(item.number),
            t("entry.duration"): duration_text(item.duration_s),
            t("entry.orientation"): t("orientation." + item.orientation)
            if item.orientation
            else "",
            t("queue.status"): t("status." + item.status),
        }
        for item in listed.items
    ]
    row = pick_row(rows, ids=[i.clip_id for i in listed.items], key="calibration_table")
    if row is not None:
        st.session_state[CLIP_KEY] = listed.items[row].clip_id
        st.switch_page(JUDGE_PAGE)
    st.page_link(JUDGE_PAGE, label=t("calibration.queue_go"), icon=":material/tune:")
    st.divider()


def clip_picker(listed: JudgeRound) -> int:
    """Choose the clip to score: the remembered one, else the first not yet submitted."""
    ids = [item.clip_id for item in listed.items]
    if st.session_state.get(CLIP_KEY) not in ids:
        waiting = [i.clip_id for i in listed.items if i.status != "submitted"]
        st.session_state[CLIP_KEY] = (waiting or ids)[0]
    # Labels must not change while the page is open (a state in them would reset the box).
    labels = {i.clip_id: clip_label(i.number) for i in listed.items}
    st.radio(
        t("calibration.pick"), ids, format_func=labels.__getitem__, horizontal=True, key=CLIP_KEY
    )
    st.caption(
        t("calibration.sep").join(
            t("calibration.clip_state", clip=labels[i.clip_id], state=t("status." + i.status))
            for i in listed.items
        )
    )
    return int(st.session_state[CLIP_KEY])


def clips_panel(ctx: Context, seen: CalibrationOverview, campaign_id: int) -> None:
    """The reference clips, adding one (upload) and taking one out."""
    judges = len(seen.judges)
    show_table(
        [
            {
                t("calibration.clip"): clip_label(c.number),
                t("calibration.title_field"): c.clip.title,
                t("calibration.file"): c.media.original_name if c.media else "",
                t("entry.size"): size_text(c.media.width, c.media.height) if c.media else "",
                t("entry.duration"): duration_text(c.media.duration_s if c.media else None),
                t("calibration.preview"): t("preview." + c.media.preview_status) if c.media else "",
                t("calibration.cards_in"): f"{c.submitted} / {judges}",
            }
            for c in seen.clips
        ],
    )
    if seen.room > 0:
        _add_form(ctx, campaign_id, next_number=len(seen.clips) + 1)
    removable = [c for c in seen.clips if not c.submitted]  # a scored clip stays
    if seen.state == "open" and removable:
        _remove_box(ctx, removable)


def _add_form(ctx: Context, campaign_id: int, *, next_number: int) -> None:
    with st.form("calibration_add", clear_on_submit=True):
        label = t("calibration.upload", limit=upload_limit_mb())
        video = upload_box(label, key="calibration_video")
        title = st.text_input(
            t("calibration.title_field"), help=t("calibration.title_help"), key="calibration_title"
        )
        if st.form_submit_button(t("calibration.add"), icon=":material/add:") and video:
            actor = current_actor()
            added = attempt(
                lambda: add_clip_upload(
                    ctx, actor=actor, campaign_id=campaign_id, video=video, title=title
                )
            )
            if added is not None:
                flash(t("calibration.added", number=next_number))


def _remove_box(ctx: Context, removable: list[ClipInfo]) -> None:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    pick = left.selectbox(
        t("calibration.remove_pick"), removable, format_func=lambda c: clip_label(c.number)
    )
    if right.button(t("calibration.remove"), icon=":material/delete:") and attempt(
        lambda: remove_clip(ctx, actor=current_actor(), clip_id=pick.clip.id or 0)
    ):
        flash(t("calibration.removed", number=pick.number))


def _total(seen: CalibrationOverview, judge_id: int, clip_id: int) -> str:
    figures = next(j for j in seen.figures.judges if j.judge_id == judge_id)
    if clip_id in figures.totals:
        return score_text(figures.totals[clip_id])
    return t("status." + seen.statuses.get((judge_id, clip_id), "not_started"))


def results_tables(seen: CalibrationOverview) -> None:
    """Each clip's median and spread; each judge's totals and distance from the medians."""
    labels = {c.clip.id: clip_label(c.number) for c in seen.clips}
    show_table(
        [
            {
                t("calibration.clip"): labels[f.clip_id],
                t("calibration.cards_in"): f"{len(f.totals)} / {len(seen.judges)}",
                t("calibration.median"): score_text(f.median, blank="—"),
                t("calibration.low"): score_text(f.low, blank="—"),
                t("calibration.high"): score_text(f.high, blank="—"),
                t("calibration.spread"): score_text(f.spread, blank="—"),
            }
            for f in seen.figures.clips
        ],
    )
    offsets = {j.judge_id: j.offset for j in seen.figures.judges}
    show_table(
        [
            {
                t("users.display_name"): judge.display_name,
                t("login.username"): judge.username,
                **{
                    labels[c.clip.id]: _total(seen, judge.id or 0, c.clip.id or 0)
                    for c in seen.clips
                },
                t("calibration.offset"): _signed(offsets[judge.id or 0]),
            }
            for judge in seen.judges
        ],
    )
    st.caption(t("calibration.offset_help"))


def _signed(value: float | None) -> str:
    if value is None:
        return "—"
    text = score_text(value)
    return text if text.startswith("-") else "+" + text


def discussion_panel(ctx: Context, seen: CalibrationOverview, campaign_id: int) -> None:
    """The note of what the panel agreed, and closing (or opening again) the round."""
    calibration = seen.calibration
    actor = current_actor()
    note = st.text_area(
        t("calibration.note"),
        calibration.note if calibration else "",
        help=t("calibration.note_help"),
        key="calibration_note",
    )
    if calibration and calibration.note_at:
        st.caption(
            t("calibration.note_by", by=calibration.note_by, at=local_time(calibration.note_at))
        )
    left, right = st.columns(2)
    if left.button(t("calibration.note_save"), icon=":material/save:") and attempt(
        lambda: save_note(ctx, actor=actor, campaign_id=campaign_id, note=note)
    ):
        flash(t("calibration.note_saved"))
    if seen.state == "open":
        if right.button(
            t("calibration.close"),
            type="primary",
            icon=":material/lock:",
            help=t("calibration.close_help"),
        ) and attempt(lambda: close_round(ctx, actor=actor, campaign_id=campaign_id)):
            flash(t("calibration.closed_done"))
    elif seen.state == "closed" and calibration is not None:
        st.info(
            t(
                "calibration.closed_at",
                by=calibration.closed_by,
                at=local_time(calibration.closed_at),
            )
        )
        if right.button(t("calibration.reopen"), icon=":material/lock_open:") and attempt(
            lambda: reopen_round(ctx, actor=actor, campaign_id=campaign_id)
        ):
            flash(t("calibration.reopened"))
