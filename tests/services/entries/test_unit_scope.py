"""services/entries/_unit_scope.py: a unit's user touches its own unit's works only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.domain.entry_rows import EntryProblem, EntryRow
from scoring.enums import EntryStage, Role
from scoring.errors import NotAllowed
from scoring.records.entries import Entry
from scoring.services.context import Actor, Context
from scoring.services.entries import _unit_scope as scope
from tests.campaign_factory import make_campaign

UNIT = Actor("xb", Role.UNIT, 5, "西北师大")
OTHER_UNIT = Actor("ld", Role.UNIT, 6, "兰州大学")
COORD = Actor("coord", Role.COORDINATOR, 2)
COLUMNS = {"code": "作品编号", "recommender": "推荐单位"}


def test_unit_of_refuses_other_roles_and_a_unit_user_without_unit() -> None:
    assert scope.unit_of(UNIT) == "西北师大"
    with pytest.raises(NotAllowed):
        scope.unit_of(COORD)
    with pytest.raises(NotAllowed) as raised:
        scope.unit_of(Actor("nobody", Role.UNIT, 7, "  "))
    assert (raised.value.key, raised.value.params) == (
        "error.unit_user_without_unit",
        {"user": "nobody"},
    )
    assert (scope.is_unit(UNIT), scope.is_unit(COORD)) == (True, False)


def test_another_units_work_and_a_missing_one_are_refused_alike(ctx: Context) -> None:
    camp = make_campaign(ctx)
    mine = camp.entry("U1", unit="西北师大", stage=EntryStage.DRAFT)
    theirs = camp.entry("L1", unit="兰州大学", stage=EntryStage.DRAFT)
    assert ctx.db.read(lambda c: scope.owned_entry(c, UNIT, mine.id)) == mine
    assert ctx.db.read(lambda c: scope.owned_draft(c, UNIT, mine.id)) == mine
    for entry_id in (theirs.id, theirs.id + 100):
        with pytest.raises(NotAllowed) as raised:
            ctx.db.read(lambda c, e=entry_id: scope.owned_entry(c, UNIT, e))
        assert (raised.value.key, raised.value.params) == (
            "error.unit_entry_refused",
            {"entry": entry_id},
        )


def test_a_forwarded_work_is_no_longer_the_units_to_change(ctx: Context) -> None:
    camp = make_campaign(ctx)
    sent = camp.entry("U2", unit="西北师大")
    assert ctx.db.read(lambda c: scope.owned_entry(c, UNIT, sent.id)) == sent
    with pytest.raises(NotAllowed) as raised:
        ctx.db.read(lambda c: scope.owned_draft(c, UNIT, sent.id))
    assert (raised.value.key, raised.value.params) == ("error.unit_entry_forwarded", {"code": "U2"})


def _stored(ctx: Context) -> tuple[Entry, Entry, Entry]:
    camp = make_campaign(ctx)
    draft = camp.entry("U1", unit="西北师大", stage=EntryStage.DRAFT)
    sent = camp.entry("U2", unit="西北师大")
    office = camp.entry("O1")
    return draft, sent, office


def test_code_problem_for_units_and_the_office(ctx: Context) -> None:
    draft, sent, office = _stored(ctx)
    assert scope.code_problem(None, UNIT) is None
    assert scope.code_problem(draft, UNIT) is None
    assert scope.code_problem(sent, UNIT) == ("unit_works.code_forwarded", {})
    assert scope.code_problem(office, UNIT) == ("entry_form.code_taken", {})
    assert scope.code_problem(draft, OTHER_UNIT) == ("entry_form.code_taken", {})
    assert scope.code_problem(draft, COORD) == ("entry_form.code_taken", {})
    assert scope.code_problem(sent, COORD) is None
    assert scope.code_problem(office, COORD) is None


def test_unit_values_set_the_units_own_name_and_the_pledge_only_when_stored(
    ctx: Context,
) -> None:
    draft, _, _ = _stored(ctx)
    values = {"title": "t", "recommender": " 西北 师大 ", "copyright_pledge": True}
    assert scope.unit_values(values, UNIT, draft) == (
        {"title": "t", "recommender": "西北师大", "copyright_pledge": False},
        None,
    )
    with_pledge = replace(draft, pledge_sha256="a" * 64)
    scoped, problem = scope.unit_values({"recommender": "兰州大学"}, UNIT, with_pledge)
    assert scoped == {"recommender": "西北师大", "copyright_pledge": True}
    assert problem == ("unit_works.recommender_other", {"unit": "西北师大"})


def test_scoped_row_for_the_office_unit_and_a_refused_row(ctx: Context) -> None:
    draft, sent, _ = _stored(ctx)
    row = EntryRow(line=4, code="U1", values={"recommender": "兰州大学"})
    assert scope.scoped_row(row, None, COORD, COLUMNS) == row
    assert scope.scoped_row(row, draft, UNIT, COLUMNS) == EntryProblem(
        line=4,
        column="推荐单位",
        value="兰州大学",
        key="unit_works.recommender_other",
        params={"unit": "西北师大"},
    )
    assert scope.scoped_row(row, sent, UNIT, COLUMNS) == EntryProblem(
        line=4, column="作品编号", value="U1", key="unit_works.code_forwarded", params={}
    )
    plain = EntryRow(line=5, code="U1", values={"title": "新"})
    assert scope.scoped_row(plain, draft, UNIT, COLUMNS) == EntryRow(
        line=5,
        code="U1",
        values={"title": "新", "recommender": "西北师大", "copyright_pledge": False},
    )
