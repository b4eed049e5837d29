"""Widgets of the viewing-figure pages: import report, history chart, platform links, flags."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from pages.frame.runtime import attempt, current_actor, lang, local_time, t
from scoring.domain.anomalies import Flag
from scoring.i18n import translate
from scoring.records import ViewSnapshot
from scoring.services.context import Context
from scoring.services.views.anomalies import anomalies_if_ready
from scoring.services.views.report import ViewImportReport
from scoring.services.views.table_import import import_views

FIELDS = ("views", "likes", "comments", "shares")


def platform_label(code: str) -> str:
    """抖音 for douyin …; an unknown platform shows as its code."""
    label = t("platform_name." + code)
    return code if label == "platform_name." + code else label


def import_report(report: ViewImportReport) -> None:
    """Counts, the outcome and every problem of one import (or dry run)."""
    cols = st.columns(5)
    counts = {
        "views.metric_read": report.rows_read,
        "views.metric_imported": report.imported,
        "views.metric_duplicate": report.duplicate,
        "views.metric_replaced": report.replaced,
        "views.metric_rejected": report.rejected,
    }
    for col, (key, value) in zip(cols, counts.items(), strict=True):
        col.metric(t(key), value)
    if report.already_imported is not None:
        earlier = report.already_imported
        st.info(
            t(
                "views.outcome_already",
                when=local_time(earlier.imported_at),
                user=earlier.username,
                file=earlier.file_name,
                rows=earlier.rows_imported,
            )
        )
    elif report.dry_run:
        st.info(t("views.outcome_dry_run"))
    elif report.written:
        st.success(t("views.outcome_written", file=report.file_name))
    if report.new_platforms:
        st.warning(t("views.new_platforms", platforms="、".join(report.new_platforms)))
    if report.problems:
        st.dataframe(
            [
                {
                    t("views.line"): p.line,
                    t("views.column"): p.column,
                    t("views.value"): p.value,
                    t("views.reason"): translate(p.key, lang(), **p.params),
                }
                for p in report.problems
            ],
            hide_index=True,
            width="stretch",
        )


def history_chart(snapshots: list[ViewSnapshot], field: str) -> go.Figure:
    """One line per platform of ``field`` over time."""
    figure = go.Figure()
    for platform in sorted({s.platform for s in snapshots}):
        mine = [s for s in snapshots if s.platform == platform]
        figure.add_trace(
            go.Scatter(
                x=[local_time(s.captured_at) for s in mine],
                y=[getattr(s, field) for s in mine],
                mode="lines+markers",
                name=platform_label(platform),
            )
        )
    figure.update_layout(
        height=300,
        margin={"t": 20, "b": 10, "l": 10, "r": 10},
        yaxis_title=t("views.field_" + field),
        legend={"orientation": "h"},
    )
    return figure


def platform_links(declared: str) -> None:
    """The links registered with the entry (``douyin=https://…; samr=https://…``)."""
    for part in declared.split(";"):
        name, _, url = part.partition("=")
        if url.strip().startswith(("https://", "http://")):
            st.link_button(platform_label(name.strip()), url.strip(), icon=":material/link:")


def flag_lines(flags: list[Flag]) -> None:
    """One line per flag: kind, platform, time and what to check."""
    for flag in flags:
        params = dict(flag.params)
        if "field" in params:
            params["field"] = t("views.field_" + str(params["field"]))
        text = translate("flag." + flag.kind.value, lang(), **params)

        st.text(
            f"⚠️ {t('flag_kind.' + flag.kind.value)} · {platform_label(flag.platform)} · "
            f"{local_time(flag.captured_at)}：{text}"
        )


def latest_rows(by_platform: dict[str, ViewSnapshot]) -> list[dict[str, object]]:
    """The latest snapshot per platform as table rows."""
    return [
        {
            t("ranking.platform"): platform_label(platform),
            t("audience.captured"): local_time(s.captured_at),
            **{t("views.field_" + f): getattr(s, f) for f in FIELDS},
        }
        for platform, s in sorted(by_platform.items())
    ]


def import_section(ctx: Context) -> None:
    """Upload a file, see the dry run (counts and every problem), then confirm."""
    upload = st.file_uploader(t("views.upload"), type=["csv", "xlsx"], key="views_file")
    left, right = st.columns(2)
    options = {
        "skip_bad": left.toggle(t("views.skip_bad"), key="views_skip"),
        "replace": right.toggle(t("views.replace"), key="views_replace"),
    }
    if upload is None:
        return
    data = upload.getvalue()

    def run(dry_run: bool) -> ViewImportReport | None:
        return attempt(
            lambda: import_views(
                ctx,
                actor=current_actor(),
                data=data,
                file_name=upload.name,
                dry_run=dry_run,
                lang=lang(),
                **options,
            )
        )

    preview = run(True)
    if preview is None:
        return
    import_report(preview)
    ready = preview.accepted and preview.already_imported is None
    if not st.button(t("views.confirm"), type="primary", disabled=not ready, key="views_go"):
        return
    done = run(False)
    if done is not None:
        import_report(done)
        if done.rejected_csv:
            st.download_button(
                t("views.rejected_download"),
                done.rejected_csv,
                file_name=f"{upload.name}.rejected.csv",
                mime="text/csv",
            )


PAGE_SIZE = 20  # entries drawn at once, each with its chart


def one_page_of(items: list[int], *, key: str) -> list[int]:
    """The items of the page chosen (20 at a time; the choice appears when there are more)."""
    pages = max(1, -(-len(items) // PAGE_SIZE))
    if pages == 1:
        return items
    page = st.selectbox(
        t("anomalies.page", total=len(items)),
        range(pages),
        format_func=lambda n: t(
            "anomalies.page_range",
            first=n * PAGE_SIZE + 1,
            last=min(len(items), (n + 1) * PAGE_SIZE),
        ),
        key=key,
    )
    return items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]


@st.fragment(run_every=3)
def flags_pending(ctx: Context, campaign_id: int) -> None:
    """Says the flags are being computed; reruns the page when they are done."""
    if anomalies_if_ready(ctx, actor=current_actor(), campaign_id=campaign_id) is not None:
        st.rerun()
    st.info(t("anomalies.pending"), icon=":material/hourglass_top:")
