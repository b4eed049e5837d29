"""Widgets of the viewing-figure pages: import report, history chart, platform links, flags."""

from __future__ import annotations

from functools import partial

import plotly.graph_objects as go
import streamlit as st

from pages.frame.runtime import (
    attempt,
    chart_text,
    current_actor,
    lang,
    list_text,
    local_time,
    plain,
    t,
    t_plain,
)
from pages.panels.charts import layout
from pages.panels.table_rows import problem_rows
from pages.panels.tables import sentence_table
from pages.panels.uploads import upload_box
from scoring.domain.anomalies import Flag
from scoring.enums import FlagKind
from scoring.i18n import count_text, translate
from scoring.records.views import ViewSnapshot
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
        col.metric(t(key), count_text(value, lang()))
    if report.already_imported is not None:
        earlier = report.already_imported
        st.info(
            t_plain(
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
        st.success(t_plain("views.outcome_written", file=report.file_name))
    if report.new_platforms:
        st.warning(t_plain("views.new_platforms", platforms=list_text(report.new_platforms)))
    if report.problems:
        sentence_table(problem_rows(report.problems))


def history_chart(snapshots: list[ViewSnapshot], field: str) -> go.Figure:
    """One line per platform of ``field`` over time."""
    figure = go.Figure()
    for platform in sorted({s.platform for s in snapshots}):
        mine = [s for s in snapshots if s.platform == platform]
        values = [getattr(s, field) for s in mine]
        figure.add_trace(
            go.Scatter(
                x=[local_time(s.captured_at) for s in mine],
                y=values,
                customdata=[count_text(v, lang()) if v is not None else "—" for v in values],
                hovertemplate="%{x}<br>%{customdata}",
                mode="lines+markers",
                name=chart_text(platform_label(platform)),
            )
        )
    figure.update_layout(
        layout(
            height=300,
            yaxis={"title": {"text": t("views.field_" + field)}, "tickformat": ",d"},
            # day-month digits, not English month names; the full time on hover
            xaxis={"type": "date", "tickformat": "%m-%d", "hoverformat": "%Y-%m-%d %H:%M"},
        )
    )
    return figure


def platform_links(declared: str) -> None:
    """The links registered with the entry (``douyin=https://…; samr=https://…``)."""
    for part in declared.split(";"):
        name, _, url = part.partition("=")
        if url.strip().startswith(("https://", "http://")):
            label = plain(platform_label(name.strip()))
            st.link_button(label, url.strip(), icon=":material/link:")


_COUNTS = ("before", "after", "gain", "likes", "views", "engagement")


# A spike whose growth is under 1.5 times the platform's median is one the statistic finds
# only because the other entries grew almost exactly alike (a tiny MAD): said so in words.
SLIGHT_TIMES = 1.5


def _percent(share: float, language: str) -> str:
    """A growth as people say it: 4.5%, 19.5%, 1,154%."""
    value = share * 100
    return f"{value:.1f}%" if value < 100 else f"{count_text(round(value), language)}%"


def flag_text(flag: Flag) -> str:
    """What a flag means in words, with its counts written for the session's readers."""
    language, params = lang(), dict(flag.params)
    for name in _COUNTS:
        value = params.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            params[name] = count_text(value, language)
    if "field" in params:
        params["field"] = t("views.field_" + str(params["field"]))
    key = "flag." + flag.kind.value
    if flag.kind is FlagKind.SPIKE:
        for name in ("growth", "typical_growth"):
            params[name] = _percent(float(str(flag.params[name])), language)
        times = flag.params.get("times")
        if not isinstance(times, float):
            key = "flag.spike_alone"
        elif times < SLIGHT_TIMES:
            key = "flag.spike_slight"
        else:
            params["times"] = f"{times:.1f}" if times < 10 else count_text(round(times), language)
    if flag.kind is FlagKind.NOT_SCORABLE and flag.params.get("entries") == 1:
        key = "flag.not_scorable_one"
    return translate(key, language, **params)


def flag_lines(flags: list[Flag]) -> None:
    """One warning per flag: kind, platform and capture time, then what it means."""
    for flag in flags:
        head = (
            f"{t('flag_kind.' + flag.kind.value)} · {platform_label(flag.platform)} · "
            f"{local_time(flag.captured_at)}"
        )
        st.warning(f"**{plain(head)}**  \n{plain(flag_text(flag))}", icon=":material/warning:")


def _count(value: int | None) -> str:
    return "—" if value is None else count_text(value, lang(), exact=True)


def latest_rows(by_platform: dict[str, ViewSnapshot]) -> list[dict[str, object]]:
    """The latest snapshot per platform as table rows."""
    return [
        {
            t("ranking.platform"): platform_label(platform),
            t("audience.captured"): local_time(s.captured_at),
            **{t("views.field_" + f): _count(getattr(s, f)) for f in FIELDS},
        }
        for platform, s in sorted(by_platform.items())
    ]


_DONE = "views_done"  # the report of the import just written, shown until the next file
_ROUND = "views_round"  # moved on after a write: a fresh, empty file picker


def import_section(ctx: Context) -> None:
    """Upload a file, see the check (counts and every problem), then confirm; after the
    write, only its outcome and a button to import another file."""
    done: ViewImportReport | None = st.session_state.get(_DONE)
    if done is not None:
        _written(done)
        return
    n = st.session_state.get(_ROUND, 0)
    upload = upload_box(t("views.upload"), types=["csv", "xlsx"], key=f"views_file_{n}")
    left, right = st.columns(2)
    options = {
        "skip_bad": left.toggle(t("views.skip_bad"), key="views_skip"),
        "replace": right.toggle(t("views.replace"), key="views_replace"),
    }
    if upload is None:
        return
    run = partial(_run_import, ctx, upload.getvalue(), upload.name, options)
    preview = run(True)
    if preview is None:
        return
    import_report(preview)
    ready = preview.accepted and preview.already_imported is None
    if not st.button(t("views.confirm"), type="primary", disabled=not ready, key="views_go"):
        return
    written = run(False)
    if written is not None and written.written:
        st.session_state[_DONE] = written
        st.session_state[_ROUND] = n + 1
        st.rerun()
    if written is not None:  # refused after all (the data changed since the check)
        import_report(written)


def _run_import(
    ctx: Context, data: bytes, name: str, options: dict[str, bool], dry_run: bool
) -> ViewImportReport | None:
    """Check (``dry_run``) or import the uploaded file; None when it was refused."""
    return attempt(
        lambda: import_views(
            ctx,
            actor=current_actor(),
            data=data,
            file_name=name,
            dry_run=dry_run,
            lang=lang(),
            **options,
        )
    )


def _written(report: ViewImportReport) -> None:
    """What the import wrote, the rows it left out (to download), and a fresh start."""
    st.success(
        t_plain(
            "views.outcome_written_counts",
            file=report.file_name,
            imported=report.imported,
            replaced=report.replaced,
            duplicate=report.duplicate,
            rejected=report.rejected,
        ),
        icon=":material/check_circle:",
    )
    if report.new_platforms:
        st.warning(t_plain("views.new_platforms", platforms=list_text(report.new_platforms)))
    cols = st.columns(2)
    if report.rejected_csv:
        cols[1].download_button(
            t("views.rejected_download"),
            report.rejected_csv,
            file_name=f"{report.file_name}.rejected.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
    if cols[0].button(t("views.another"), type="primary", icon=":material/upload_file:"):
        del st.session_state[_DONE]
        st.rerun()


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
