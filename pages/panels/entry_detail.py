"""One entry in full for coordinators: its video, its findings, its registered fields and
the facts read from its file (the Entries and Compliance pages show the same panel)."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import current_actor, lang, plain, t
from pages.panels.findings import media_facts, show_findings
from pages.panels.hints import hints_panel
from pages.panels.player import entry_player
from pages.panels.tables import fact_list
from pages.panels.views import platform_links
from scoring.services.compliance import entry_detail
from scoring.services.context import Context
from scoring.services.entries.form import CHOICE_LABELS


def entry_detail_panel(ctx: Context, entry_id: int, *, key: str) -> None:
    """Title, player and findings on the left; fields and media facts on the right."""
    actor = current_actor()
    detail = entry_detail(ctx, actor=actor, entry_id=entry_id)
    st.subheader(plain(f"{detail.entry.code} {detail.entry.title}"))
    left, right = st.columns([3, 2])
    player_key = f"{key}-player-{entry_id}"
    with left:
        entry_player(ctx, actor, entry_id, key=player_key)
        show_findings(detail.findings, lang())
        hints_panel(ctx, entry_id=entry_id, player_key=player_key)
    with right:
        with st.expander(t("entries.fields"), icon=":material/description:", expanded=True):
            entry_fields(detail.fields)
        with st.expander(t("entries.media"), icon=":material/movie:", expanded=True):
            media_facts(detail.media)


def entry_fields(fields: dict[str, str]) -> None:
    """Every registered field with its label; choice words in the session's language,
    empty fields as —; the platform links as buttons (http and https only, like the views
    page), not as text Markdown would turn into links."""
    links = fields.get("platform_links", "")
    fact_list(
        [
            (
                t("entry_field." + name),
                t(CHOICE_LABELS[value]) if value in CHOICE_LABELS and value else value or "—",
            )
            for name, value in fields.items()
            if name != "platform_links"
        ]
    )
    if links.strip():
        st.caption(t("entry_field.platform_links"))
        platform_links(links)
