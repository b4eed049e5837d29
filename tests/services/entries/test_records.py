"""An entry with scorecards keeps its category and video unless the change is allowed.

Before, ``entries import`` of a known code with another category or video said "更新：1 件"
and the judges' submitted cards were then about another work. The demo campaign: GS-2023-002
(微视频 in the seed, D02.mp4) has four submitted cards, by judge1, judge2, judge3, judge5.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from scoring.domain.entry_fields import HEADERS
from scoring.domain.entry_rows import FORM_FIELDS, EntryProblem, entry_texts
from scoring.enums import Category
from scoring.errors import InvalidInput
from scoring.services.audit import audit_lines
from scoring.services.context import Context
from scoring.services.entries.form import save_entry
from scoring.services.entries.table_import import import_entries, plan_entry_import
from scoring.storage import entries as entry_store
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import COORD, SHELL
from tests.services.entries.test_table_import import checksums, stored_files

MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "media"
CARDS = {"code": "GS-2023-002", "count": 4, "judges": "judge1, judge2, judge3, judge5"}
REFUSAL = {**CARDS, "submitted": 4}


def texts_of(ctx: Context, stored_code: str, **changed: str) -> dict[str, str]:
    entry = ctx.db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, stored_code))
    assert entry is not None
    return {**entry_texts(entry), **changed}


def table(*rows: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([HEADERS[field][0] for field in FORM_FIELDS])
    writer.writerows([row[field] for field in FORM_FIELDS] for row in rows)
    return out.getvalue().encode()


def plan(ctx: Context, data: bytes, **options: bool):  # type: ignore[no-untyped-def]
    return plan_entry_import(ctx, actor=COORD, data=data, file_name="t.csv", **options)


def events(ctx: Context, action: str) -> list[tuple[str, dict[str, object]]]:
    found = ctx.db.read(lambda cur: list_events(cur, AuditFilter(action=action)))
    return [(e.target, e.details) for e in found]


def test_a_category_change_of_a_scored_entry_is_refused_naming_its_cards(
    demo_ctx: Context,
) -> None:
    data = table(texts_of(demo_ctx, "GS-2023-002", category="微动漫"))
    before = checksums(demo_ctx)

    found = plan(demo_ctx, data)
    report = import_entries(demo_ctx, actor=COORD, data=data, file_name="t.csv")

    assert found.problems == (
        EntryProblem(
            line=2,
            column="作品类别",
            value="微动漫",
            key="entry_import.scored_change",
            params=REFUSAL,
        ),
    )
    assert (report.written, report.updated) == (False, ())
    assert checksums(demo_ctx) == before


def test_an_allowed_change_is_written_and_audited_with_the_cards(demo_ctx: Context) -> None:
    data = table(texts_of(demo_ctx, "GS-2023-002", category="微动漫"))

    report = import_entries(
        demo_ctx, actor=COORD, data=data, file_name="t.csv", allow_scored_changes=True
    )

    assert (report.written, report.updated, report.plan.scored_codes) == (
        True,
        ("GS-2023-002",),
        ("GS-2023-002",),
    )
    stored = demo_ctx.db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, "GS-2023-002"))
    assert stored is not None and stored.category is Category.MICRO_ANIMATION
    assert events(demo_ctx, "entry.scored_change") == [
        (
            "GS-2023-002",
            {
                "origin": "t.csv",
                "entry_id": 2,
                "changes": {"category": {"old": "micro_video", "new": "micro_animation"}},
                "judges": ["judge1", "judge2", "judge3", "judge5"],
                "cards_submitted": 4,
            },
        )
    ]


def test_the_audit_log_reads_the_allowed_change_as_a_sentence(demo_ctx: Context) -> None:
    data = table(texts_of(demo_ctx, "GS-2023-002", category="微动漫"))
    import_entries(demo_ctx, actor=COORD, data=data, file_name="t.csv", allow_scored_changes=True)

    zh, en = (
        audit_lines(demo_ctx, actor=SHELL, lang=lang, action="entry.scored_change")[0].text
        for lang in ("zh", "en")
    )

    assert zh == (
        "coord 修改了已有评分表的作品 GS-2023-002 的类别或视频（来源：t.csv）："
        "作品类别 微视频 → 微动漫；该作品的评分表：judge1、judge2、judge3、judge5（已提交 4 份）。"
    )
    assert en == (
        "coord changed the category or video of GS-2023-002, which has scorecards (from t.csv):"
        " Category Micro-video → Micro-animation; its scorecards: judge1, judge2, judge3, judge5"
        " (4 submitted)."
    )


def test_another_video_name_for_a_scored_entry_is_refused(demo_ctx: Context) -> None:
    data = table(texts_of(demo_ctx, "GS-2023-002", media_file="另一个作品.mp4"))

    [problem] = plan(demo_ctx, data).problems

    assert (problem.column, problem.value, problem.key) == (
        "视频文件",
        "另一个作品.mp4",
        "entry_import.scored_change",
    )


def test_another_file_under_the_same_name_is_refused_when_written(
    demo_ctx: Context, tmp_path: Path
) -> None:
    folder = tmp_path / "videos"
    folder.mkdir()
    shutil.copyfile(MEDIA / "land_1080.mp4", folder / "D02.mp4")  # not the demo's D02.mp4
    data = table(texts_of(demo_ctx, "GS-2023-002"))
    before, files = checksums(demo_ctx), stored_files(demo_ctx)

    with pytest.raises(InvalidInput) as caught:
        import_entries(demo_ctx, actor=COORD, data=data, file_name="t.csv", media_dir=folder)

    assert (caught.value.key, caught.value.params) == ("entry_import.scored_change", REFUSAL)
    assert (checksums(demo_ctx), stored_files(demo_ctx)) == (before, files)


def test_other_fields_of_a_scored_entry_still_change(demo_ctx: Context) -> None:
    data = table(texts_of(demo_ctx, "GS-2023-002", title="电梯安全守护者（修订）"))

    report = import_entries(demo_ctx, actor=COORD, data=data, file_name="t.csv")

    assert (report.written, report.updated) == (True, ("GS-2023-002",))
    assert events(demo_ctx, "entry.scored_change") == []


def test_an_entry_without_scorecards_changes_category_freely(demo_ctx: Context) -> None:
    new = texts_of(demo_ctx, "GS-2023-002", code="GS-2023-099", media_file="新作品.mp4")
    import_entries(demo_ctx, actor=COORD, data=table(new), file_name="a.csv")

    changed = {**new, "category": "微动漫", "media_file": "又一个.mp4"}
    report = import_entries(demo_ctx, actor=COORD, data=table(changed), file_name="b.csv")

    assert (report.written, report.updated) == (True, ("GS-2023-099",))


def test_the_form_refuses_a_category_change_of_a_scored_entry(demo_ctx: Context) -> None:
    texts = texts_of(demo_ctx, "GS-2023-002", category="微动漫")
    before = checksums(demo_ctx)

    with pytest.raises(InvalidInput) as caught:
        save_entry(demo_ctx, actor=COORD, campaign_id=1, texts=texts, editing=True)

    assert (caught.value.key, caught.value.params) == ("entry_import.scored_change", REFUSAL)
    assert checksums(demo_ctx) == before


def test_the_form_may_be_allowed_a_scored_change(demo_ctx: Context) -> None:
    texts = texts_of(demo_ctx, "GS-2023-002", category="微动漫")

    saved = save_entry(
        demo_ctx,
        actor=COORD,
        campaign_id=1,
        texts=texts,
        editing=True,
        allow_scored_changes=True,
    )

    assert saved.entry is not None and saved.entry.category is Category.MICRO_ANIMATION
    assert [target for target, _ in events(demo_ctx, "entry.scored_change")] == ["GS-2023-002"]


def test_the_refusal_says_what_to_do_in_both_languages() -> None:
    error = InvalidInput("entry_import.scored_change", **REFUSAL)
    assert error.message("en") == (
        "Entry GS-2023-002 already has 4 scorecard(s) (judges: judge1, judge2, judge3, judge5;"
        " 4 submitted), so its category and video cannot change: the judges scored the work as"
        " it was. If it was registered wrong and the marks should stay with this entry, tick"
        " “Allow changing the category or video of scored entries” (on the command line:"
        " --allow-changing-scored) and import again; the change is logged. Otherwise keep the"
        " old category and video."
    )
    assert error.message("zh").startswith(
        "作品 GS-2023-002 已有 4 份评分表（评委：judge1, judge2, judge3, judge5；其中已提交 4 份）"
    )
