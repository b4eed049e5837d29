"""Turning records into the rows a table shows, with translated labels and cell texts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import streamlit as st

from pages.frame.runtime import clock, lang, local_time, t
from scoring.domain.problem_lists import first_of_each_kind
from scoring.i18n import quote_value
from scoring.records.campaigns import Campaign
from scoring.records.entries import EntrySummary
from scoring.records.judging import QueueItem
from scoring.records.progress import JudgeProgress, ScorecardLine
from scoring.records.users import User
from scoring.services.audit import AuditLine, actor_label


def duration_text(seconds: float | None) -> str:
    """``0:12`` style, or empty."""
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def size_text(width: int | None, height: int | None) -> str:
    """``1920×1080`` or empty."""
    return f"{width}×{height}" if width and height else ""


def queue_rows(items: list[QueueItem]) -> list[dict[str, str]]:
    """A judge's queue as table rows (labels translated once, not per row)."""
    code, title, category, duration, shape, state = (
        t("entry.code"),
        t("entry.title"),
        t("entry.category"),
        t("entry.duration"),
        t("entry.orientation"),
        t("queue.status"),
    )
    words = {
        key: t(key)
        for key in {f"category.{i.category.value}" for i in items}
        | {f"orientation.{i.orientation}" for i in items if i.orientation}
        | {f"status.{i.status}" for i in items}
    }
    return [
        {
            code: item.code,
            title: item.title,
            category: words[f"category.{item.category.value}"],
            duration: duration_text(item.duration_s),
            shape: words[f"orientation.{item.orientation}"] if item.orientation else "",
            state: words[f"status.{item.status}"],
        }
        for item in items
    ]


def entry_rows(entries: list[EntrySummary]) -> list[dict[str, object]]:
    """The coordinators' entry table as rows, narrow enough for a laptop screen: scorecards
    as submitted / assigned; the video's facts are in the entry's detail."""
    labels = [
        t(k)
        for k in (
            "entry.code",
            "entry.title",
            "entry.category",
            "entry.producer",
            "entry.recommender",
            "entry.cqo_short",
            "entry.scorecards",
        )
    ]
    words = {c: t("category." + c) for c in {e.category.value for e in entries}}
    yes = t("common.yes")
    return [
        dict(
            zip(
                labels,
                (
                    e.code,
                    e.title,
                    words[e.category.value],
                    e.producer,
                    e.recommender,
                    yes if e.cqo_case else "",
                    f"{e.scorecards_submitted} / {e.judges_assigned}",
                ),
                strict=True,
            )
        )
        for e in entries
    ]


def entry_columns() -> dict[str, Any]:
    """Help texts of the entry table's terse columns."""
    return {
        t("entry.cqo_short"): st.column_config.TextColumn(help=t("entry.cqo_help")),
        t("entry.scorecards"): st.column_config.TextColumn(help=t("entry.scorecards_help")),
    }


def user_rows(users: list[User]) -> list[dict[str, object]]:
    """The users table."""
    return [
        {
            t("login.username"): u.username,
            t("users.display_name"): u.display_name,
            t("users.role"): t("role." + u.role.value),
            t("users.unit"): u.unit,
            t("users.state"): t("users.disabled") if u.disabled else t("users.active"),
            t("users.updated"): local_time(u.updated_at),
        }
        for u in users
    ]


def campaign_rows(campaigns: list[Campaign], active_id: int | None) -> list[dict[str, object]]:
    """The campaigns table: name, archived or not, the active one, when it was made."""
    return [
        {
            t("campaigns.name"): c.name,
            t("campaigns.state"): t("campaigns.archived") if c.archived_at else t("campaigns.open"),
            t("campaigns.active"): t("common.yes") if c.id == active_id else "",
            t("campaigns.created"): local_time(c.created_at),
        }
        for c in campaigns
    ]


def audit_rows(lines: list[AuditLine]) -> list[dict[str, object]]:
    """Audit lines as rows: when, who, the action in words, its object, the sentence."""
    return [
        {
            t("audit.time"): local_time(line.event.logged_at),
            t("audit.actor"): actor_label(line.event.actor, lang()),
            t("audit.action"): line.action_name,
            t("audit.target"): line.event.target,
            t("audit.text"): line.text,
        }
        for line in lines
    ]


def percent(share: float | None) -> str:
    """``87 %`` or empty."""
    return "" if share is None else f"{round(share * 100)} %"


def behind_rows(judges: list[JudgeProgress]) -> list[dict[str, object]]:
    """Judges with scorecards still to submit."""
    labels = [
        t(k)
        for k in (
            "users.display_name",
            "login.username",
            "progress.assigned",
            "status.submitted",
            "status.draft",
            "progress.remaining",
            "progress.recused",
        )
    ]
    return [
        dict(
            zip(
                labels,
                (
                    j.display_name,
                    j.username,
                    j.assigned,
                    j.submitted,
                    j.drafts,
                    j.assigned - j.submitted,
                    j.recused,
                ),
                strict=True,
            )
        )
        for j in judges
    ]


def card_rows(cards: list[ScorecardLine]) -> list[dict[str, object]]:
    """Every scorecard with its judge, state, source and watch coverage (labels and words
    translated once per table, the time zone looked up once: a round has ~1 000 cards)."""
    labels = [
        t(k)
        for k in (
            "entry.code",
            "progress.judge",
            "queue.status",
            "progress.source",
            "progress.marks",
            "progress.watched",
            "progress.updated",
            "progress.reopen_reason",
        )
    ]
    words = {k: t(k) for k in {f"status.{c.status.value}" for c in cards}}
    words |= {k: t(k) for k in {f"source.{c.source.value}" for c in cards}}
    when = clock()
    return [
        dict(
            zip(
                labels,
                (
                    c.code,
                    c.display_name or c.username,
                    words[f"status.{c.status.value}"],
                    words[f"source.{c.source.value}"],
                    c.marks_given,
                    percent(c.watch_share),
                    when(c.updated_at),
                    c.reopen_reason or "",
                ),
                strict=True,
            )
        )
        for c in cards
    ]


class _Problem(Protocol):
    """An entry, views or paper problem: where, what was there, and why (a catalog key)."""

    @property
    def line(self) -> int | None: ...
    @property
    def column(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def params(self) -> dict[str, object]: ...


def problem_rows(problems: Sequence[_Problem], *, labels: str = "views") -> list[dict[str, object]]:
    """A checked table's problems: line, column, the value (quoted short) and the reason;
    the first 20 of each kind in row order, then a row per kind saying how many more there
    are (a file with every row wrong has hundreds of thousands). ``labels``: the headings'
    catalog prefix (``views`` or ``entry_import``)."""
    names = [t(f"{labels}.{name}") for name in ("line", "column", "value", "reason")]
    cut = first_of_each_kind(problems)
    cells = [
        (_line(p.line), p.column, quote_value(p.value, lang(), marks=""), t(p.key, **p.params))
        for p in cut.shown
    ]
    for left in cut.unlisted:
        like = left.like
        more = t("problems.more", count=left.count, line=_line(like.line), column=like.column)
        cells.append(("…", like.column, "", more))
    return [dict(zip(names, row, strict=True)) for row in cells]


def _line(line: int | None) -> str:
    return t("entry_import.header_row") if line is None else str(line)
