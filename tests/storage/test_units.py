"""storage/units.py: liaisons, pledge files, and the per-unit tallies."""

from __future__ import annotations

from dataclasses import replace

from scoring.enums import ConflictKind, EntryStage, ScorecardStatus
from scoring.records.judging import Conflict
from scoring.records.progress import WorkProgress
from scoring.records.units import PledgeFile, UnitTally
from scoring.services.context import Context
from scoring.storage import assignments, units
from tests.campaign_factory import make_campaign
from tests.conftest import T0


def test_a_pledge_file_is_stored_once_under_its_sha(ctx: Context) -> None:
    pledge = PledgeFile(
        sha256="f" * 64, kind="pdf", size_bytes=2048, original_name="附件3.pdf", stored_at=T0
    )
    ctx.db.write(lambda c: units.add_pledge_file(c, pledge))
    again = replace(pledge, original_name="copy.pdf")
    ctx.db.write(lambda c: units.add_pledge_file(c, again))
    assert ctx.db.read(lambda c: units.get_pledge_file(c, "f" * 64)) == pledge
    assert ctx.db.read(lambda c: units.get_pledge_file(c, "0" * 64)) is None


def test_saving_a_contact_replaces_the_units_one_and_lists_by_unit(ctx: Context) -> None:
    camp = make_campaign(ctx)
    camp.unit("西北师大", "王")
    camp.unit("兰州大学", "李")
    newer = camp.unit("西北师大", "赵")
    make_campaign(ctx, "另一个").unit("甘肃日报")
    assert ctx.db.read(lambda c: units.get_contact(c, camp.campaign_id, "西北师大")) == newer
    assert ctx.db.read(lambda c: units.get_contact(c, camp.campaign_id, "甘肃日报")) is None
    listed = ctx.db.read(lambda c: units.list_contacts(c, camp.campaign_id))
    assert [(x.unit, x.name) for x in listed] == [("兰州大学", "李"), ("西北师大", "赵")]


def test_unit_tallies_count_a_units_registered_forwarded_and_pledgeless_works(
    ctx: Context,
) -> None:
    camp = make_campaign(ctx)
    assert ctx.db.read(lambda c: units.unit_tallies(c, camp.campaign_id)) == []
    camp.entry("U1", unit="西北师大", stage=EntryStage.DRAFT)
    camp.entry("U2", unit="西北师大", copyright_pledge=True)
    camp.entry("O1", recommender=" 兰州大学 ")  # the office's entry: its 推荐单位, trimmed
    camp.entry("O2")  # no unit at all: not tallied
    tallies = ctx.db.read(lambda c: units.unit_tallies(c, camp.campaign_id))
    assert tallies == [
        UnitTally(unit="兰州大学", registered=1, forwarded=1, without_pledge=1),
        UnitTally(unit="西北师大", registered=2, forwarded=1, without_pledge=1),
    ]


def test_unit_work_progress_counts_open_assignments_and_submitted_cards(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang, li = camp.judge("wang"), camp.judge("li")
    b = camp.entry("U2", unit="西北师大")
    a = camp.entry("U1", unit="西北师大")
    camp.entry("U3", unit="西北师大", stage=EntryStage.DRAFT)
    camp.entry("X1", unit="兰州大学")
    camp.assign(wang, a)
    camp.assign(li, a)
    camp.assign(wang, b)
    conflict = Conflict(
        judge_id=li.id, entry_id=a.id, kind=ConflictKind.RECUSAL, declared_by="li", declared_at=T0
    )
    ctx.db.write(lambda c: assignments.add_conflict(c, conflict))
    camp.card(wang, a, 8.0)
    camp.card(wang, b, 6.0, status=ScorecardStatus.DRAFT)
    progress = ctx.db.read(lambda c: units.unit_work_progress(c, camp.campaign_id, "西北师大"))
    assert progress == [
        WorkProgress(entry_id=a.id, assigned=1, submitted=1),
        WorkProgress(entry_id=b.id, assigned=1, submitted=0),
    ]
    assert ctx.db.read(lambda c: units.unit_work_progress(c, camp.campaign_id, "无")) == []
