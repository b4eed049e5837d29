"""Coordinator: the recommending units — liaison, works registered and forwarded, and the
paperwork still missing; exported as CSV or XLSX (made only when a button is clicked)."""

import streamlit as st

from pages.frame.runtime import context, current_actor, lang, require_campaign, t
from pages.panels.units import liaison_form, units_table
from scoring.services.entries.units import units_sheet
from scoring.tables.writing import encode

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
st.title(t("units.title"))
st.caption(t("units.caption"))
sheet = units_sheet(ctx, actor=actor, campaign_id=campaign.id or 0, lang=lang())
if not sheet.rows:
    st.info(t("units.none"))
    st.stop()
missing = sum(1 for row in sheet.rows if row[-1])
if missing:
    st.warning(t("units.some_missing", count=missing), icon=":material/warning:")
units_table(sheet)
for col, fmt in zip(st.columns(2), MIME, strict=True):
    col.download_button(
        f"{t('units.download')} ({fmt.upper()})",
        data=lambda f=fmt: encode(sheet, f"x.{f}"),
        file_name=f"{t('units.file_name')}.{fmt}",
        mime=MIME[fmt],
        icon=":material/download:",
        key=f"units-{fmt}",
    )
liaison_form(campaign.id or 0, [str(row[0]) for row in sheet.rows])
