"""A recommending unit's own works: it sees its own and nothing of another unit's, its
findings are the office's findings, and a work registered by it stays its draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from scoring.enums import EntryStage, Severity
from scoring.errors import JudgingError, NotAllowed, NotFound
from scoring.services.compliance import entry_detail
from scoring.services.context import Actor, Context
from scoring.services.entries import form, forwarding, pledges, unit_works
from scoring.services.entries.unit_works import unit_view
from scoring.services.media import player_sources
from scoring.storage import entries as entry_store
from tests.conftest import COORD
from tests.services.entries.units_setup import (
    LANZHOU,
    PLEDGES,
    TIANSHUI,
    Units,
    register,
    upload,
    work_texts,
)


def codes(ctx: Context, actor: Actor) -> list[str]:
    return [w.entry.code for w in unit_works.unit_works(ctx, actor=actor, campaign_id=1)]


def test_each_unit_sees_only_its_own_works(units: Units) -> None:
    register(units.ctx, units.lanzhou, "TJ-001")
    register(units.ctx, units.lanzhou, "TJ-002")
    register(units.ctx, units.tianshui, "TJ-003")

    assert codes(units.ctx, units.lanzhou) == ["TJ-001", "TJ-002"]
    assert codes(units.ctx, units.tianshui) == ["TJ-003"]


def test_a_units_new_work_is_its_draft_with_its_own_unit_as_recommender(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", recommender="")

    assert saved.entry is not None
    assert (saved.entry.unit, saved.entry.recommender, saved.entry.stage) == (
        LANZHOU,
        LANZHOU,
        EntryStage.DRAFT,
    )


def test_a_unit_may_not_name_another_unit_as_recommender(units: Units) -> None:
    outcome = form.save_entry(
        units.ctx,
        actor=units.lanzhou,
        campaign_id=1,
        texts=work_texts("TJ-001", recommender=TIANSHUI),
        editing=False,
    )

    assert [(p.column, p.key, p.params) for p in outcome.problems] == [
        ("recommender", "unit_works.recommender_other", {"unit": LANZHOU})
    ]
    assert codes(units.ctx, units.lanzhou) == []


def test_a_unit_may_not_take_a_code_of_another_units_work(units: Units) -> None:
    register(units.ctx, units.tianshui, "TJ-001")

    outcome = form.save_entry(
        units.ctx,
        actor=units.lanzhou,
        campaign_id=1,
        texts=work_texts("TJ-001", title="别人的编号"),
        editing=False,
    )

    assert [(p.column, p.key) for p in outcome.problems] == [("code", "entry_form.code_taken")]
    stored = units.ctx.db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, "TJ-001"))
    assert stored is not None and (stored.unit, stored.title) == (TIANSHUI, "一碗面的标准")


Refused = Callable[[Context, Actor, int], Any]
OTHER_UNITS_WORK: dict[str, Refused] = {
    "detail": lambda c, a, i: unit_works.unit_work_detail(c, actor=a, entry_id=i),
    "pledge_upload": lambda c, a, i: pledges.attach_pledge(
        c, actor=a, entry_id=i, upload=upload("p.pdf", (PLEDGES / "pledge.pdf").read_bytes())
    ),
    "pledge_download": lambda c, a, i: pledges.pledge_download(c, actor=a, entry_id=i),
    "forward": lambda c, a, i: forwarding.forward_works(c, actor=a, campaign_id=1, entry_ids=[i]),
    "player": lambda c, a, i: player_sources(c, actor=a, entry_id=i),
    "form_texts": lambda c, a, i: form.entry_form_texts(c, actor=a, campaign_id=1, code="TJ-001"),
    "form_edit": lambda c, a, i: form.save_entry(
        c, actor=a, campaign_id=1, texts=work_texts("TJ-001", title="改掉"), editing=True
    ),
    "draft_id": lambda c, a, i: unit_works.draft_id(c, actor=a, campaign_id=1, code="TJ-001"),
}


@pytest.mark.parametrize("name", sorted(OTHER_UNITS_WORK))
def test_a_unit_calling_a_service_for_another_units_work_is_refused(
    units: Units, name: str
) -> None:
    theirs = register(units.ctx, units.tianshui, "TJ-001").entry
    assert theirs is not None

    with pytest.raises((NotAllowed, NotFound)) as refused:
        OTHER_UNITS_WORK[name](units.ctx, units.lanzhou, theirs.id)

    assert TIANSHUI not in refused.value.message("zh")
    after = units.ctx.db.read(lambda cur: entry_store.get_entry(cur, theirs.id))
    assert after == theirs  # nothing of it changed


def test_another_units_work_and_a_missing_one_are_refused_alike(units: Units) -> None:
    theirs = register(units.ctx, units.tianshui, "TJ-001").entry
    assert theirs is not None

    messages = []
    for entry_id in (theirs.id, 999):
        with pytest.raises(NotAllowed) as refused:
            unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=entry_id)
        messages.append(refused.value.message("zh").replace(str(entry_id), "#"))

    assert (
        messages == ["本单位没有作品 #，无法打开或修改。请在“本单位作品”中选择本单位的作品。"] * 2
    )


def test_a_unit_user_without_a_unit_is_refused(units: Units) -> None:
    nowhere = Actor("unit9", units.lanzhou.role, 99, "")

    with pytest.raises(NotAllowed) as refused:
        unit_works.unit_works(units.ctx, actor=nowhere, campaign_id=1)

    assert refused.value.key == "error.unit_user_without_unit"


def test_the_unit_sees_the_same_findings_as_the_office(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001", synopsis="长" * 101, pledge=False)
    assert saved.entry is not None
    entry_id = saved.entry.id
    as_draft = unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=entry_id)
    forwarding.forward_works(
        units.ctx, actor=units.lanzhou, campaign_id=1, entry_ids=[entry_id], accept_errors=True
    )

    for_unit = unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=entry_id)
    for_office = entry_detail(units.ctx, actor=COORD, entry_id=entry_id)

    assert for_unit.findings == for_office.findings
    assert [(f.rule, f.message_key) for f in as_draft.findings] == [
        (f.rule, f.message_key) for f in for_office.findings
    ]
    errors = [(f.rule, f.message_key) for f in for_office.findings if f.severity is Severity.ERROR]
    assert errors == [
        ("synopsis", "rule.synopsis.too_long"),
        ("copyright_pledge", "rule.copyright_pledge.missing"),
    ]


def test_findings_naming_other_units_works_say_how_many_instead(units: Units) -> None:
    theirs = register(units.ctx, units.tianshui, "TJ-001").entry
    mine = register(units.ctx, units.lanzhou, "TJ-002").entry
    assert theirs is not None and mine is not None
    for unit, entry in ((units.tianshui, theirs), (units.lanzhou, mine)):
        forwarding.forward_works(units.ctx, actor=unit, campaign_id=1, entry_ids=[entry.id])

    office = entry_detail(units.ctx, actor=COORD, entry_id=mine.id).findings
    seen = unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=mine.id)

    office_dup = next(f for f in office if f.rule == "duplicate")
    unit_dup = next(f for f in seen.findings if f.rule == "duplicate")
    assert (office_dup.message_key, office_dup.params) == (
        "rule.duplicate.found",
        {"codes": "TJ-001"},
    )
    assert (unit_dup.message_key, unit_dup.params) == ("rule.duplicate.found_masked", {"hidden": 1})
    assert unit_dup.severity is office_dup.severity is Severity.ERROR
    assert [f for f in seen.findings if f.rule != "duplicate"] == [
        f for f in office if f.rule != "duplicate"
    ]


def test_a_finding_naming_only_own_works_is_shown_as_it_is(units: Units) -> None:
    first = register(units.ctx, units.lanzhou, "TJ-001").entry
    second = register(units.ctx, units.lanzhou, "TJ-002").entry
    assert first is not None and second is not None

    detail = unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=second.id)

    duplicate = next(f for f in detail.findings if f.rule == "duplicate")
    assert (duplicate.message_key, duplicate.params) == (
        "rule.duplicate.found",
        {"codes": "TJ-001"},
    )
    assert unit_view(duplicate, {"TJ-001", "TJ-002"}) is duplicate


def test_drafts_of_one_unit_are_not_compared_with_another_units_drafts(units: Units) -> None:
    register(units.ctx, units.tianshui, "TJ-001")
    mine = register(units.ctx, units.lanzhou, "TJ-002").entry
    assert mine is not None

    detail = unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=mine.id)

    assert {f.rule: f.message_key for f in detail.findings}["duplicate"] == "rule.duplicate.ok"


def test_states_move_from_draft_to_received_and_never_show_a_score(units: Units) -> None:
    saved = register(units.ctx, units.lanzhou, "TJ-001").entry
    register(units.ctx, units.lanzhou, "TJ-002", video=False)
    assert saved is not None
    forwarding.forward_works(units.ctx, actor=units.lanzhou, campaign_id=1, entry_ids=[saved.id])

    works = unit_works.unit_works(units.ctx, actor=units.lanzhou, campaign_id=1)

    assert [(w.entry.code, w.state, w.worst, w.errors) for w in works] == [
        ("TJ-001", "received", Severity.OK, 0),
        ("TJ-002", "draft", Severity.ERROR, 1),  # no video yet
    ]
    assert not any(hasattr(w, "score") or hasattr(w, "total") for w in works)


def test_the_suggested_code_is_the_next_free_one(units: Units) -> None:
    assert unit_works.suggested_code(units.ctx, actor=units.lanzhou, campaign_id=1) == "TJ-001"
    register(units.ctx, units.tianshui, "TJ-007")

    assert unit_works.suggested_code(units.ctx, actor=units.lanzhou, campaign_id=1) == "TJ-008"


def test_every_refusal_is_a_message_in_both_languages(units: Units) -> None:
    with pytest.raises(JudgingError) as refused:
        unit_works.unit_work_detail(units.ctx, actor=units.lanzhou, entry_id=5)
    assert refused.value.message("en") == (
        "Your unit has no entry 5, so it cannot be opened or changed."
        ' Pick one of your unit\'s works on the "Our works" page.'
    )
