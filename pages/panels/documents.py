"""The Ranking page's printable documents: 附件5, the decision record, 附件4 and 附件2.

Every file is made only when its button is clicked (``data=callable``), never on a rerun.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from pages.frame.runtime import choose_hint, current_actor, lang, show_error, t
from scoring.services.context import Context
from scoring.services.entries.unit_forms import contacts_file, registration_file, units
from scoring.services.ranking.decision_record import decision_record_pdf
from scoring.services.ranking.official_forms import export_summary, pdf_unavailable
from scoring.services.ranking.results import RankingResult, WhatIf

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _buttons(what: str, name: str, make: Callable[[str], bytes], formats: tuple[str, ...]) -> None:
    """One download button per format; a PDF button is off when no Chinese font is installed."""
    no_pdf = pdf_unavailable() is not None
    for col, fmt in zip(st.columns(len(formats)), formats, strict=True):
        col.download_button(
            f"{t('download.' + what)} ({fmt.upper()})",
            key=f"doc-{what}-{fmt}",
            data=lambda f=fmt: make(f),
            file_name=f"{name}.{fmt}",
            mime=MIME[fmt],
            icon=":material/download:",
            disabled=fmt == "pdf" and no_pdf,
            on_click="ignore",  # a download changes nothing on the page: no rerun
        )


def document_downloads(ctx: Context, result: RankingResult, what_if: WhatIf) -> None:
    """附件5 and the decision record with the page's settings; 附件4/附件2 by unit or entry."""
    actor, campaign_id = current_actor(), result.inputs.campaign.id or 0
    problem = pdf_unavailable()
    if problem is not None:
        show_error(problem)
    st.subheader(t("download.official"))
    _buttons(
        "shortlist",
        t("download.shortlist"),
        lambda fmt: export_summary(
            ctx, actor=actor, campaign_id=campaign_id, fmt=fmt, what_if=what_if
        ),
        ("csv", "xlsx", "pdf"),
    )
    _buttons(
        "record",
        t("download.record"),
        lambda fmt: decision_record_pdf(
            ctx, actor=actor, campaign_id=campaign_id, what_if=what_if, lang=lang()
        ),
        ("pdf",),
    )
    _unit_forms(ctx, result)
    st.subheader(t("download.tables"))


def _unit_forms(ctx: Context, result: RankingResult) -> None:
    """附件4 and 附件2 of a recommending unit, and 附件4 of one entry."""
    actor, campaign_id = current_actor(), result.inputs.campaign.id or 0
    st.subheader(t("download.unit_forms"))
    names = units(ctx, actor=actor, campaign_id=campaign_id)
    unit = st.selectbox(t("download.unit"), names, key="doc_unit", placeholder=choose_hint(names))
    if unit:
        _buttons(
            "registration",
            f"{t('download.registration')}_{unit}",
            lambda fmt: registration_file(
                ctx, actor=actor, campaign_id=campaign_id, fmt=fmt, unit=unit
            ),
            ("xlsx", "pdf"),
        )
        _buttons(
            "contacts",
            f"{t('download.contacts')}_{unit}",
            lambda fmt: contacts_file(
                ctx, actor=actor, campaign_id=campaign_id, fmt=fmt, unit=unit
            ),
            ("xlsx", "pdf"),
        )
    _one_entry_form(ctx, result)


def _one_entry_form(ctx: Context, result: RankingResult) -> None:
    """附件4 of one entry, picked by code."""
    actor, campaign_id = current_actor(), result.inputs.campaign.id or 0
    titles = {e.code: e.title for e in result.inputs.details.values()}
    code = st.selectbox(
        t("download.one_entry"),
        sorted(titles),
        index=None,
        key="doc_entry",
        placeholder=t("download.pick_entry"),
        format_func=lambda c: f"{c} {titles[c]}",
    )
    if code:
        _buttons(
            "registration_one",
            f"{t('download.registration')}_{code}",
            lambda fmt: registration_file(
                ctx, actor=actor, campaign_id=campaign_id, fmt=fmt, code=code
            ),
            ("xlsx", "pdf"),
        )
