"""Viewing figures (SPEC §5): times as people type them and the views table (its headers,
its row). Counts are read by ``scoring.domain.counts``, platform names by
``scoring.domain.platforms``; an import's cells and staged rows are checked by
``scoring.domain.view_cells`` and ``scoring.domain.view_checks``; the anomaly flags are in
``scoring.domain.anomalies``.

Pure: the caller reads the table (``scoring.tables``) and stores the result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, TypeVar
from zoneinfo import ZoneInfo

from scoring.domain.counts import parse_count
from scoring.domain.platforms import Platform, fold_name, normalise_platform
from scoring.errors import InvalidInput

DEFAULT_ZONE: Final = "Asia/Shanghai"  # SPEC §5: a time without a zone is Beijing time
COUNT_FIELDS: Final = ("views", "likes", "comments", "shares")

# --- times -------------------------------------------------------------------------------

_CJK_TIME: Final = str.maketrans({"年": "-", "月": "-", "日": " ", "时": ":", "点": ":", "分": ":"})
_LOOSE_TIME: Final = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]+(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?:?)?"
)


def parse_time(text: str, *, zone: str = DEFAULT_ZONE) -> datetime:
    """ISO 8601, "2023/5/21 10:00", "2023年5月21日 10时"… → an aware UTC datetime."""
    raw = text.strip()
    if not raw:
        raise InvalidInput("time.empty")
    folded = unicodedata.normalize("NFKC", raw)
    try:
        moment = datetime.fromisoformat(folded)
    except ValueError:
        moment = _parse_loose_time(folded, raw)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def _parse_loose_time(folded: str, raw: str) -> datetime:
    spaced = " ".join(folded.replace("秒", "").translate(_CJK_TIME).split())
    match = _LOOSE_TIME.fullmatch(spaced)
    if match is None:
        raise InvalidInput("time.not_a_time", value=raw)
    year, _, month, day, hour, minute, second = match.groups()
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise InvalidInput("time.impossible", value=raw) from None


# --- the views table ---------------------------------------------------------------------

VIEW_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "code": ("作品编号", "code"),
    "platform": ("平台", "platform", "展播平台", "发布平台"),
    "views": ("播放量", "views", "观看次数", "播放次数", "观看量", "浏览量"),
    "likes": ("点赞数", "likes", "点赞", "点赞量"),
    "comments": ("评论数", "comments", "评论", "评论量"),
    "shares": ("转发数·分享数", "shares", "转发数", "分享数", "转发", "分享"),
    "captured_at": ("采集时间", "captured_at", "时间", "统计时间", "采集日期", "统计日期"),
}
REQUIRED_VIEW_FIELDS: Final = ("code", "platform", "views", "captured_at")
# What the importer appends to the CSV of rejected rows; read back as ignored columns, so
# that file can be corrected and imported as it is.
REJECTED_ROW_HEADERS: Final = ("原行号/line", "问题列/column", "问题值/value", "问题/problem")
# Columns people add for their own reading; accepted and not read.
IGNORED_VIEW_HEADERS: Final = ("序号", "作品名称", "title", "备注", "note", *REJECTED_ROW_HEADERS)
_FIELD_BY_HEADER: Final = {fold_name(h): f for f, hs in VIEW_HEADERS.items() for h in hs}
_IGNORED: Final = frozenset(fold_name(h) for h in IGNORED_VIEW_HEADERS)
_HEADER_PARTS: Final = re.compile(r"[/·・、|()]")


def _header_field(header: str) -> str | None:
    folded = fold_name(header)
    if folded in _FIELD_BY_HEADER:
        return _FIELD_BY_HEADER[folded]
    # "作品编号/code", "播放量（views）", "转发数/分享数": every part must name the same field.
    fields = {_FIELD_BY_HEADER.get(p) for p in _HEADER_PARTS.split(folded) if p}
    return fields.pop() if len(fields) == 1 else None


def map_view_headers(headers: Sequence[str]) -> dict[str, str]:
    """Field → the file's header for it; unknown, doubled or missing columns raise."""
    accepted = ", ".join(f"{names[0]}/{names[1]}" for names in VIEW_HEADERS.values())
    found: dict[str, list[str]] = {}
    unknown = []
    for header in headers:
        field = _header_field(header)
        if field is not None:
            found.setdefault(field, []).append(header)
        elif fold_name(header) not in _IGNORED:
            unknown.append(header)
    if unknown:
        ignored = ", ".join(IGNORED_VIEW_HEADERS)
        raise InvalidInput(
            "views.unknown_columns", columns=", ".join(unknown), accepted=accepted, ignored=ignored
        )
    doubled = [", ".join(hs) for hs in found.values() if len(hs) > 1]
    if doubled:
        raise InvalidInput("views.duplicate_column", columns="; ".join(doubled))
    missing = [f"{VIEW_HEADERS[f][0]}/{f}" for f in REQUIRED_VIEW_FIELDS if f not in found]
    if missing:
        raise InvalidInput("views.missing_columns", columns=", ".join(missing), accepted=accepted)
    return {field: hs[0] for field, hs in found.items()}


