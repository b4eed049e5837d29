"""services/entries/form.py: adding or editing one entry by hand, by staff or a unit."""

from __future__ import annotations

import pytest

from scoring.domain.entry_rows import EntryProblem
from scoring.enums import Category, EntryStage, Role
from scoring.errors import NotAllowed, NotFound
from scoring.services.context import Actor, Context
from scoring.services.entries import form
from scoring.storage import entries as entry_store
from tests.campaign_factory import CampaignFactory, make_campaign
from tests.conftest import SHELL

UNIT = Actor("xb", Role.UNIT, 5, "西北师大")
JUDGE = Actor("wang", Role.JUDGE, 3)


def _texts(code: str, **more: str) -> dict[str, str]:
    return form.blank_texts() | {"code": code, "title": "一碗面", "producer": "兰州台"} | more


def _campaign(ctx: Context) -> CampaignFactory:
    camp = make_campaign(ctx)
    camp.entry("A1")
    camp.entry("U1", unit="西北师大", stage=EntryStage.DRAFT, producer="p")
    camp.entry("U2", unit="西北师大", producer="p")
    camp.entry("L1", unit="兰州大学", stage=EntryStage.DRAFT)
    return camp


def test_blank_texts_put_each_choice_on_its_first_word() -> None:
    texts = form.blank_texts()
    assert (texts["code"], texts["category"], texts["cqo_case"], texts["copyright_pledge"]) == (
        "",
        "微视频",
        "否",
        "未提交",
    )


def test_entry_choices_staff_get_received_entries_a_unit_its_drafts(ctx: Context) -> None:
    camp = _campaign(ctx)
    assert form.entry_choices(ctx, actor=SHELL, campaign_id=camp.campaign_id) == ["A1", "U2"]
    assert form.entry_choices(ctx, actor=UNIT, campaign_id=camp.campaign_id) == ["U1"]
    with pytest.raises(NotAllowed):
        form.entry_choices(ctx, actor=JUDGE, campaign_id=camp.campaign_id)


def test_entry_form_texts_show_only_what_the_actor_may_edit(ctx: Context) -> None:
    camp = _campaign(ctx)
    assert (
        form.entry_form_texts(ctx, actor=UNIT, campaign_id=camp.campaign_id, code="U1")["code"]
        == "U1"
    )
    assert (
        form.entry_form_texts(ctx, actor=SHELL, campaign_id=camp.campaign_id, code="A1")["title"]
        == "title of A1"
    )
    for actor, code in [(SHELL, "U1"), (UNIT, "A1"), (UNIT, "L1"), (UNIT, "U2"), (SHELL, "ZZ")]:
        with pytest.raises(NotFound) as raised:
            form.entry_form_texts(ctx, actor=actor, campaign_id=camp.campaign_id, code=code)
        assert raised.value.params == {"entry": code}


def test_staff_add_a_received_entry_and_a_taken_code_is_a_problem(ctx: Context) -> None:
    camp = _campaign(ctx)
    added = form.save_entry(
        ctx, actor=SHELL, campaign_id=camp.campaign_id, texts=_texts("B1"), editing=False
    )
    assert added.action == "create" and added.entry is not None
    assert (added.entry.code, added.entry.category, added.entry.stage, added.entry.unit) == (
        "B1",
        Category.MICRO_VIDEO,
        EntryStage.RECEIVED,
        "",
    )
    again = form.save_entry(
        ctx, actor=SHELL, campaign_id=camp.campaign_id, texts=_texts("B1"), editing=False
    )
    assert again == form.FormOutcome(
        entry=None,
        problems=(
            EntryProblem(
                line=None, column="code", value="B1", key="entry_form.code_exists", params={}
            ),
        ),
    )


def test_a_unit_adds_a_draft_of_its_own_and_cannot_name_another_unit(ctx: Context) -> None:
    camp = _campaign(ctx)
    mine = form.save_entry(
        ctx, actor=UNIT, campaign_id=camp.campaign_id, texts=_texts("U3"), editing=False
    )
    assert mine.entry is not None
    assert (mine.entry.stage, mine.entry.unit, mine.entry.recommender) == (
        EntryStage.DRAFT,
        "西北师大",
        "西北师大",
    )
    other = form.save_entry(
        ctx,
        actor=UNIT,
        campaign_id=camp.campaign_id,
        texts=_texts("U4", recommender="兰州大学"),
        editing=False,
    )
    assert [(p.column, p.key) for p in other.problems] == [
        ("recommender", "unit_works.recommender_other")
    ]
    assert ctx.db.read(lambda c: entry_store.get_entry_by_code(c, camp.campaign_id, "U4")) is None


def test_editing_refuses_what_is_not_the_actors(ctx: Context) -> None:
    camp = _campaign(ctx)
    with pytest.raises(NotAllowed) as forwarded:
        form.save_entry(
            ctx, actor=UNIT, campaign_id=camp.campaign_id, texts=_texts("U2"), editing=True
        )
    assert (forwarded.value.key, forwarded.value.params) == (
        "error.unit_entry_forwarded",
        {"code": "U2"},
    )
    for actor, code in [(UNIT, "L1"), (SHELL, "U1"), (SHELL, "ZZ")]:
        with pytest.raises(NotFound):
            form.save_entry(
                ctx, actor=actor, campaign_id=camp.campaign_id, texts=_texts(code), editing=True
            )
    with pytest.raises(NotAllowed):
        form.save_entry(
            ctx, actor=JUDGE, campaign_id=camp.campaign_id, texts=_texts("A1"), editing=True
        )


def test_editing_with_the_same_texts_leaves_the_entry_unchanged(ctx: Context) -> None:
    camp = _campaign(ctx)
    texts = form.entry_form_texts(ctx, actor=SHELL, campaign_id=camp.campaign_id, code="A1")
    texts["producer"] = "兰州台"
    first = form.save_entry(
        ctx, actor=SHELL, campaign_id=camp.campaign_id, texts=texts, editing=True
    )
    second = form.save_entry(
        ctx, actor=SHELL, campaign_id=camp.campaign_id, texts=texts, editing=True
    )
    assert (first.action, second.action) == ("update", "unchanged")
    assert second.entry == first.entry
