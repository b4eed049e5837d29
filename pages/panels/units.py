"""The office's table of recommending units, and recording a liaison that came by e-mail."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, t
from pages.panels.tables import show_table
from scoring.services.entries.units import save_unit_contact
from scoring.tables.writing import Sheet

# Pixel widths that fit 1440 px beside the sidebar, "what is missing" the widest.
_WIDTHS = {
    "units.unit": 170,
    "units.contact": 70,
    "units.position": 110,
    "units.mobile": 100,
    "units.accounts": 55,
    "units.registered": 75,
    "units.forwarded": 75,
    "units.missing": 280,
}


def units_table(sheet: Sheet) -> None:
    """The sheet as a table, sized so names, positions and what is missing all show."""
    config = {t(key): st.column_config.Column(width=width) for key, width in _WIDTHS.items()}
    show_table([dict(zip(sheet.headers, row, strict=True)) for row in sheet.rows], columns=config)


def liaison_form(campaign_id: int, units: Sequence[str]) -> None:
    """Record the liaison of a unit whose 附件2 came by e-mail (a unit user keeps its own)."""
    ctx, actor = context(), current_actor()
    with (
        st.expander(t("units.liaison_title"), icon=":material/contact_phone:"),
        st.form("unit_liaison", clear_on_submit=True),
    ):
        unit = st.selectbox(t("units.liaison_unit"), list(units), key="ul_unit")
        name = st.text_input(t("liaison.name"), key="ul_name")
        position = st.text_input(t("liaison.position"), key="ul_position")
        mobile = st.text_input(t("liaison.mobile"), help=t("liaison.mobile_help"), key="ul_mobile")
        if st.form_submit_button(t("liaison.save")) and attempt(
            lambda: save_unit_contact(
                ctx,
                actor=actor,
                campaign_id=campaign_id,
                unit=str(unit or ""),
                name=name,
                position=position,
                mobile=mobile,
            )
        ):
            flash(t("units.liaison_saved", unit=unit))
