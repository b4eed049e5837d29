"""services/entries/_row_plans.py: what one row of an entry table would do, or why not."""

from __future__ import annotations

from scoring.domain.entry_rows import EntryProblem, EntryRow, FormRow, build_entry, check_rows
from scoring.records.entries import Entry, NewEntry
from scoring.services.context import Context
from scoring.services.entries import _row_plans as plans
from scoring.services.entries.form import blank_texts
from scoring.services.entries.media_files import MB, MediaSource
from scoring.services.entries.records import cards_by_entry
from scoring.services.entries.report import CREATE, UNCHANGED, UPDATE, PlannedRow
from scoring.storage import entries as entry_store
from tests.campaign_factory import make_campaign

COLUMNS = {"code": "作品编号", "category": "作品类别"}


def _row(**changed: str) -> EntryRow:
    texts = blank_texts() | {"code": "A1", "title": "一碗面", "producer": "兰州台"} | changed
    checked = check_rows(list(texts), [FormRow(texts)])
    assert checked.problems == ()
    return checked.rows[0]


def _plan(
    ctx: Context, campaign_id: int, row: EntryRow, old: Entry | None, *, allow: bool = False
) -> object:
    cards = ctx.db.read(lambda c: cards_by_entry(c, campaign_id))
    return plans.plan_row_of(
        ctx, row, old, source=None, campaign=campaign_id, columns=COLUMNS, cards=cards, allow=allow
    )


def _stored(campaign_id: int, ctx: Context) -> NewEntry:
    """The entry the plain row makes, as an earlier import stored it."""
    return build_entry(_row().values, campaign_id=campaign_id, now=ctx.now(), existing=None)


def _upload(sizes: dict[str, int]) -> MediaSource:
    return MediaSource(label="upload", opens=dict.fromkeys(sizes), sizes=sizes, limit_bytes=2 * MB)  # type: ignore[arg-type]


def test_a_new_code_creates_the_same_row_leaves_and_a_change_updates(ctx: Context) -> None:
    camp = make_campaign(ctx)
    new = _plan(ctx, camp.campaign_id, _row(), None)
    assert isinstance(new, PlannedRow) and (new.action, new.changes, new.media) == (
        CREATE,
        {},
        None,
    )
    ctx.db.write(lambda c: entry_store.add_entry(c, _stored(camp.campaign_id, ctx)))
    old = ctx.db.read(lambda c: entry_store.get_entry_by_code(c, camp.campaign_id, "A1"))
    same = _plan(ctx, camp.campaign_id, _row(), old)
    assert isinstance(same, PlannedRow) and same.action == UNCHANGED
    changed = _plan(ctx, camp.campaign_id, _row(title="两碗面"), old)
    assert isinstance(changed, PlannedRow)
    assert (changed.action, changed.changes) == (UPDATE, {"title": ("一碗面", "两碗面")})


def test_another_category_for_a_scored_entry_is_refused_unless_allowed(ctx: Context) -> None:
    camp = make_campaign(ctx)
    ctx.db.write(lambda c: entry_store.add_entry(c, _stored(camp.campaign_id, ctx)))
    old = ctx.db.read(lambda c: entry_store.get_entry_by_code(c, camp.campaign_id, "A1"))
    assert old is not None
    camp.card(camp.judge("wang"), old, 8.0)
    animated = _row(category="微动漫")
    refused = _plan(ctx, camp.campaign_id, animated, old)
    assert refused == EntryProblem(
        line=1,
        column="作品类别",
        value="微动漫",
        key="entry_import.scored_change",
        params={"code": "A1", "count": 1, "judges": "wang", "submitted": 1},
    )
    allowed = _plan(ctx, camp.campaign_id, animated, old, allow=True)
    assert isinstance(allowed, PlannedRow) and (allowed.action, allowed.scored) == (UPDATE, True)


def test_too_large_and_unused_concern_browser_uploads_only() -> None:
    source = _upload({"a.mp4": MB, "b.mp4": 3 * MB + MB // 2})
    assert plans.too_large(source, column="视频文件") == [
        EntryProblem(
            line=None,
            column="视频文件",
            value="b.mp4",
            key="entry_import.upload_too_large",
            params={"size_mb": 3.5, "limit_mb": 2},
        )
    ]
    used = PlannedRow(line=1, code="A1", values={}, media="a.mp4", action=CREATE, changes={})
    assert plans.unused(source, [used]) == ("b.mp4",)
    folder = MediaSource(label="/videos", opens={}, sizes={})
    assert (plans.too_large(folder, column="x"), plans.unused(folder, [])) == ([], ())
    assert (plans.too_large(None, column="x"), plans.unused(None, [])) == ([], ())
