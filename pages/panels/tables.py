"""Turning records into the rows a table shows, with translated labels."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Protocol

import streamlit as st

from pages.frame.runtime import lang, local_time, t
from scoring.domain.problem_lists import first_of_each_kind
from scoring.i18n import quote_value
from scoring.records import (
    AuditEvent,
    EntrySummary,
    JudgeProgress,
    QueueItem,
    ScorecardLine,
    User,
)


def table_key(key: str, ids: Sequence[object]) -> str:
    """The widget key of a selectable table showing the rows ``ids``."""
    return f"{key}-{hashlib.blake2s(repr(tuple(ids)).encode(), digest_size=8).hexdigest()}"


def pick_row(rows: list[dict[str, object]], *, ids: Sequence[object], key: str) -> int | None:
    """A table with one selectable row; the index of the row picked, or None.

    Streamlit keeps a selection as a row position. The key carries which rows are shown,
    so a filter that changes the rows starts with no selection instead of a position that
    points past the end or at another entry.
    """
    picked = st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=table_key(key, ids),
    )
    chosen = picked.selection.rows
    return chosen[0] if chosen and 0 <= chosen[0] < len(ids) else None


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
    """The coordinators' entry table as rows."""
    return [
        {
            t("entry.code"): e.code,
            t("entry.title"): e.title,
            t("entry.category"): t("category." + e.category.value),
            t("entry.producer"): e.producer,
            t("entry.recommender"): e.recommender,
            t("entry.cqo"): t("common.yes") if e.cqo_case else "",
            t("entry.size"): size_text(e.width, e.height),
            t("entry.duration"): duration_text(e.duration_s),
            t("entry.judges"): e.judges_assigned,
            t("entry.submitted"): e.scorecards_submitted,
        }
        for e in entries
    ]


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


def audit_rows(events: list[AuditEvent]) -> list[dict[str, object]]:
    """Audit lines as rows; details as compact JSON text."""
    return [
        {
            t("audit.time"): local_time(e.logged_at),
            t("audit.actor"): e.actor,
            t("audit.action"): e.action,
            t("audit.target"): e.target,
            t("audit.details"): json.dumps(e.details, ensure_ascii=False) if e.details else "",
        }
        for e in events
    ]


def percent(share: float | None) -> str:
    """``87 %`` or empty."""
    return "" if share is None else f"{round(share * 100)} %"


def behind_rows(judges: list[JudgeProgress]) -> list[dict[str, object]]:
    """Judges with scorecards still to submit."""
    return [
        {
            t("users.display_name"): j.display_name,
            t("login.username"): j.username,
            t("progress.assigned"): j.assigned,
            t("status.submitted"): j.submitted,
            t("status.draft"): j.drafts,
            t("progress.remaining"): j.assigned - j.submitted,
            t("progress.recused"): j.recused,
        }
        for j in judges
    ]


def card_rows(cards: list[ScorecardLine]) -> list[dict[str, object]]:
    """Every scorecard with its state, source and watch coverage."""
    return [
        {
            t("entry.code"): c.code,
            t("login.username"): c.username,
            t("queue.status"): t("status." + c.status.value),
            t("progress.source"): t("source." + c.source.value),
            t("progress.marks"): c.marks_given,
            t("progress.watched"): percent(c.watch_share),
            t("progress.updated"): local_time(c.updated_at),
            t("progress.reopen_reason"): c.reopen_reason or "",
        }
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


def problem_table(problems: Sequence[_Problem], *, labels: str, key: str | None = None) -> None:
    """Problems as a table: the first 20 of each kind in row order, then a row per kind
    saying how many more there are (a file with every row wrong lists 400 000)."""
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
    rows = [dict(zip(names, row, strict=True)) for row in cells]
    st.dataframe(rows, hide_index=True, width="stretch", key=key)


def _line(line: int | None) -> str:
    return t("entry_import.header_row") if line is None else str(line)