def view_columns(headers: Sequence[str]) -> dict[str, int]:
    """Field → the position of its column (``map_view_headers``, whose problems it raises)."""
    return {field: headers.index(h) for field, h in map_view_headers(headers).items()}


@dataclass(frozen=True, kw_only=True)
class ViewRow:
    """One good row of a views table, before the entry code is looked up."""

    line: int
    code: str
    platform: Platform
    captured_at: datetime
    views: int
    likes: int | None
    comments: int | None
    shares: int | None


@dataclass(frozen=True, kw_only=True)
class RowProblem:
    """Why one cell of one row was refused: a catalog key and the facts for its message."""

    line: int
    column: str
    value: str
    key: str
    params: dict[str, object]


_T = TypeVar("_T")


@dataclass(frozen=True)
class _CellReader:
    """Reads the cells of one row, keeping every problem instead of stopping at the first."""

    cells: Mapping[str, str]
    columns: Mapping[str, str]
    line: int
    problems: list[RowProblem]

    def read(self, field: str, parse: Callable[[str], _T], *, optional: bool = False) -> _T | None:
        header = self.columns.get(field, "")
        text = self.cells.get(header, "").strip() if header else ""
        if optional and not text:
            return None
        try:
            return parse(text)
        except InvalidInput as bad:
            params = dict(bad.params)
            self.problems.append(
                RowProblem(line=self.line, column=header, value=text, key=bad.key, params=params)
            )
            return None


def parse_view_row(
    cells: Mapping[str, str],
    *,
    line: int,
    columns: Mapping[str, str],
    now: datetime,
    campaign_start: datetime | None = None,
    zone: str = DEFAULT_ZONE,
) -> ViewRow | list[RowProblem]:
    """Parse one row (header → text) with ``columns`` from ``map_view_headers``; all problems."""

    def captured(text: str) -> datetime:
        return parse_capture(text, now=now, campaign_start=campaign_start, zone=zone)

    row = _CellReader(cells, columns, line, problems=[])
    code = row.read("code", parse_entry_code)
    platform = row.read("platform", normalise_platform)
    views = row.read("views", parse_count)
    likes, comments, shares = (row.read(f, parse_count, optional=True) for f in COUNT_FIELDS[1:])
    captured_at = row.read("captured_at", captured)
    if code is None or platform is None or views is None or captured_at is None or row.problems:
        return row.problems
    return ViewRow(
        line=line,
        code=code,
        platform=platform,
        captured_at=captured_at,
        views=views,
        likes=likes,
        comments=comments,
        shares=shares,
    )


def parse_entry_code(text: str) -> str:
    """An entry code as written (stripped); an empty cell raises ``views.code_empty``."""
    code = text.strip()
    if not code:
        raise InvalidInput("views.code_empty")
    return code


def parse_capture(
    text: str, *, now: datetime, campaign_start: datetime | None, zone: str = DEFAULT_ZONE
) -> datetime:
    """A capture time (``parse_time``) that is neither after ``now`` nor before the campaign."""
    moment = parse_time(text, zone=zone)
    if moment > now:
        raise InvalidInput("time.in_future", value=text, now=local_time_text(now, zone))
    if campaign_start is not None and moment < campaign_start:
        raise InvalidInput(
            "time.before_campaign", value=text, start=local_time_text(campaign_start, zone)
        )
    return moment


def local_time_text(moment: datetime, zone: str = DEFAULT_ZONE) -> str:
    """A time for a message, on the wall clock of ``zone`` (people do not read UTC)."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
