"""A recommending unit's view of its works: the table, the deadline and how many of its two
the office holds, and one work in full — video, compliance findings with what to fix (the
very findings the office sees), and the scanned pledge (附件3)."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    flash,
    lang,
    local_time,
    plain,
    t,
)
from pages.panels.findings import media_facts, show_findings
from pages.panels.player import entry_player
from pages.panels.uploads import upload_box
from scoring.services.entries.forwarding import ForwardingState, forwarding_state
from scoring.services.entries.pledges import PLEDGE_LIMIT_MB, attach_pledge, pledge_download
from scoring.services.entries.unit_works import UnitWork, UnitWorkDetail, unit_work_detail


def forwarding_note(campaign_id: int) -> ForwardingState:
    """The deadline and the unit's count of forwarded works, as one line."""
    state = forwarding_state(context(), actor=current_actor(), campaign_id=campaign_id)
    deadline = state.deadline_text or t("unit_works.no_deadline")
    text = t("forward.state", deadline=deadline, forwarded=state.forwarded, left=state.left)
    if state.closed:
        st.warning(t("forward.closed", deadline=deadline), icon=":material/schedule:")
    else:
        st.info(text, icon=":material/schedule:")
    return state


def unit_work_rows(works: list[UnitWork]) -> list[dict[str, object]]:
    """The unit's works as table rows: state in words, never a score."""
    return [
        {
            t("entry.code"): w.entry.code,
            t("entry.title"): w.entry.title,
            t("entry.category"): t("category." + w.entry.category.value),
            t("unit_works.state"): t("unit_state." + w.state),
            t("compliance.worst"): t("severity." + w.worst.value),
            t("severity.error"): w.errors,
            t("severity.warning"): w.warnings,
            t("unit_works.pledge"): t(
                "unit_works.pledge_yes" if w.entry.pledge_sha256 else "unit_works.pledge_no"
            ),
        }
        for w in works
    ]


def work_detail(entry_id: int) -> None:
    """One work: findings first (what to fix), then video, facts and the pledge."""
    ctx, actor = context(), current_actor()
    detail = attempt(lambda: unit_work_detail(ctx, actor=actor, entry_id=entry_id))
    if detail is None:
        return
    entry = detail.entry
    st.subheader(plain(f"{entry.code} {entry.title}"))
    if detail.editable:
        st.caption(t("unit_works.fix_hint"))
    else:
        st.caption(t("unit_works.read_only", at=local_time(entry.forwarded_at)))
    left, right = st.columns([5, 4])  # room for the pledge box's size and kinds line
    with left:
        show_findings(detail.findings, lang())
        entry_player(ctx, actor, entry_id, key=f"uw-player-{entry_id}")
    with right:
        _pledge(detail)
    with st.expander(t("unit_works.media_facts"), icon=":material/movie:"):
        media_facts(detail.media)


def _pledge(detail: UnitWorkDetail) -> None:
    ctx, actor = context(), current_actor()
    entry_id = detail.entry.id
    if detail.pledge is not None:
        # kind and size, not the file's name: identical scans share one stored record
        size = max(1, round(detail.pledge.size_bytes / 1024))
        shown = t("unit_works.pledge_stored", kind=detail.pledge.kind.upper(), kb=size)
        st.success(shown, icon=":material/task:")
        got = attempt(lambda: pledge_download(ctx, actor=actor, entry_id=entry_id))
        if got is not None:
            st.download_button(
                t("unit_works.pledge_download"),
                got.data,
                got.file_name,
                got.mime,
                key=f"uw-pledge-dl-{entry_id}",
            )
    elif detail.entry.copyright_pledge:
        st.info(t("unit_works.pledge_on_paper"), icon=":material/task:")
    else:
        st.warning(t("unit_works.pledge_missing"), icon=":material/warning:")
    if not detail.editable:
        return
    scan = upload_box(
        t("unit_works.pledge_upload", limit=PLEDGE_LIMIT_MB),
        types=["pdf", "jpg", "jpeg"],
        limit_mb=PLEDGE_LIMIT_MB,
        key=f"uw-pledge-{entry_id}",
    )
    go = scan is not None and st.button(t("unit_works.pledge_save"), key=f"uw-pledge-go-{entry_id}")
    if go and attempt(lambda: attach_pledge(ctx, actor=actor, entry_id=entry_id, upload=scan)):
        flash(t("unit_works.pledge_saved", code=detail.entry.code))
